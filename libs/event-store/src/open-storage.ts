import type { EventStore } from './event-store.port.js';
import { openEventStore, type EventStoreSelection } from './open-event-store.js';
import { openDatabase, type Database } from './postgres/database.js';
import { migrate } from './postgres/migrations.js';

export interface StorageSettings extends EventStoreSelection {
  databaseUrl?: string;
  dataDir?: string;
  poolSize?: number;
}

export interface Storage {
  db: Database;
  store: EventStore;
  /** Closes the store, then the database. */
  close(): Promise<void>;
}

/**
 * What every app does first: opens the database (a server, or the embedded one in the data
 * directory), brings the store's tables up to date, and opens the log on it or on KurrentDB.
 * When any step fails the database is closed again: the caller stops with the error.
 */
export async function openStorage(settings: StorageSettings, options: { listen?: boolean } = {}): Promise<Storage> {
  const db = await openDatabase({ databaseUrl: settings.databaseUrl, dataDir: settings.dataDir, poolSize: settings.poolSize });
  try {
    await migrate(db.pool, settings.schema);
    const store = await openEventStore(settings, db, options);
    return {
      db,
      store,
      close: async () => {
        await store.close();
        await db.close();
      },
    };
  } catch (err) {
    await db.close();
    throw err;
  }
}
