import { ProblemException } from './problem.js';

const bad = (field: string, message: string) =>
  new ProblemException(400, 'VALIDATION.FAILED', 'Bad request', `${field} ${message}`, [{ field, message }]);

/** `limit`: an integer from 1 to `max`, `fallback` when absent. */
export function limitParam(value: string | undefined, fallback = 100, max = 1000): number {
  if (value === undefined || value === '') return fallback;
  if (!/^\d{1,7}$/.test(value) || Number(value) < 1 || Number(value) > max) throw bad('limit', `must be an integer from 1 to ${max}`);
  return Number(value);
}

/** A log position or revision given as a decimal string; exact beyond 2^53. */
export function bigintParam(field: string, value: string | undefined): bigint | undefined {
  if (value === undefined || value === '') return undefined;
  if (!/^\d{1,19}$/.test(value) || BigInt(value) > 9223372036854775807n) throw bad(field, 'must be a non-negative integer (a log position)');
  return BigInt(value);
}
