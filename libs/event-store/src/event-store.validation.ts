import { InvalidAppend } from './event-store.errors.js';
import type { ExpectedRevision, JsonObject, NewEvent, ReadAllOptions, StreamAppend } from './event-store.port.js';

export const MAX_EVENT_BYTES = 1024 * 1024;
/** Positions reserve 2^20 slots per transaction (see the position scheme in the migration). */
export const MAX_EVENTS_PER_APPEND = 100_000;
export const MAX_READ_LIMIT = 100_000;

const STREAM_ID = /^[A-Za-z0-9][A-Za-z0-9_.:@+-]{0,254}$/;
const EVENT_TYPE = /^[A-Za-z][A-Za-z0-9_.:-]{0,127}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isJsonObject(value: unknown): value is JsonObject {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

export function assertStreamId(streamId: unknown, field = 'streamId'): asserts streamId is string {
  if (typeof streamId !== 'string' || streamId.length === 0) throw new InvalidAppend(field, 'must be a non-empty string');
  if (!STREAM_ID.test(streamId))
    throw new InvalidAppend(field, 'must be 1-255 characters of letters, digits and _ . : @ + -, starting with a letter or digit');
}

export function assertExpectedRevision(expected: unknown, field = 'expectedRevision'): asserts expected is ExpectedRevision {
  if (expected === 'any' || expected === 'no-stream' || expected === 'exists') return;
  if (typeof expected === 'bigint' && expected >= 0n) return;
  throw new InvalidAppend(field, "must be 'any', 'no-stream', 'exists' or a non-negative bigint revision");
}

export interface ValidWrite {
  streamId: string;
  events: readonly NewEvent[];
  expected: ExpectedRevision;
  serialised: { data: string; metadata: string }[];
}

/**
 * Validates every write of an `appendMany` before anything is written: each stream at most once
 * (two writes to one stream would make its expected revisions ambiguous), every event as `append`
 * checks it, and at most MAX_EVENTS_PER_APPEND events in all (one transaction's position slots).
 */
export function validateWrites(writes: readonly StreamAppend[]): ValidWrite[] {
  if (!Array.isArray(writes) || writes.length === 0) throw new InvalidAppend('writes', 'must be a non-empty array');
  const streams = new Set<string>();
  let total = 0;
  return writes.map((write, w) => {
    const at = `writes[${w}]`;
    if (!isJsonObject(write as unknown)) throw new InvalidAppend(at, 'must be an object');
    assertStreamId(write.streamId, `${at}.streamId`);
    if (streams.has(write.streamId)) throw new InvalidAppend(`${at}.streamId`, 'must name each stream at most once');
    streams.add(write.streamId);
    const expected = write.expectedRevision ?? 'any';
    assertExpectedRevision(expected, `${at}.expectedRevision`);
    const serialised = validateBatch(write.events, `${at}.events`);
    total += serialised.length;
    if (total > MAX_EVENTS_PER_APPEND) throw new InvalidAppend('writes', `at most ${MAX_EVENTS_PER_APPEND} events in all`);
    return { streamId: write.streamId, events: write.events, expected, serialised };
  });
}

/** Validates a whole batch before anything is written; returns each event's serialised data and metadata. */
export function validateBatch(events: readonly NewEvent[], field = 'events'): { data: string; metadata: string }[] {
  if (!Array.isArray(events) || events.length === 0) throw new InvalidAppend(field, 'must be a non-empty array');
  if (events.length > MAX_EVENTS_PER_APPEND) throw new InvalidAppend(field, `at most ${MAX_EVENTS_PER_APPEND} events per append`);
  const ids = new Set<string>();
  return events.map((event, i) => {
    const at = `${field}[${i}]`;
    if (!isJsonObject(event)) throw new InvalidAppend(at, 'must be an object');
    if (typeof event.id !== 'string' || !UUID.test(event.id)) throw new InvalidAppend(`${at}.id`, 'must be a UUID');
    const id = event.id.toLowerCase();
    if (ids.has(id)) throw new InvalidAppend(`${at}.id`, 'must be unique within the batch');
    ids.add(id);
    if (typeof event.type !== 'string' || !EVENT_TYPE.test(event.type))
      throw new InvalidAppend(`${at}.type`, 'must be 1-128 characters of letters, digits and _ . : -, starting with a letter');
    if (!isJsonObject(event.data)) throw new InvalidAppend(`${at}.data`, 'must be a JSON object');
    if (event.metadata !== undefined && !isJsonObject(event.metadata)) throw new InvalidAppend(`${at}.metadata`, 'must be a JSON object');
    const data = serialise(event.data, `${at}.data`);
    const metadata = serialise(event.metadata ?? {}, `${at}.metadata`);
    if (Buffer.byteLength(data) + Buffer.byteLength(metadata) > MAX_EVENT_BYTES)
      throw new InvalidAppend(at, `must not exceed ${MAX_EVENT_BYTES} bytes of data and metadata`);
    return { data, metadata };
  });
}

function serialise(value: JsonObject, field: string): string {
  try {
    // \u0000 cannot be stored in jsonb: reject it here rather than fail inside the database.
    const text = JSON.stringify(value);
    if (text.includes('\\u0000')) throw new InvalidAppend(field, 'must not contain the NUL character');
    return text;
  } catch (err) {
    if (err instanceof InvalidAppend) throw err;
    throw new InvalidAppend(field, 'must be serialisable as JSON');
  }
}

export function assertReadAll(options: ReadAllOptions): void {
  if (options.after !== undefined && (typeof options.after !== 'bigint' || options.after < 0n))
    throw new InvalidAppend('after', 'must be a non-negative bigint position');
  assertLimit(options.limit, 'limit');
}

export function assertLimit(limit: unknown, field: string): void {
  if (limit === undefined) return;
  if (typeof limit !== 'number' || !Number.isInteger(limit) || limit < 1 || limit > MAX_READ_LIMIT)
    throw new InvalidAppend(field, `must be an integer from 1 to ${MAX_READ_LIMIT}`);
}
