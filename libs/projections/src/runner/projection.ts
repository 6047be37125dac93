import type { EventMetadata, RecordedEvent } from '@rm/event-store';

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
