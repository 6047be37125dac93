import { fitBy } from './fit.js';
import { MIN_POINTS, project, recovered, SEARCH_DAYS, targetLevelOf, type ProjectionInput, type ProjectionStatus } from './projection.js';
import { addDays, dayOf, daysBetween, pointsOf, valueAt } from './points.js';

/**
 * The whole days x in 1..730 whose date is on or before the target date, as a count; undefined when
 * the target date does not read as a day (then only the full projection says what its status is).
 */
function daysWithinTarget(asOfDay: string, targetDate: string): number | undefined {
  const m = Math.min(SEARCH_DAYS, Math.max(0, daysBetween(asOfDay, targetDate)));
  if (!Number.isFinite(m)) return undefined;
  const inside = m === 0 || addDays(asOfDay, m) <= targetDate;
  const nextOutside = m === SEARCH_DAYS || addDays(asOfDay, m + 1) > targetDate;
  return inside && nextOutside ? m : undefined;
}

const returnsWithin = (line: (x: number) => number, input: ProjectionInput, level: number, days: number): boolean => {
  for (let x = 1; x <= days; x++) if (recovered(input.direction, level, line(x))) return true;
  return false;
};

/**
 * project(x).status without the points' texts, the formula or the whole 730-day return search: a
 * return counts only when it lands by the target date, so the search stops there.
 */
export function projectionStatus(x: ProjectionInput): ProjectionStatus {
  const level = targetLevelOf(x.direction, x.baseline, x.tolerance);
  const value = valueAt(x.figures, x.asOf);
  if (value !== null && recovered(x.direction, level, value)) return 'returned';
  const points = pointsOf(x.figures, x.asOf, x.windowDays);
  if (points.length < MIN_POINTS) return 'insufficient-data';
  const fit = fitBy(x.method, points);
  if (x.direction === 'higher-is-better' ? fit.slope <= 0 : fit.slope >= 0) return 'not-returning';
  if (x.targetDate === null) return 'no-target';
  const days = daysWithinTarget(dayOf(x.asOf), x.targetDate);
  if (days === undefined) return project(x).status;
  if (returnsWithin(fit.fitted, x, level, days)) return 'on-track';
  if (fit.edges.some((edge) => returnsWithin(edge, x, level, days))) return 'at-risk';
  return 'off-track';
}
