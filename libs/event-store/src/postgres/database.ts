import { existsSync } from 'node:fs';
import { readdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type pg from 'pg';
import { lockDataDirectory, restrictToOwner } from './data-dir-lock.js';
import { unpackInitialDataDir } from './initial-data-dir.js';
import { loadPg } from './pg-driver.js';
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
  /** Embedded only: the prepared data directory a new one starts from (default: the build's); false runs initdb. */
  initialDataDir?: string | false;
}

export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  if (options.databaseUrl) return openServer(options.databaseUrl, options.poolSize ?? 10);
  return openEmbedded(options.dataDir ?? './data', options.initialDataDir);
}

async function openServer(connectionString: string, max: number): Promise<Database> {
  const pool = new (await loadPg()).Pool({ connectionString, max });
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

async function openEmbedded(dataDir: string, initialDataDir: string | false | undefined): Promise<Database> {
  const { PGlite } = await import('@electric-sql/pglite');
  const inMemory = dataDir.startsWith('memory://');
  if (!inMemory) restrictNewFilesToOwner();
  const unlock = inMemory ? async () => undefined : await lockDataDirectory(dataDir);
  const create = async () => {
    if (inMemory || !(await startsNew(dataDir))) return PGlite.create(dataDir, { parsers: PGLITE_PARSERS });
    // Until PGlite has opened it, a new directory is marked: a first start killed half-way is redone.
    await writeFile(join(dataDir, FIRST_START), '', { mode: 0o600 });
    const unpacked = initialDataDir !== false && (await unpackInitialDataDir(dataDir, initialDataDir));
    const created = await PGlite.create(dataDir, { parsers: PGLITE_PARSERS });
    if (!unpacked) restrictToOwner(dataDir); // PGlite writes the files of initdb 0666, whatever the umask
    await rm(join(dataDir, FIRST_START));
    return created;
  };
  const pglite = await create().catch(async (err: unknown) => {
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

const FIRST_START = '.rm-first-start';
/** What initdb (or the prepared data directory) puts in a data directory; the lock and the token secret stay. */
const POSTGRES_ENTRY = /^(PG_VERSION|base|global|pg_[a-z_]+|postgresql(\.auto)?\.conf|pg_hba\.conf|pg_ident\.conf|postmaster\.(opts|pid))$/;

/** True when PostgreSQL has no data directory here yet, after clearing one a killed first start left unfinished. */
async function startsNew(dataDir: string): Promise<boolean> {
  if (existsSync(join(dataDir, FIRST_START))) {
    // Nothing was ever written there: the app listens only after the first start completes.
    for (const entry of await readdir(dataDir)) if (POSTGRES_ENTRY.test(entry)) await rm(join(dataDir, entry), { recursive: true, force: true });
    return true;
  }
  return !existsSync(join(dataDir, 'PG_VERSION'));
}

/** PGlite creates its files 0666: the data (and the token secret beside it) is for the owner only. */
function restrictNewFilesToOwner(): void {
  const previous = process.umask(0o077);
  process.umask(previous | 0o077);
}

export function redact(url: string): string {
  return url.replace(/\/\/([^:/@]+):[^@]*@/, '//$1:***@');
}
