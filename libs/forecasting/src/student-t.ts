import jStat from 'jstat';

const quantiles = new Map<string, number>();

/**
 * The Student-t quantile at probability `p` with `degreesOfFreedom` (jstat's incomplete-beta inverse),
 * remembered: every OLS fit asks for one of a few dozen, and the inverse is an iterative search.
 */
export function studentTQuantile(p: number, degreesOfFreedom: number): number {
  const key = `${p}:${degreesOfFreedom}`;
  let q = quantiles.get(key);
  if (q === undefined) {
    if (quantiles.size >= 10_000) quantiles.clear();
    quantiles.set(key, (q = jStat.studentt.inv(p, degreesOfFreedom)));
  }
  return q;
}
