import { DEFAULT_WINDOW_DAYS, PROJECTION_METHODS, type ProjectionMethod } from '@rm/forecasting';
import { parseMoment } from '@rm/projections';
import { invalid } from '../http/problem.js';

/** A whole number from `min` to `max`, `fallback` when absent. */
export function wholeParam(field: string, value: string | undefined, fallback: number, min: number, max: number): number {
  if (value === undefined || value === '') return fallback;
  if (!/^\d{1,6}$/.test(value) || Number(value) < min || Number(value) > max) throw invalid(field, `must be a whole number from ${min} to ${max}`);
  return Number(value);
}

export function methodParam(value: string | undefined): ProjectionMethod {
  if (value === undefined || value === '') return 'ols';
  if (!PROJECTION_METHODS.includes(value as ProjectionMethod)) throw invalid('method', `must be one of ${PROJECTION_METHODS.join(', ')}`);
  return value as ProjectionMethod;
}

// Theil–Sen sorts every pair of points: 730 days is 266,085 slopes, a few milliseconds.
export const MAX_WINDOW_DAYS = 730;
export const windowParam = (value: string | undefined) => wholeParam('window', value, DEFAULT_WINDOW_DAYS, 1, MAX_WINDOW_DAYS);

/** A UTC day, YYYY-MM-DD; undefined when absent. */
export function dayParam(field: string, value: string | undefined): string | undefined {
  if (value === undefined || value === '') return undefined;
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) throw invalid(field, 'must be a day, YYYY-MM-DD');
  try {
    parseMoment('asOf', value);
  } catch {
    throw invalid(field, 'must be a real calendar day');
  }
  return value;
}
