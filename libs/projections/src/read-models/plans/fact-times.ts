import { effectiveTimeOf, type RecoveryMonitorEvent } from '@rm/domain';
import type { ProjectedEvent } from '../../runner/projection.js';
import type { TimeTravel } from '../../time-travel/time-travel.js';

/** When a fact was logged and known, and when it was true in the world. */
export interface FactTimes {
  position: bigint;
  knownAt: Date;
  effectiveAt: Date;
}

/** The event's own date field when it has one (a plain date is the start of that day, UTC), else the resolved effective time. */
export function effectiveAtOf(e: ProjectedEvent): Date {
  const own = effectiveTimeOf({ type: e.type, data: e.data } as RecoveryMonitorEvent);
  return own ? new Date(own) : e.effectiveAt;
}

export const timesOf = (e: ProjectedEvent): FactTimes => ({
  position: e.position,
  knownAt: e.knownAt,
  effectiveAt: effectiveAtOf(e),
});

/** Definitions hold for every effective time once known. */
export const isKnown = (f: FactTimes, tt: TimeTravel): boolean =>
  f.knownAt <= tt.knownAt && f.position <= tt.position;

/** Dated facts count only once effective. */
export const isQualifying = (f: FactTimes, tt: TimeTravel): boolean =>
  isKnown(f, tt) && f.effectiveAt <= tt.asOf;

/** isKnown's filter over kept rows (in their order), comparing instants as numbers. */
export function knownOf<F extends FactTimes>(facts: readonly F[], tt: TimeTravel): F[] {
  const [known, position] = [tt.knownAt.getTime(), tt.position];
  return facts.filter((f) => f.knownAt.getTime() <= known && f.position <= position);
}

/** isQualifying's filter over kept rows (in their order), comparing instants as numbers. */
export function qualifyingOf<F extends FactTimes>(facts: readonly F[], tt: TimeTravel): F[] {
  const [known, position, asOf] = [tt.knownAt.getTime(), tt.position, tt.asOf.getTime()];
  return facts.filter((f) => f.knownAt.getTime() <= known && f.position <= position && f.effectiveAt.getTime() <= asOf);
}

/** SQL twins of isKnown / isQualifying, with their parameters starting at $1. */
export const KNOWN_SQL = 'known_at <= $1 AND position <= $2';
export const QUALIFYING_SQL = 'known_at <= $1 AND position <= $2 AND effective_at <= $3';
export const knownParams = (tt: TimeTravel): unknown[] => [tt.knownAt, String(tt.position)];
export const qualifyingParams = (tt: TimeTravel): unknown[] => [
  tt.knownAt,
  String(tt.position),
  tt.asOf,
];

/** Facts in the order they take effect: by effective time, then known time, then log position. */
export const byEffect = (a: FactTimes, b: FactTimes): number =>
  a.effectiveAt.getTime() - b.effectiveAt.getTime() ||
  a.knownAt.getTime() - b.knownAt.getTime() ||
  (a.position < b.position ? -1 : a.position > b.position ? 1 : 0);

export const byPosition = (a: FactTimes, b: FactTimes): number =>
  a.position < b.position ? -1 : a.position > b.position ? 1 : 0;

/** The UTC day of a date or instant, as YYYY-MM-DD. */
export const dayOf = (value: string | Date): string => {
  if (typeof value !== 'string') return value.toISOString().slice(0, 10);
  let day = days.get(value);
  if (day === undefined) {
    if (days.size >= 10_000) days.clear();
    days.set(value, (day = new Date(toMs(value)).toISOString().slice(0, 10)));
  }
  return day;
};
/** dayOf per text: folds read the same few due dates at every read. */
const days = new Map<string, string>();

const toMs = (text: string): number => {
  const ms = Date.parse(text);
  if (Number.isNaN(ms)) throw new Error(`not a date: ${text}`);
  return ms;
};

export const DAY_MS = 86_400_000;

/** Whole days from one UTC day to another. */
export const daysBetween = (from: string, to: string): number =>
  Math.round((Date.parse(dayOf(to)) - Date.parse(dayOf(from))) / DAY_MS);
