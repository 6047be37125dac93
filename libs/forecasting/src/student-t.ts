import jStat from 'jstat';

/** The Student-t quantile at probability `p` with `degreesOfFreedom` (jstat's incomplete-beta inverse). */
export function studentTQuantile(p: number, degreesOfFreedom: number): number {
  return jStat.studentt.inv(p, degreesOfFreedom);
}
