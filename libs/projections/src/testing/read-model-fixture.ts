import { randomBytes } from 'node:crypto';
import type { EventStore } from '@rm/event-store';
import { openTestStore, type TestStore } from '@rm/event-store/testing';
import { ReadDatabase } from '../database/read-database.js';
import { soleProcessLease } from '../runner/lease.js';
import type { Projection } from '../runner/projection.js';
import { ProjectionRunner, type RunnerOptions } from '../runner/projection-runner.js';
import { READ_MODEL_SCHEMA } from '../read-models/registry.js';

export interface ReadModelFixture {
  t: TestStore;
  /** The log projections follow: `t.store`, unless the fixture was given another. */
  store: EventStore;
  read: ReadDatabase;
  runner(projections: readonly Projection[], options?: RunnerOptions): ProjectionRunner;
  dispose(): Promise<void>;
}

/**
 * An event store and all read model tables in fresh schemas (server) or a fresh PGlite; `log`
 * puts the event log elsewhere (KurrentDB) while read models and checkpoints stay here.
 */
export async function openReadModelFixture(kind: 'server' | 'embedded', options: { log?: EventStore } = {}): Promise<ReadModelFixture> {
  const t = await openTestStore(kind, { pollFallbackMs: 200 });
  const schema = kind === 'server' ? `${t.schema}_read` : `read_${randomBytes(4).toString('hex')}`;
  const read = await ReadDatabase.open(t.db, schema, READ_MODEL_SCHEMA);
  const store = options.log ?? t.store;
  return {
    t,
    store,
    read,
    runner: (projections, options) => new ProjectionRunner(store, read, projections, soleProcessLease, { retryMs: 50, ...options }),
    async dispose() {
      await read.close();
      if (kind === 'server') await t.db.pool.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      await t.dispose();
    },
  };
}
