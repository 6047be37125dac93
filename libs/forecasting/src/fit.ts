import type { Point } from './points.js';
import { studentTQuantile } from './student-t.js';

export type ProjectionMethod = 'ols' | 'theil-sen';
export const PROJECTION_METHODS: readonly ProjectionMethod[] = ['ols', 'theil-sen'];

/** The probability of the band's upper edge: an 80 % two-sided band. */
export const BAND_QUANTILE = 0.9;

/** A straight line `intercept + slope·x`. */
export interface Line {
  intercept: number;
  slope: number;
}

/** A fitted trend: the line, and its two edges (the band's, or the percentile slopes'), in no order. */
export interface Fit extends Line {
  method: ProjectionMethod;
  n: number;
  /** OLS only: `s`, the residual standard deviation. */
  residualStdDev: number | null;
  /** OLS only: the Student-t 0.90 quantile with n−2 degrees of freedom. */
  tValue: number | null;
  /** Theil–Sen only: the 10th and 90th percentile slope lines. */
  range: { p10: Line; p90: Line } | null;
  fitted(x: number): number;
  edges: readonly [(x: number) => number, (x: number) => number];
}

const at = (l: Line) => (x: number) => l.intercept + l.slope * x;

/** Linear interpolation between closest ranks, as a spreadsheet's PERCENTILE.INC; `sorted` ascending, non-empty. */
export function percentileInc(sorted: ArrayLike<number>, p: number): number {
  const rank = p * (sorted.length - 1);
  const lo = Math.floor(rank);
  const hi = Math.min(lo + 1, sorted.length - 1);
  return sorted[lo] + (rank - lo) * (sorted[hi] - sorted[lo]);
}

export const median = (values: readonly number[]): number => percentileInc([...values].sort((a, b) => a - b), 0.5);

/** Ordinary least squares with the 80 % prediction band `t·s·√(1 + 1/n + (x−x̄)²/Sxx)`; needs n ≥ 3 distinct x. */
export function ols(points: readonly Point[]): Fit {
  const n = points.length;
  const xMean = points.reduce((t, p) => t + p.x, 0) / n;
  const yMean = points.reduce((t, p) => t + p.y, 0) / n;
  let sxx = 0;
  let sxy = 0;
  for (const p of points) {
    sxx += (p.x - xMean) ** 2;
    sxy += (p.x - xMean) * (p.y - yMean);
  }
  const slope = sxy / sxx;
  const intercept = yMean - slope * xMean;
  const sse = points.reduce((t, p) => t + (p.y - intercept - slope * p.x) ** 2, 0);
  const s = Math.sqrt(sse / (n - 2));
  const t = studentTQuantile(BAND_QUANTILE, n - 2);
  const fitted = at({ intercept, slope });
  const band = (x: number) => t * s * Math.sqrt(1 + 1 / n + (x - xMean) ** 2 / sxx);
  return {
    method: 'ols', n, intercept, slope, residualStdDev: s, tValue: t, range: null, fitted,
    edges: [(x) => fitted(x) - band(x), (x) => fitted(x) + band(x)],
  };
}

/** Theil–Sen: the median pairwise slope, the median intercept, the 10th/90th percentile slopes each with its own intercept. */
export function theilSen(points: readonly Point[]): Fit {
  const slopes = new Float64Array((points.length * (points.length - 1)) / 2);
  let k = 0;
  for (let i = 0; i < points.length; i++)
    for (let j = i + 1; j < points.length; j++) slopes[k++] = (points[j].y - points[i].y) / (points[j].x - points[i].x);
  slopes.sort();
  const lineAt = (slope: number): Line => ({ slope, intercept: median(points.map((p) => p.y - slope * p.x)) });
  const line = lineAt(percentileInc(slopes, 0.5));
  const p10 = lineAt(percentileInc(slopes, 0.1));
  const p90 = lineAt(percentileInc(slopes, 0.9));
  return {
    method: 'theil-sen', n: points.length, ...line, residualStdDev: null, tValue: null, range: { p10, p90 }, fitted: at(line),
    edges: [at(p10), at(p90)],
  };
}

export const fitBy = (method: ProjectionMethod, points: readonly Point[]): Fit => (method === 'ols' ? ols(points) : theilSen(points));
