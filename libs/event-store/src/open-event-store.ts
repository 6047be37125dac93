import type { EventStore } from './event-store.port.js';
import { openKurrentDbEventStore } from './kurrentdb/connect.js';
import type { Database } from './postgres/database.js';
import { PostgresEventStore } from './postgres/postgres-event-store.js';

export interface EventStoreSelection {
  /** Where the log lives: PostgreSQL (the database below) or KurrentDB. */
  eventStore: 'postgres' | 'kurrentdb';
  kurrentDbUrl?: string;
  /** PostgreSQL schema of the store's tables. */
  schema: string;
}

/**
 * Opens the configured log. KurrentDB is checked reachable first and is never replaced by
 * another store when it is not: the caller gets `KurrentDbUnavailable` and must stop.
 */
export async function openEventStore(selection: EventStoreSelection, db: Database, options: { listen?: boolean } = {}): Promise<EventStore> {
  if (selection.eventStore === 'kurrentdb') return openKurrentDbEventStore(selection.kurrentDbUrl);
  return new PostgresEventStore({
    pool: db.pool,
    schema: selection.schema,
    listen: options.listen === false ? undefined : db.clientConfig,
    streamLocks: db.kind === 'server',
  });
}

/** Where the log lives, for logs and messages. */
export const describeEventStore = (selection: EventStoreSelection): string =>
  selection.eventStore === 'kurrentdb' ? 'the KurrentDB log' : 'the PostgreSQL log';
