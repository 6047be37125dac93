import type { EventEmitter } from 'node:events';
import type { Database } from '@rm/event-store';
import { DataSource, type EntityManager, type MigrationInterface } from 'typeorm';
import type { ReadDb } from '../runner/projection.js';
import { copyRowsOver, type CopyRows } from './copy-rows.js';
import { pgModuleOver } from './pglite-pg-module.js';

export interface ReadModelSchema {
  // TypeORM's own type for entity classes.
  entities: (new () => unknown)[];
  migrations: (new () => MigrationInterface)[];
}

/**
 * Reads here are many short statements: JIT compiling their aggregates anew and starting
 * parallel workers each cost more (tens of ms, ~6 ms) than the statement itself.
 */
const READ_SESSION = '-c jit=off -c max_parallel_workers_per_gather=0';

const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

/**
 * A fresh generation being filled by a rebuild: every batch is applied once into tables that
 * hold no row of it yet, so projections may write with COPY (no ON CONFLICT) where the server
 * offers it.
 */
export interface BulkLoad {
  bulkLoad: true;
}

/** A ReadDb in a bulk load on a PostgreSQL server: `copy` writes rows that cannot be there yet. */
export interface BulkReadDb extends ReadDb {
  copy?: CopyRows;
}

/** Read models in one PostgreSQL schema, through TypeORM (migrations, transactions). */
export class ReadDatabase {
  private constructor(
    readonly schema: string,
    readonly dataSource: DataSource,
    private readonly copies = false,
  ) {}

  /** Opens the schema, creating it and running pending migrations; never `synchronize`. */
  static async open(db: Database, schema: string, model: ReadModelSchema, poolSize = 8, options?: BulkLoad): Promise<ReadDatabase> {
    if (!SCHEMA_NAME.test(schema)) throw new Error(`read model schema "${schema}" must be a lower-case SQL identifier`);
    await db.pool.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
    const connection =
      db.kind === 'embedded'
        ? { driver: pgModuleOver(db.pool), database: 'postgres' }
        : { url: (db.clientConfig as { connectionString: string }).connectionString, poolSize, extra: { options: READ_SESSION } };
    const dataSource = new DataSource({
      type: 'postgres',
      ...connection,
      schema,
      entities: model.entities,
      migrations: model.migrations,
      migrationsTableName: 'rm_read_migrations',
      migrationsTransactionMode: 'each',
      synchronize: false,
      logging: false,
    });
    await dataSource.initialize();
    if (db.kind !== 'embedded') keepDroppedConnectionsFromCrashing(dataSource);
    await dataSource.runMigrations();
    return new ReadDatabase(schema, dataSource, options?.bulkLoad === true && db.kind !== 'embedded');
  }

  /** Plain reads outside a transaction. */
  get db(): ReadDb {
    return readDbOf(this.dataSource.manager, this.schema);
  }

  transaction<T>(work: (db: ReadDb) => Promise<T>): Promise<T> {
    return this.dataSource.transaction((manager) => {
      const db: BulkReadDb = readDbOf(manager, this.schema);
      if (this.copies) db.copy = copyRowsOver(manager);
      return work(db);
    });
  }

  async close(): Promise<void> {
    if (this.dataSource.isInitialized) await this.dataSource.destroy();
  }
}

const ignore = () => undefined;

/**
 * TypeORM listens for a checked-out client's 'error' only until it releases the client, but a
 * terminated connection can emit a second one (the server's FATAL, then the closed socket): with
 * no listener that kills the process. The failed query has already rejected; the pool drops the client.
 */
function keepDroppedConnectionsFromCrashing(dataSource: DataSource): void {
  const pool = (dataSource.driver as unknown as { master?: EventEmitter }).master;
  pool?.on('acquire', (client: EventEmitter) => {
    if (!client.listeners('error').includes(ignore)) client.on('error', ignore);
  });
}

export function readDbOf(manager: EntityManager, schema: string): ReadDb {
  return { schema, query: (sql, params) => manager.query(sql, params) };
}
