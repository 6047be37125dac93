export * from './event-store.port.js';
export * from './event-store.errors.js';
export { MAX_EVENT_BYTES, MAX_EVENTS_PER_APPEND, MAX_READ_LIMIT, isJsonObject } from './event-store.validation.js';
export { DataDirectoryInUse } from './postgres/data-dir-lock.js';
export { openDatabase, redact, type Database, type DatabaseOptions } from './postgres/database.js';
export { PostgresEventStore, type PostgresEventStoreOptions } from './postgres/postgres-event-store.js';
export { IDEMPOTENCY_RETENTION_HOURS, migrate, MIGRATIONS, POSITION_SLOTS_PER_TRANSACTION } from './postgres/migrations.js';
export type { SqlPool, SqlClient, SqlPoolClient, SqlResult } from './postgres/sql-pool.js';
export { IdempotencyRecords, type Claim, type IdempotentResponse } from './postgres/idempotency-records.js';
