import type { SqlPool } from './postgres/sql-pool.js';

/** Where the store is told an append may land: any revision, a new stream, an existing one, or exactly revision n. */
export type ExpectedRevision = 'any' | 'no-stream' | 'exists' | bigint;

/** Who and why: built by the application layer, stored beside every event. */
export interface EventMetadata {
  actor?: { sub: string; name?: string };
  commandId?: string;
  correlationId?: string;
  causationId?: string;
  /** When the fact was true in the world (ISO 8601), given by the user. */
  effectiveAt?: string;
  /** Historical imports only: when the organisation originally knew the fact (ISO 8601). */
  reportedAt?: string;
  imported?: boolean;
  [key: string]: unknown;
}

export type JsonObject = { [key: string]: unknown };

export interface NewEvent {
  /** Client-supplied UUID: re-appending the same id with the same content is a no-op. */
  id: string;
  type: string;
  data: JsonObject;
  metadata?: EventMetadata;
}

export interface RecordedEvent {
  id: string;
  type: string;
  streamId: string;
  data: JsonObject;
  metadata: EventMetadata;
  /** Zero-based revision within the stream. */
  revision: bigint;
  /** Global position: unique, strictly increasing in log order, sparse. */
  position: bigint;
  recordedAt: Date;
}

export interface AppendResult {
  /** Revision of the last event of the stream after the append. */
  revision: bigint;
  /** Global position of the last appended event. */
  position: bigint;
}

/** One stream's part of an `appendMany`. */
export interface StreamAppend {
  streamId: string;
  events: readonly NewEvent[];
  expectedRevision?: ExpectedRevision;
}

export interface ReadStreamOptions {
  fromRevision?: bigint;
  maxCount?: number;
  direction?: 'forwards' | 'backwards';
}

export interface ReadAllOptions {
  /**
   * Exclusive: events strictly after this position. Use 0n or a position the store gave out
   * (KurrentDB reads its log from a record's position, not from any number in between).
   */
  after?: bigint;
  limit?: number;
  types?: readonly string[];
}

export interface EventBatch {
  events: RecordedEvent[];
  through: bigint;
}

export interface SubscribeOptions {
  after?: bigint;
  types?: readonly string[];
  /** Events fetched per read while catching up. */
  batchSize?: number;
  signal?: AbortSignal;
  /** After a wake-up, wait this long before reading, so that one read gathers a burst of appends. */
  settleMs?: number;
}

/**
 * The event store port. Adapters: PostgreSQL (pg, also embedded PGlite) and KurrentDB. Positions
 * are global `bigint`s, unique and increasing in log order, sparse: PostgreSQL derives them from
 * transaction ids, KurrentDB reports each event's commit position (a byte offset in its log).
 * Guarantees: appends are atomic per call; the global order seen by readAll and subscribe is
 * gap-safe (a reader never skips an event that commits after a later one was read).
 */
export interface EventStore {
  append(streamId: string, events: readonly NewEvent[], options?: { expectedRevision?: ExpectedRevision }): Promise<AppendResult>;
  /**
   * Appends to several streams (each at most once), answering one result per write in the order
   * given, with the same expected-revision and repeat-by-event-id rules as `append` per write.
   * PostgreSQL and PGlite: all or nothing, in one transaction; the events' positions follow the
   * order given. KurrentDB (see `appendManyIsAtomic`): the writes are appended one after another
   * and the first that fails stops the rest, the earlier ones staying written.
   */
  appendMany(writes: readonly StreamAppend[]): Promise<AppendResult[]>;
  /** False where `appendMany` is not all or nothing (KurrentDB). */
  readonly appendManyIsAtomic: boolean;
  readStream(streamId: string, options?: ReadStreamOptions): Promise<RecordedEvent[]>;
  /**
   * Several streams forwards, each from a revision (default 0): one list per read, in the order
   * given (empty for a stream not there). One query on PostgreSQL; one read per stream on KurrentDB.
   */
  readStreams(reads: readonly { streamId: string; fromRevision?: bigint }[]): Promise<RecordedEvent[][]>;
  readAll(options?: ReadAllOptions): Promise<RecordedEvent[]>;
  /** Catch-up then live. Pulling drives reading: a slow consumer slows the reader. */
  subscribe(options?: SubscribeOptions): AsyncIterable<RecordedEvent>;
  /**
   * The same, a page at a time: `through` is the position the log has been read up to, which
   * can pass the last event when later ones were filtered out (a checkpoint may move there).
   */
  subscribeBatches(options?: SubscribeOptions): AsyncIterable<EventBatch>;
  /**
   * The position of the last event a reader may see now (0n when empty). Cheap on every store
   * (an index lookup; one backwards read on KurrentDB): probes may call it. Counting events is
   * not in the port: KurrentDB has no cheap count of the log.
   */
  headPosition(): Promise<bigint>;
  /**
   * Optional: runs `work` as the only writer of the stream among all processes that write it
   * this way, its appends committed when `work` returns. Where absent, writers rely on the
   * expected revision and retry.
   */
  withStreamLock?<T>(streamId: string, work: (writer: StreamWriter) => Promise<T>): Promise<T>;
  /**
   * Optional (the PostgreSQL adapter only, absent on KurrentDB): the log as SQL for a reader on
   * `pool` — the store's own pool, so the same database — to derive rows from it set-based
   * there instead of reading it out; undefined for any other pool.
   */
  logInDatabase?(pool: SqlPool): LogRelation | undefined;
  close(): Promise<void>;
}

/** The log as a relation of the database it is stored in (see EventStore.logInDatabase). */
export interface LogRelation {
  /**
   * A FROM item (a parenthesised SELECT) of every event stored, visible or not, with the columns
   * position bigint, type text, data jsonb, metadata jsonb, recorded_at timestamptz.
   */
  relation: string;
  /** A SQL expression: the position through which a reader now sees every event (readAll's horizon; positions beyond it may still fill in). */
  horizon: string;
}

/** What a writer holding a stream lock may do. */
export type StreamWriter = Pick<EventStore, 'readStream' | 'append'>;

export const EVENT_STORE = Symbol('EventStore');
