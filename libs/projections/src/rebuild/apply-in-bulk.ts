import type { Database, EventStore, RecordedEvent } from '@rm/event-store';
import { BulkWriters } from '../database/bulk-writers.js';
import type { ReadDatabase } from '../database/read-database.js';
import { advanceCheckpoint } from '../runner/checkpoints.js';
import { toProjected, type BulkLoader, type Projection } from '../runner/projection.js';

export interface BulkApplyOptions {
  /** Apply the log after this position (each projection's checkpoint in the fresh generation). */
  after: bigint;
  batchSize: number;
  /** Connections writing at once on a PostgreSQL server (PostgreSQL ingests on as many cores). */
  connections: number;
  onBatch: (through: bigint, applied: number) => void;
  /**
   * Apply only through this position (every event up to it is visible: a horizon of the log),
   * and move the checkpoints there. Default: up to the head, as far as the reads get.
   */
  through?: bigint;
  /** Leave each projection's SqlBulkLoad types out: the caller derives them in SQL. */
  sqlLoaded?: boolean;
}

const byApply = (p: Projection): BulkLoader => ({ apply: (events, db) => p.apply(events, db), finish: async () => undefined });

/**
 * Applies the log up to the head in one pass into a fresh generation, every projection at once:
 * each batch decoded once and handed to every projection's bulk loader, while the next batch is
 * read and the writes of the last ones are still being ingested (BulkWriters). The checkpoints
 * move once at the end, with what the loaders still keep. Any failure rejects: the caller drops
 * the generation (nothing is retried here; incremental projection narrows faults down).
 * Answers the position every projection has applied through.
 */
export async function applyInBulk(db: Database, store: EventStore, read: ReadDatabase, projections: readonly Projection[], options: BulkApplyOptions): Promise<bigint> {
  const { batchSize } = options;
  const handled = (p: Projection) => (options.sqlLoaded && p.sqlBulkLoad ? p.handles.filter((t) => !p.sqlBulkLoad!.types.includes(t)) : p.handles);
  const loaders = projections.map((p) => ({ name: p.name, handles: new Set(handled(p)), loader: p.bulkLoader?.() ?? byApply(p) }));
  const types = [...new Set(projections.flatMap(handled))];
  const bound = options.through;
  const writers = db.kind === 'server' ? await BulkWriters.open(read, options.connections) : undefined;
  const target = writers?.db ?? read.db;
  let through = options.after;
  let next: Promise<RecordedEvent[]> | undefined;
  const readAfter = (after: bigint) => {
    next = store.readAll({ after, limit: batchSize, types });
    next.catch(() => undefined); // surfaces when awaited
  };
  try {
    readAfter(through);
    while (next) {
      let recorded = await next;
      next = undefined;
      // Read the next batch while this one is applied.
      if (recorded.length === batchSize && !(bound !== undefined && recorded[recorded.length - 1].position >= bound)) readAfter(recorded[recorded.length - 1].position);
      if (bound !== undefined) recorded = recorded.filter((e) => e.position <= bound);
      if (recorded.length === 0) break;
      const events = recorded.map(toProjected);
      for (const { handles, loader } of loaders) {
        const mine = events.filter((e) => handles.has(e.type));
        if (mine.length > 0) await loader.apply(mine, target);
      }
      through = recorded[recorded.length - 1].position;
      options.onBatch(through, events.length);
    }
    await writers?.commit();
    // Every event up to the bound was read (each read's horizon is at least the bound).
    if (bound !== undefined) through = bound;
  } catch (err) {
    await writers?.abort();
    await (next as Promise<unknown> | undefined)?.catch(() => undefined);
    throw err;
  }
  await read.transaction(async (db) => {
    for (const { name, loader } of loaders) {
      await loader.finish(db);
      if (!(await advanceCheckpoint(db, name, 0n, through))) throw new Error(`checkpoint of ${name} was moved during a bulk load`);
    }
  });
  return through;
}
