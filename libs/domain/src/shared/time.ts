import { DateOutOfRange, EffectiveTimeInFuture, InvalidDate } from './shared.errors.js';

/** How far an effective time may lie beyond the command's `now`, for clients' clock skew. */
export const CLOCK_SKEW_ALLOWANCE_MS = 5 * 60 * 1000;

/**
 * The one range of dates the record holds, so that every accepted date is storable and
 * comparable by every read model: nothing before 1900, nothing planned beyond 2100.
 */
export const EARLIEST_DATE = '1900-01-01';
export const LATEST_PLANNED_DATE = '2100-12-31';
export const EARLIEST_DATE_MS = Date.UTC(1900, 0, 1);
/** The last instant of LATEST_PLANNED_DATE. */
export const LATEST_PLANNED_DATE_MS = Date.UTC(2101, 0, 1) - 1;

const PLAIN_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
// A zone is mandatory: a local time would be read in the server's zone, so not reproducible.
const INSTANT =
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(?:Z|[+-](\d{2}):(\d{2}))$/;

const isCalendarDate = (y: string, m: string, d: string): boolean => {
  const date = new Date(0);
  date.setUTCFullYear(Number(y), Number(m) - 1, Number(d));
  return date.getUTCMonth() === Number(m) - 1 && date.getUTCDate() === Number(d);
};

const inRange = (text: string | undefined, max: number): boolean =>
  text === undefined || Number(text) <= max;

/** True for `YYYY-MM-DD`, which counts as the start of that day, UTC. */
export const isPlainDate = (text: string): boolean => PLAIN_DATE.test(text);

/**
 * Milliseconds since the epoch for a plain date (start of day, UTC) or an instant with a
 * zone; `undefined` for anything else, including impossible dates such as 2019-02-30.
 */
export const toEpochMs = (text: unknown): number | undefined => {
  if (typeof text !== 'string') return undefined;
  const plain = PLAIN_DATE.exec(text);
  if (plain) return isCalendarDate(plain[1], plain[2], plain[3]) ? Date.parse(text) : undefined;
  const m = INSTANT.exec(text);
  if (!m || !isCalendarDate(m[1], m[2], m[3])) return undefined;
  const fieldsOk = inRange(m[4], 23) && inRange(m[5], 59) && inRange(m[6], 59);
  if (!fieldsOk || !inRange(m[7], 23) || !inRange(m[8], 59)) return undefined;
  const ms = Date.parse(text);
  return Number.isNaN(ms) ? undefined : ms;
};

/** The ISO 8601 UTC instant a date or instant stands for. */
export const toInstant = (text: string): string | undefined => {
  const ms = toEpochMs(text);
  return ms === undefined ? undefined : new Date(ms).toISOString();
};

/** A date or instant from EARLIEST_DATE to LATEST_PLANNED_DATE: due dates, targets, baselines. */
export const requireDate = (value: unknown, field: string): number => {
  const ms = toEpochMs(value);
  if (ms === undefined) throw new InvalidDate(field, value);
  if (ms < EARLIEST_DATE_MS || ms > LATEST_PLANNED_DATE_MS) throw new DateOutOfRange(field, String(value), EARLIEST_DATE, LATEST_PLANNED_DATE);
  return ms;
};

const commandTime = (now: string): number => {
  const ms = toEpochMs(now);
  // A bad `now` is a bug in the application layer, not bad input from the caller.
  if (ms === undefined) throw new TypeError(`command.now is not an ISO 8601 instant: ${now}`);
  return ms;
};

/** An effective date from EARLIEST_DATE to `now` plus the skew allowance. */
export const requireEffectiveTime = (value: unknown, field: string, now: string): number => {
  const ms = requireDate(value, field);
  if (ms > commandTime(now) + CLOCK_SKEW_ALLOWANCE_MS) {
    throw new EffectiveTimeInFuture(field, String(value), now);
  }
  return ms;
};
