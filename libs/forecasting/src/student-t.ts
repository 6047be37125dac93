import { createRequire } from 'node:module';
import type jStatModule from 'jstat';

const quantiles = new Map<string, number>();
// Required at the first quantile rather than imported: no read before the app listens needs it (bench:start).
let jStat: typeof jStatModule | undefined;

/**
 * The Student-t quantile at probability `p` with `degreesOfFreedom` (jstat's incomplete-beta inverse),
 * remembered: every OLS fit asks for one of a few dozen, and the inverse is an iterative search.
 */
export function studentTQuantile(p: number, degreesOfFreedom: number): number {
  const key = `${p}:${degreesOfFreedom}`;
  let q = quantiles.get(key);
  if (q === undefined) {
    if (quantiles.size >= 10_000) quantiles.clear();
    jStat ??= createRequire(import.meta.url)('jstat') as typeof jStatModule;
    quantiles.set(key, (q = jStat.studentt.inv(p, degreesOfFreedom)));
  }
  return q;
}
