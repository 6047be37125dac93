import { Global, Inject, Module, type OnApplicationShutdown } from '@nestjs/common';
import { EVENT_STORE, IdempotencyRecords, migrate, openDatabase, openEventStore, type Database, type EventStore } from '@rm/event-store';
import { APP_CONFIG, type AppConfig } from '@rm/config';

export const DATABASE = Symbol('Database');
export const IDEMPOTENCY_RECORDS = Symbol('IdempotencyRecords');

/** Opens the database (server or embedded) once and provides the event store port: over it, or on KurrentDB. */
@Global()
@Module({
  providers: [
    {
      provide: DATABASE,
      inject: [APP_CONFIG],
      useFactory: async (config: AppConfig): Promise<Database> => {
        const db = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, poolSize: config.poolSize });
        await migrate(db.pool, config.schema);
        return db;
      },
    },
    {
      provide: EVENT_STORE,
      inject: [DATABASE, APP_CONFIG],
      // EVENT_STORE=kurrentdb: refuses to start when KurrentDB does not answer; never falls back.
      useFactory: (db: Database, config: AppConfig): Promise<EventStore> =>
        openEventStore(config, db).catch(async (err: unknown) => {
          await db.close(); // the app will not start: nothing else would close it
          throw err;
        }),
    },
    {
      provide: IDEMPOTENCY_RECORDS,
      inject: [DATABASE, APP_CONFIG],
      useFactory: (db: Database, config: AppConfig) => new IdempotencyRecords(db.pool, config.schema),
    },
  ],
  exports: [DATABASE, EVENT_STORE, IDEMPOTENCY_RECORDS],
})
export class EventStoreModule implements OnApplicationShutdown {
  constructor(
    @Inject(DATABASE) private readonly db: Database,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  async onApplicationShutdown(): Promise<void> {
    await this.store.close();
    await this.db.close();
  }
}
