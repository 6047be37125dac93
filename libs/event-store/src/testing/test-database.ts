import { randomBytes } from 'node:crypto';
import { migrate } from '../postgres/migrations.js';
import { openDatabase, type Database } from '../postgres/database.js';
import { PostgresEventStore } from '../postgres/postgres-event-store.js';

/** The PostgreSQL server tests run against; undefined means server-only tests are skipped. */
export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL || undefined;

export const SERVER_SKIP_REASON = 'TEST_DATABASE_URL is not set: no PostgreSQL server is configured';

/** `describe` when a server is configured; otherwise a skipped block that says why. */
export function describeOnServer(name: string, body: () => void): void {
  if (!TEST_DATABASE_URL) console.warn(`skipped "${name}": ${SERVER_SKIP_REASON}`);
  const block = TEST_DATABASE_URL ? describe : describe.skip;
  block(name, body);
}

export interface TestStore {
  db: Database;
  schema: string;
  store: PostgresEventStore;
  dispose(): Promise<void>;
}

/** A fresh event store in its own schema on the test server, or in a new in-memory PGlite. */
export async function openTestStore(kind: 'server' | 'embedded', options: { positionBase?: bigint; pollFallbackMs?: number } = {}): Promise<TestStore> {
  if (kind === 'server' && !TEST_DATABASE_URL) throw new Error(SERVER_SKIP_REASON);
  const db = await openDatabase(kind === 'server' ? { databaseUrl: TEST_DATABASE_URL, poolSize: 24 } : { dataDir: 'memory://' });
  const schema = kind === 'server' ? `t_${randomBytes(6).toString('hex')}` : 'public';
  await migrate(db.pool, schema, { positionBase: options.positionBase });
  const store = new PostgresEventStore({ pool: db.pool, schema, listen: db.clientConfig, pollFallbackMs: options.pollFallbackMs });
  return {
    db,
    schema,
    store,
    async dispose() {
      await store.close();
      if (kind === 'server') await db.pool.query(`DROP SCHEMA ${schema} CASCADE`);
      await db.close();
    },
  };
}
