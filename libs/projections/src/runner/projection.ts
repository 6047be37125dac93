import type { EventMetadata, LogRelation, RecordedEvent, SqlClient } from '@rm/event-store';

/** An event as projections see it: with its known and effective times resolved. */
export interface ProjectedEvent<Data = Record<string, unknown>> {
  position: bigint;
  streamId: string;
  type: string;
  data: Data;
  metadata: EventMetadata;
  recordedAt: Date;
  /** When the organisation knew it: an import's reported time, else the recorded time. */
  knownAt: Date;
  /** When it was true in the world: the command's date field, else the recorded time. */
  effectiveAt: Date;
}

/** SQL access for projections and queries: `schema` qualifies every table name. */
export interface ReadDb {
  readonly schema: string;
  query<R = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<R[]>;
}

/**
 * A projection writes its read model from a batch of events, inside the runner's transaction
 * (which also stores the checkpoint). It must be idempotent per event: applying a batch twice
 * changes nothing (key rows by position or by the fact's own id).
 */
export interface Projection {
  /** Versioned name, e.g. 'indicator-facts.v1': bump the version to rebuild. */
  readonly name: string;
  readonly handles: readonly string[];
  apply(events: readonly ProjectedEvent[], db: ReadDb): Promise<void>;
  /** How to apply the log in a bulk load instead (see BulkLoader); `apply` by default. */
  bulkLoader?(): BulkLoader;
  /** Events of its bulk load it can derive set-based from a log in the read database (see SqlBulkLoad). */
  readonly sqlBulkLoad?: SqlBulkLoad;
}

/**
 * The part of a projection's bulk load derived in PostgreSQL from the log itself, when the log
 * is stored in the read database: the events of `types` are then not read out and decoded here
 * (the bulk loader sees none of them); `load` writes what apply would have written from them.
 */
export interface SqlBulkLoad {
  readonly types: readonly string[];
  /** The tables it fills, and only it: their deferred indexes can be built once it is done. */
  readonly tables: readonly string[];
  /**
   * Fills the tables from the events of `types` at positions up to `through`: the `part`-th of
   * `parts` disjoint shares (run each on its own connection), in the caller's transaction, the
   * session's time zone UTC. Answers the events covered, and how many of them are in a form it
   * cannot derive exactly (left out: the caller then rolls back and applies them all here).
   */
  load(sql: SqlClient, log: LogRelation, schema: string, through: bigint, part: number, parts: number): Promise<{ events: number; inexact: number }>;
}

/**
 * A projection in a bulk load into a fresh generation (a rebuild): every event applied once, in
 * log order, by one process, so it may keep state between batches instead of reading it back.
 * `finish` writes what it still keeps, before the checkpoints move; the rows must then be those
 * `apply` would have written.
 */
export interface BulkLoader {
  apply(events: readonly ProjectedEvent[], db: ReadDb): Promise<void>;
  finish(db: ReadDb): Promise<void>;
}

export function toProjected(event: RecordedEvent): ProjectedEvent {
  const m = event.metadata;
  const reported = m.imported === true && typeof m.reportedAt === 'string' ? new Date(m.reportedAt) : undefined;
  // A reported time is never later than the recording (PRODUCT: known time); clamp if it claims so.
  const knownAt = reported && !Number.isNaN(reported.getTime()) && reported < event.recordedAt ? reported : event.recordedAt;
  const effective = typeof m.effectiveAt === 'string' ? new Date(m.effectiveAt) : undefined;
  return {
    position: event.position,
    streamId: event.streamId,
    type: event.type,
    data: event.data,
    metadata: m,
    recordedAt: event.recordedAt,
    knownAt,
    effectiveAt: effective && !Number.isNaN(effective.getTime()) ? effective : event.recordedAt,
  };
}
