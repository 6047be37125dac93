import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  migrate,
  openDatabase,
  PostgresEventStore,
  type Database,
  type SqlPool,
} from '@rm/event-store';
import { foldValue, type BenchEvent } from './events.js';
import { RawTable } from './raw.js';
import type { Subject } from './workloads.js';

/** Our store on a PostgreSQL server, in a fresh schema that is dropped at the end. */
export async function openOursOnServer(
  databaseUrl: string,
): Promise<Subject> {
  // Pool size as the API's default (DATABASE_POOL_SIZE=20): room for 16 writers and the NOTIFYs.
  const db = await openDatabase({ databaseUrl, poolSize: 20 });
  const schema = `bench_${randomBytes(5).toString('hex')}`;
  await migrate(db.pool, schema);
  const raw = new RawTable(db.pool, `${schema}.bench_raw`, true);
  await raw.create();
  return ours('postgres', db, schema, raw, { dropSchema: true });
}

/** Our store on embedded PGlite, in a fresh temporary data directory (or `BENCH_PGLITE_DIR`, e.g. memory://). */
export async function openOursOnPglite(
  dataDir?: string,
): Promise<Subject> {
  const dir = dataDir ?? (await mkdtemp(join(tmpdir(), 'rm-bench-pglite-')));
  const db = await openDatabase({ dataDir: dir });
  const schema = 'bench';
  await migrate(db.pool, schema);
  const raw = new RawTable(db.pool, `${schema}.bench_raw`, false);
  await raw.create();
  return ours('pglite', db, schema, raw, {
    removeDir: dataDir ? undefined : dir,
  });
}

function ours(
  name: 'postgres' | 'pglite',
  db: Database,
  schema: string,
  raw: RawTable,
  opts: { dropSchema?: boolean; removeDir?: string },
): Subject {
  // As the API wires it: LISTEN/NOTIFY wake-ups on the server, local wake-ups on PGlite.
  const store = new PostgresEventStore({ pool: db.pool, schema, listen: db.clientConfig });
  const pool: SqlPool = db.pool;
  return {
    store: name,
    raw,
    location:
      db.kind === 'server' ? `schema ${schema}` : `PGlite data dir ${db.dataDir}`,
    async reset() {
      await pool.query(`TRUNCATE ${schema}.rm_events, ${schema}.rm_streams`);
    },
    async vacuum() {
      await pool.query(`VACUUM ANALYZE ${schema}.rm_events`);
      await pool.query(`VACUUM ANALYZE ${schema}.rm_streams`);
    },
    async appendBatch(streamId: string, events: readonly BenchEvent[]) {
      await store.append(streamId, events, { expectedRevision: 'no-stream' });
    },
    async appendOne(streamId: string, event: BenchEvent, revision: number) {
      await store.append(streamId, [event], {
        expectedRevision: revision === 0 ? 'no-stream' : BigInt(revision - 1),
      });
    },
    async catchUp(count: number, batchSize: number) {
      let sum = 0;
      let seen = 0;
      if (count === 0) return 0;
      for await (const event of store.subscribe({ after: 0n, batchSize })) {
        sum = foldValue(sum, event.data);
        if (++seen === count) break;
      }
      return sum;
    },
    async close() {
      await store.close();
      try {
        if (opts.dropSchema) await pool.query(`DROP SCHEMA ${schema} CASCADE`);
      } finally {
        await db.close();
        if (opts.removeDir) await rm(opts.removeDir, { recursive: true, force: true });
      }
    },
  };
}
