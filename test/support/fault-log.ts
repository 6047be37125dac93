import { TEST_DATABASE_URL } from '@rm/event-store/testing';
import { migrate, openDatabase, PostgresEventStore, type Database, type SqlClient } from '@rm/event-store';
import { randomBytes } from 'node:crypto';
import { stopAllProcesses } from './processes.js';

/** A fault spec's own log on the test server; its read-model generations live beside it (`<schema>_…`). */
export interface FaultLog {
  readonly schema: string;
  /** Set before the spec's tests run. */
  db: Database;
  store: PostgresEventStore;
}

/**
 * Called in a describe block: a fresh log schema opened before its tests; after them, the
 * processes they started are stopped and the schema is dropped with every generation beside it.
 */
export function faultLog(prefix: string): FaultLog {
  const log = { schema: `${prefix}_${randomBytes(5).toString('hex')}` } as FaultLog;
  beforeAll(async () => {
    log.db = await openDatabase({ databaseUrl: TEST_DATABASE_URL, poolSize: 4 });
    await migrate(log.db.pool, log.schema);
    log.store = new PostgresEventStore({ pool: log.db.pool, schema: log.schema });
  });
  afterAll(async () => {
    await stopAllProcesses();
    await log.store?.close();
    if (!log.db) return;
    const { rows } = await log.db.pool.query<{ nspname: string }>(`SELECT nspname FROM pg_namespace WHERE nspname LIKE $1`, [`${log.schema}%`]);
    for (const { nspname } of rows) await log.db.pool.query(`DROP SCHEMA ${nspname} CASCADE`);
    await log.db.close();
  });
  return log;
}

/** Every read-model table of a schema, rows in a canonical order (checkpoints and migrations aside). */
export async function readModelTables(sql: SqlClient, schema: string): Promise<Record<string, string[]>> {
  const { rows: tables } = await sql.query<{ table_name: string }>(
    `SELECT table_name FROM information_schema.tables WHERE table_schema = $1
        AND table_name NOT IN ('rm_projection_checkpoints', 'rm_read_migrations') ORDER BY table_name`,
    [schema],
  );
  const out: Record<string, string[]> = {};
  for (const { table_name } of tables) out[table_name] = (await sql.query<{ r: string }>(`SELECT t::text AS r FROM ${schema}.${table_name} t ORDER BY 1`)).rows.map((row) => row.r);
  return out;
}
