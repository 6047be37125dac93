import { EARLIEST_DATE, EARLIEST_DATE_MS } from '@rm/domain';
/** The moment a read looks at: facts effective by `asOf`, known by `knownAt`, logged by `position`. */
export interface TimeTravel {
  asOf: Date;
  knownAt: Date;
  /** True when the caller asked for `knownAt=latest`: everything known now. */
  knownAtLatest: boolean;
  /** The log position the answer reflects; facts logged after it are ignored. */
  position: bigint;
}

export class InvalidTimeTravel extends Error {
  constructor(
    readonly field: 'asOf' | 'knownAt' | 'position',
    message: string,
  ) {
    super(message);
  }
}

const PLAIN_DATE = /^\d{4}-\d{2}-\d{2}$/;
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;
/** Far enough to be after anything recorded; serialised as 'latest'. */
export const LATEST = new Date(Date.UTC(9999, 11, 31, 23, 59, 59, 999));

/** A bare date means the end of that day, UTC; an instant needs a zone. */
export function parseMoment(field: 'asOf' | 'knownAt', text: string): Date {
  if (PLAIN_DATE.test(text)) {
    const day = new Date(`${text}T23:59:59.999Z`);
    if (!Number.isNaN(day.getTime()) && day.toISOString().startsWith(text)) return withinRecord(field, day);
  } else if (INSTANT.test(text)) {
    const instant = new Date(text);
    if (!Number.isNaN(instant.getTime())) return withinRecord(field, instant);
  }
  throw new InvalidTimeTravel(field, `${field} must be a date (YYYY-MM-DD, the end of that day UTC) or an ISO 8601 instant with a zone${field === 'knownAt' ? ", or 'latest'" : ''}`);
}

/** Moments the database can compare: from the record's first date to LATEST. */
function withinRecord(field: 'asOf' | 'knownAt', moment: Date): Date {
  if (moment.getTime() >= EARLIEST_DATE_MS && moment.getTime() <= LATEST.getTime()) return moment;
  throw new InvalidTimeTravel(field, `${field} must lie from ${EARLIEST_DATE} to ${LATEST.toISOString().slice(0, 10)}`);
}

/**
 * Defaults: asOf = now; knownAt = asOf. `position` is the read models' checkpoint unless the
 * caller pins an earlier one to reproduce an answer.
 */
export function resolveTimeTravel(query: { asOf?: string; knownAt?: string; position?: string }, now: Date, checkpoint: bigint): TimeTravel {
  const asOf = query.asOf ? parseMoment('asOf', query.asOf) : now;
  const knownAtLatest = query.knownAt === 'latest';
  const knownAt = knownAtLatest ? LATEST : query.knownAt ? parseMoment('knownAt', query.knownAt) : asOf;
  let position = checkpoint;
  if (query.position !== undefined && query.position !== '') {
    if (!/^\d{1,19}$/.test(query.position)) throw new InvalidTimeTravel('position', 'position must be a log position (a non-negative integer)');
    const pinned = BigInt(query.position);
    if (pinned > checkpoint) throw new InvalidTimeTravel('position', `position ${pinned} is beyond what the read models include (${checkpoint}); use waitFor`);
    position = pinned;
  }
  return { asOf, knownAt, knownAtLatest, position };
}

/** How every answer states the moment it reflects. */
export function describeTimeTravel(tt: TimeTravel): { asOf: string; knownAt: string; position: string } {
  return { asOf: tt.asOf.toISOString(), knownAt: tt.knownAtLatest ? 'latest' : tt.knownAt.toISOString(), position: tt.position.toString() };
}
