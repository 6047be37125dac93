import { fitBy, type Fit, type ProjectionMethod } from './fit.js';
import { formulaOf } from './formula.js';
import { addDays, dayOf, daysBetween, pointsOf, valueAt, windowOf, type Figure, type Point } from './points.js';

export type Direction = 'lower-is-better' | 'higher-is-better';
export type ProjectionStatus = 'returned' | 'insufficient-data' | 'not-returning' | 'on-track' | 'at-risk' | 'off-track' | 'no-target';

export const DEFAULT_WINDOW_DAYS = 42;
export const MIN_POINTS = 4;
/** The return search looks this many whole days ahead of asOf's day. */
export const SEARCH_DAYS = 730;

export interface ProjectionInput {
  /** The qualifying figures after corrections (any order; those outside the window are ignored but for the value at asOf). */
  figures: readonly Figure[];
  asOf: Date;
  windowDays: number;
  method: ProjectionMethod;
  direction: Direction;
  baseline: number;
  tolerance: number;
  /** A UTC day, YYYY-MM-DD, or null without one. */
  targetDate: string | null;
}

export interface ProjectedReturn {
  date: string | null;
  earliest: string | null;
  latest: string | null;
}

export interface Projection {
  method: ProjectionMethod;
  window: { from: string; to: string; days: number };
  points: Point[];
  /** The value at asOf (the last figure effective by then), null before any. */
  value: number | null;
  intercept: number | null;
  slopePerDay: number | null;
  residualStdDev: number | null;
  tValue: number | null;
  targetLevel: number;
  targetDate: string | null;
  projectedReturn: ProjectedReturn | null;
  status: ProjectionStatus;
  pace: { requiredPerDay: number | null; actualPerDay: number | null };
  formula: string;
}

/** `L`: baseline plus tolerance when lower is better, minus it when higher is better. */
export const targetLevelOf = (direction: Direction, baseline: number, tolerance: number): number =>
  direction === 'higher-is-better' ? baseline - tolerance : baseline + tolerance;

/** At or better than `L`. */
export const recovered = (direction: Direction, level: number, value: number): boolean =>
  direction === 'higher-is-better' ? value >= level : value <= level;

/** The smallest whole x in 1..730 where `line(x)` is recovered; null when none is. */
export function firstReturn(line: (x: number) => number, direction: Direction, level: number): number | null {
  for (let x = 1; x <= SEARCH_DAYS; x++) if (recovered(direction, level, line(x))) return x;
  return null;
}

const pointsAway = (direction: Direction, slope: number) => (direction === 'higher-is-better' ? slope <= 0 : slope >= 0);

/** The projected return of a fit: the fitted line's, and its edges' (the sooner is `earliest`). */
export function projectedReturnOf(fit: Fit, direction: Direction, level: number, asOfDay: string): ProjectedReturn {
  const date = (x: number | null) => (x === null ? null : addDays(asOfDay, x));
  const [a, b] = fit.edges.map((edge) => firstReturn(edge, direction, level) ?? Infinity);
  const sooner = Math.min(a, b);
  const later = Math.max(a, b);
  return {
    date: date(firstReturn(fit.fitted, direction, level)),
    earliest: date(Number.isFinite(sooner) ? sooner : null),
    latest: date(Number.isFinite(later) ? later : null),
  };
}

function statusOf(value: number | null, fit: Fit | undefined, r: ProjectedReturn, x: ProjectionInput, level: number): ProjectionStatus {
  if (value !== null && recovered(x.direction, level, value)) return 'returned';
  if (!fit) return 'insufficient-data';
  if (pointsAway(x.direction, fit.slope)) return 'not-returning';
  if (x.targetDate === null) return 'no-target';
  if (r.date !== null && r.date <= x.targetDate) return 'on-track';
  if (r.earliest !== null && r.earliest <= x.targetDate) return 'at-risk';
  return 'off-track';
}

/** A projection exactly as the product's contract defines it; pure (asOf comes in). */
export function project(x: ProjectionInput): Projection {
  const asOfDay = dayOf(x.asOf);
  const w = windowOf(x.asOf, x.windowDays);
  const points = pointsOf(x.figures, x.asOf, x.windowDays);
  const value = valueAt(x.figures, x.asOf);
  const level = targetLevelOf(x.direction, x.baseline, x.tolerance);
  const fit = points.length >= MIN_POINTS ? fitBy(x.method, points) : undefined;
  const returns = fit ? projectedReturnOf(fit, x.direction, level, asOfDay) : { date: null, earliest: null, latest: null };
  const status = statusOf(value, fit, returns, x, level);
  const projects = status !== 'returned' && status !== 'insufficient-data' && status !== 'not-returning';
  const days = x.targetDate === null ? 0 : daysBetween(asOfDay, x.targetDate);
  return {
    method: x.method,
    window: { from: w.from.toISOString(), to: w.to.toISOString(), days: x.windowDays },
    points,
    value,
    intercept: fit?.intercept ?? null,
    slopePerDay: fit?.slope ?? null,
    residualStdDev: fit?.residualStdDev ?? null,
    tValue: fit?.tValue ?? null,
    targetLevel: level,
    targetDate: x.targetDate,
    projectedReturn: projects ? returns : null,
    status,
    pace: { requiredPerDay: value !== null && days > 0 ? (level - value) / days : null, actualPerDay: fit?.slope ?? null },
    formula: formulaOf({ method: x.method, direction: x.direction, baseline: x.baseline, tolerance: x.tolerance, windowDays: x.windowDays, asOfDay, n: points.length }),
  };
}

/** What a projection made at `asOf` says `horizon` days ahead: ŷ and its band; null with fewer than 4 points. */
export function forecastAt(figures: readonly Figure[], asOf: Date, windowDays: number, method: ProjectionMethod, horizon: number) {
  const points = pointsOf(figures, asOf, windowDays);
  if (points.length < MIN_POINTS) return null;
  const fit = fitBy(method, points);
  const [a, b] = fit.edges.map((edge) => edge(horizon));
  return { predicted: fit.fitted(horizon), low: Math.min(a, b), high: Math.max(a, b) };
}
