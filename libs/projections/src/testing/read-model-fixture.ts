import { randomBytes } from 'node:crypto';
import { openTestStore, type TestStore } from '@rm/event-store/testing';
import { ReadDatabase } from '../database/read-database.js';
import { soleProcessLease } from '../runner/lease.js';
import type { Projection } from '../runner/projection.js';
import { ProjectionRunner, type RunnerOptions } from '../runner/projection-runner.js';
import { READ_MODEL_SCHEMA } from '../read-models/registry.js';

export interface ReadModelFixture {
  t: TestStore;
  read: ReadDatabase;
  runner(projections: readonly Projection[], options?: RunnerOptions): ProjectionRunner;
  dispose(): Promise<void>;
}

/** An event store and all read model tables in fresh schemas (server) or a fresh PGlite. */
export async function openReadModelFixture(kind: 'server' | 'embedded'): Promise<ReadModelFixture> {
  const t = await openTestStore(kind, { pollFallbackMs: 200 });
  const schema = kind === 'server' ? `${t.schema}_read` : `read_${randomBytes(4).toString('hex')}`;
  const read = await ReadDatabase.open(t.db, schema, READ_MODEL_SCHEMA);
  return {
    t,
    read,
    runner: (projections, options) => new ProjectionRunner(t.store, read, projections, soleProcessLease, { retryMs: 50, ...options }),
    async dispose() {
      await read.close();
      if (kind === 'server') await t.db.pool.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      await t.dispose();
    },
  };
}
