import { BACKWARDS, END, FORWARDS, KurrentDBClient, StreamNotFoundError, WrongExpectedVersionError } from '@kurrent/kurrentdb-client';
import { EventIdConflict, InvalidAppend, WrongExpectedRevision } from '../event-store.errors.js';
import type {
  AppendResult, EventBatch, EventStore, ExpectedRevision, NewEvent, ReadAllOptions, ReadStreamOptions, RecordedEvent, StreamAppend, SubscribeOptions,
} from '../event-store.port.js';
import { assertExpectedRevision, assertLimit, assertReadAll, assertStreamId, validateBatch, validateWrites } from '../event-store.validation.js';
import { eventsOfBatches } from '../events-of-batches.js';
import { sameContent } from '../same-content.js';
import { fromPosition, portPosition, toEventData, toRecorded, toStreamState, typeFilter } from './kurrentdb-records.js';
import { KurrentDbWakeUp } from './kurrentdb-wake-up.js';

export interface KurrentDbEventStoreOptions {
  /** How long an idle subscription waits before looking again without a wake-up. */
  pollFallbackMs?: number;
}

/**
 * The event store on KurrentDB / EventStoreDB 20+ (the log in a clustered event store; read
 * models and checkpoints stay in PostgreSQL).
 */
export class KurrentDbEventStore implements EventStore {
  private readonly pollFallbackMs: number;

  constructor(
    private readonly client: KurrentDBClient,
    options: KurrentDbEventStoreOptions = {},
  ) {
    this.pollFallbackMs = options.pollFallbackMs ?? 1000;
  }

  async append(streamId: string, events: readonly NewEvent[], options: { expectedRevision?: ExpectedRevision } = {}): Promise<AppendResult> {
    assertStreamId(streamId);
    const expected = options.expectedRevision ?? 'any';
    assertExpectedRevision(expected);
    validateBatch(events);
    try {
      const result = await this.client.appendToStream(streamId, events.map(toEventData), { streamState: toStreamState(expected) });
      if (result.position) return { revision: result.nextExpectedRevision, position: portPosition(result.position) };
      // Success without a position: the server recognised the event ids and wrote nothing.
      return await this.replayRetry(streamId, events);
    } catch (err) {
      if (!(err instanceof WrongExpectedVersionError)) throw err;
      const actual = typeof err.actualState === 'bigint' ? err.actualState : undefined;
      return this.replayRetry(streamId, events, new WrongExpectedRevision(streamId, expected, actual));
    }
  }

  /**
   * Not all or nothing: the v1 protocol appends to one stream per call. (Client 1.3.1 has
   * `multiStreamAppend`, the v2 protocol of servers 25.1+, but it takes metadata only as a map of
   * strings, and events written so would read back with other metadata than `append` gives.)
   * Every write is validated first; then they are appended in the order given and the first that
   * fails stops the rest, the earlier ones staying written. Sent again whole, the writes already
   * stored are recognised by their event ids and only the rest is written.
   */
  readonly appendManyIsAtomic = false;

  async appendMany(writes: readonly StreamAppend[]): Promise<AppendResult[]> {
    const valid = validateWrites(writes);
    const results: AppendResult[] = [];
    for (const w of valid) results.push(await this.append(w.streamId, w.events, { expectedRevision: w.expected }));
    return results;
  }

  /**
   * Some ids may already be stored: a whole, identical retry returns the original result. The
   * server compares ids only, so content is compared here; this reads the whole stream, a cost
   * paid only on conflicts and repeats.
   */
  private async replayRetry(streamId: string, events: readonly NewEvent[], conflict?: WrongExpectedRevision): Promise<AppendResult> {
    const stored = new Map((await this.readStream(streamId)).map((e) => [e.id.toLowerCase(), e]));
    const found = events.map((e) => stored.get(e.id.toLowerCase()));
    if (conflict && found.every((e) => e === undefined)) throw conflict;
    events.forEach((event, i) => {
      const row = found[i];
      if (!row) throw new EventIdConflict(streamId, event.id, 'a retry must repeat exactly the events of the original append; this one is new');
      if (row.type !== event.type || !sameContent(row.data, event.data)) throw new EventIdConflict(streamId, event.id, 'already stored with a different type or data');
    });
    const last = found[found.length - 1]!;
    return { revision: last.revision, position: last.position };
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    assertStreamId(streamId);
    assertLimit(options.maxCount, 'maxCount');
    const backwards = options.direction === 'backwards';
    if (options.direction !== undefined && options.direction !== 'forwards' && !backwards)
      throw new InvalidAppend('direction', "must be 'forwards' or 'backwards'");
    const events: RecordedEvent[] = [];
    try {
      const reading = this.client.readStream(streamId, {
        direction: backwards ? BACKWARDS : FORWARDS,
        fromRevision: options.fromRevision ?? (backwards ? END : 'start'),
        maxCount: options.maxCount ?? Number.MAX_SAFE_INTEGER,
      });
      for await (const resolved of reading) events.push(toRecorded(resolved));
    } catch (err) {
      if (err instanceof StreamNotFoundError) return [];
      throw err;
    }
    return events;
  }

  /** One read per stream, four at a time (the protocol reads one stream per call). */
  async readStreams(reads: readonly { streamId: string; fromRevision?: bigint }[]): Promise<RecordedEvent[][]> {
    if (!Array.isArray(reads)) throw new InvalidAppend('reads', 'must be an array');
    reads.forEach((r, i) => assertStreamId(r?.streamId, `reads[${i}].streamId`));
    const results: RecordedEvent[][] = new Array(reads.length);
    let next = 0;
    const worker = async () => {
      for (let i = next++; i < reads.length; i = next++) results[i] = await this.readStream(reads[i].streamId, { fromRevision: reads[i].fromRevision });
    };
    await Promise.all(Array.from({ length: Math.min(4, reads.length) }, worker));
    return results;
  }

  async readAll(options: ReadAllOptions = {}): Promise<RecordedEvent[]> {
    assertReadAll(options);
    const after = options.after ?? 0n;
    const limit = options.limit ?? 1000;
    // Reading $all from a position includes the event there: ask for one more and drop it.
    const reading = this.client.readAll({ fromPosition: fromPosition(after), maxCount: after === 0n ? limit : limit + 1, filter: typeFilter(options.types) });
    const events: RecordedEvent[] = [];
    for await (const resolved of reading) {
      const event = toRecorded(resolved);
      if (event.position > after && events.length < limit) events.push(event);
    }
    return events;
  }

  subscribe(options: SubscribeOptions = {}): AsyncGenerator<RecordedEvent> {
    return eventsOfBatches(this.subscribeBatches(options), options.signal);
  }

  async *subscribeBatches(options: SubscribeOptions = {}): AsyncGenerator<EventBatch> {
    const batchSize = options.batchSize ?? 1000;
    let after = options.after ?? 0n;
    const wakeUp = new KurrentDbWakeUp(this.client, typeFilter(options.types));
    try {
      while (!options.signal?.aborted) {
        const mark = wakeUp.mark;
        // The log is written in order: every event at or before the head read first is in the
        // page, so a short page has passed the filtered-out events up to that head for good.
        const head = await this.headPosition();
        const events = await this.readAll({ after, limit: batchSize, types: options.types });
        const full = events.length === batchSize;
        const last = events.length > 0 ? events[events.length - 1].position : after;
        const through = !full && head > last ? head : last;
        if (events.length > 0 || through > after) yield { events, through };
        after = through;
        if (!full) {
          await wakeUp.wait(this.pollFallbackMs, options.signal, mark);
          if (options.settleMs && !options.signal?.aborted) await new Promise((r) => setTimeout(r, options.settleMs));
        }
      }
    } finally {
      await wakeUp.close();
    }
  }

  /** The last non-system event's position: one backwards read of one event. */
  async headPosition(): Promise<bigint> {
    for await (const resolved of this.client.readAll({ direction: BACKWARDS, fromPosition: END, maxCount: 1, filter: typeFilter(undefined) }))
      return toRecorded(resolved).position;
    return 0n;
  }

  async close(): Promise<void> {
    await this.client.dispose();
  }
}
