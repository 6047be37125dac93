import pg from 'pg';
import { lockDataDirectory } from './data-dir-lock.js';
import { PGLITE_PARSERS, PgLitePool } from './pglite-pool.js';
import type { SqlPool } from './sql-pool.js';

/** A PostgreSQL connection pool: a server (`DATABASE_URL`) or the embedded PGlite data directory. */
export interface Database {
  kind: 'server' | 'embedded';
  pool: SqlPool;
  /** Settings for extra dedicated clients (LISTEN); undefined on the embedded database. */
  clientConfig: pg.ClientConfig | undefined;
  /** Where the embedded database keeps its files. */
  dataDir?: string;
  close(): Promise<void>;
}

export interface DatabaseOptions {
  databaseUrl?: string;
  dataDir?: string;
  poolSize?: number;
}

// pg would turn bigint into a float; positions and revisions must stay exact. Dates stay calendar dates.
pg.types.setTypeParser(pg.types.builtins.INT8, (v) => v);
pg.types.setTypeParser(pg.types.builtins.DATE, (v) => v);

export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  if (options.databaseUrl) return openServer(options.databaseUrl, options.poolSize ?? 10);
  return openEmbedded(options.dataDir ?? './data');
}

async function openServer(connectionString: string, max: number): Promise<Database> {
  const pool = new pg.Pool({ connectionString, max });
  pool.on('error', () => undefined); // idle client errors surface on the next query instead
  // A checked-out client whose connection drops emits 'error' too (with no listener: the process
  // dies); its query fails anyway, and the pool discards the client on release.
  pool.on('connect', (client) => client.on('error', () => undefined));
  const probe = await pool.connect().catch(async (err: Error) => {
    await pool.end().catch(() => undefined);
    throw new Error(`cannot reach PostgreSQL at ${redact(connectionString)}: ${err.message}`);
  });
  probe.release();
  return { kind: 'server', pool, clientConfig: { connectionString }, close: () => pool.end() };
}

async function openEmbedded(dataDir: string): Promise<Database> {
  const { PGlite } = await import('@electric-sql/pglite');
  const inMemory = dataDir.startsWith('memory://');
  if (!inMemory) restrictNewFilesToOwner();
  const unlock = inMemory ? async () => undefined : await lockDataDirectory(dataDir);
  const pglite = await PGlite.create(dataDir, { parsers: PGLITE_PARSERS }).catch(async (err: unknown) => {
    await unlock();
    throw err;
  });
  const pool = new PgLitePool(pglite);
  return {
    kind: 'embedded',
    pool,
    clientConfig: undefined,
    dataDir,
    close: async () => {
      await pool.end();
      await pglite.close();
      await unlock();
    },
  };
}

/** PGlite creates its files 0666: the data (and the token secret beside it) is for the owner only. */
function restrictNewFilesToOwner(): void {
  const previous = process.umask(0o077);
  process.umask(previous | 0o077);
}

export function redact(url: string): string {
  return url.replace(/\/\/([^:/@]+):[^@]*@/, '//$1:***@');
}
