import { openDatabase } from './database.js';
import { describeOnServer, openTestStore, TEST_DATABASE_URL, type TestStore } from '../testing/test-database.js';

function specs(kind: 'server' | 'embedded') {
  let t: TestStore;
  beforeAll(async () => (t = await openTestStore(kind)));
  afterAll(() => t?.dispose());

  it('answers the log as a relation of its own database, with what readAll reads up to the horizon', async () => {
    for (let i = 0; i < 3; i++) await t.store.append(`indicator-log-${i}`, [{ id: crypto.randomUUID(), type: 'Noted', data: { i }, metadata: { effectiveAt: '2019-11-15' } }]);
    const log = t.store.logInDatabase(t.db.pool)!;
    const { rows } = await t.db.pool.query<{ position: string; type: string; data: unknown; metadata: unknown; recorded_at: Date }>(
      `SELECT position, type, data, metadata, recorded_at FROM ${log.relation} e WHERE position <= ${log.horizon} ORDER BY position`,
    );
    const read = await t.store.readAll();
    expect(rows).toEqual(read.map((e) => ({ position: String(e.position), type: e.type, data: e.data, metadata: e.metadata, recorded_at: e.recordedAt })));
  });

  if (kind === 'server')
    it('answers nothing for another pool, even on the same server', async () => {
      const other = await openDatabase({ databaseUrl: TEST_DATABASE_URL, poolSize: 1 });
      try {
        expect(t.store.logInDatabase(other.pool)).toBeUndefined();
      } finally {
        await other.close();
      }
    });
}

describeOnServer('PostgresEventStore.logInDatabase on a PostgreSQL server', () => specs('server'));
describe('PostgresEventStore.logInDatabase on embedded PGlite', () => specs('embedded'));
