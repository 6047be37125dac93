import {
  ANY, eventTypeFilter, excludeSystemEvents, jsonEvent, NO_STREAM, STREAM_EXISTS,
  type AppendStreamState, type EventData, type Position, type RegexFilter, type ResolvedEvent,
} from '@kurrent/kurrentdb-client';
import type { EventMetadata, ExpectedRevision, JsonObject, NewEvent, RecordedEvent } from '../event-store.port.js';

export function toStreamState(expected: ExpectedRevision): AppendStreamState {
  if (expected === 'any') return ANY;
  if (expected === 'no-stream') return NO_STREAM;
  if (expected === 'exists') return STREAM_EXISTS;
  return expected;
}

export function toEventData(event: NewEvent): EventData {
  return jsonEvent({ id: event.id.toLowerCase(), type: event.type, data: event.data, metadata: event.metadata ?? {} });
}

/**
 * The port's position is the event's commit position in the log. In appends without explicit
 * transactions (the only kind this adapter makes) every event is its own committed record, read
 * from $all at commit = prepare = that record's position, and the append answers the position of
 * the batch's last record: unique, ordered as $all is, and the result is the last event's. The
 * contract suite checks all three against whatever server it is given.
 */
export const portPosition = (position: Position): bigint => position.commit;

/** Where a read of $all must start to see the events strictly after `after` (0n: the start). */
export const fromPosition = (after: bigint): Position | 'start' => (after === 0n ? 'start' : { commit: after, prepare: after });

/** Server-side filter: exactly these event types, else every non-system event. */
export function typeFilter(types: readonly string[] | undefined): RegexFilter {
  if (!types) return excludeSystemEvents();
  const alternatives = types.map((t) => t.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|');
  return eventTypeFilter({ regex: `^(?:${alternatives})$` }) as RegexFilter;
}

export function toRecorded(resolved: ResolvedEvent): RecordedEvent {
  const event = resolved.event!;
  if (!event.position) throw new Error(`KurrentDB returned event ${event.id} without a log position`);
  return {
    id: event.id,
    type: event.type,
    streamId: event.streamId,
    data: event.data as JsonObject,
    metadata: isObject(event.metadata) ? (event.metadata as EventMetadata) : {},
    revision: event.revision,
    position: portPosition(event.position),
    recordedAt: event.created,
  };
}

const isObject = (value: unknown): boolean => value !== null && typeof value === 'object' && !Array.isArray(value) && !(value instanceof Uint8Array);
