import { Global, Inject, Module, type OnApplicationShutdown } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@rm/config';
import { EVENT_STORE, IdempotencyRecords, openStorage, type Database, type Storage } from '@rm/event-store';

export const DATABASE = Symbol('Database');
export const IDEMPOTENCY_RECORDS = Symbol('IdempotencyRecords');
const STORAGE = Symbol('Storage');

/** Opens the database (server or embedded) once and provides the event store port: over it, or on KurrentDB. */
@Global()
@Module({
  providers: [
    // EVENT_STORE=kurrentdb: refuses to start when KurrentDB does not answer; never falls back.
    { provide: STORAGE, inject: [APP_CONFIG], useFactory: (config: AppConfig): Promise<Storage> => openStorage(config) },
    { provide: DATABASE, inject: [STORAGE], useFactory: (storage: Storage) => storage.db },
    { provide: EVENT_STORE, inject: [STORAGE], useFactory: (storage: Storage) => storage.store },
    {
      provide: IDEMPOTENCY_RECORDS,
      inject: [DATABASE, APP_CONFIG],
      useFactory: (db: Database, config: AppConfig) => new IdempotencyRecords(db.pool, config.schema),
    },
  ],
  exports: [DATABASE, EVENT_STORE, IDEMPOTENCY_RECORDS],
})
export class EventStoreModule implements OnApplicationShutdown {
  constructor(@Inject(STORAGE) private readonly storage: Storage) {}

  async onApplicationShutdown(): Promise<void> {
    await this.storage.close();
  }
}
