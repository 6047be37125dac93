import { describeOnServer, openTestStore, type TestStore } from '@rm/event-store/testing';
import { ReadDatabase } from '../../database/read-database.js';
import { READ_MODEL_SCHEMA } from '../registry.js';
import { BacklogItemLifecycles1764700000000 } from './1764700000000-backlog-item-lifecycles.migration.js';

/**
 * A generation served before item lifecycles existed is upgraded in place when the app opens it:
 * its feed lines are moved into lifecycle rows, nothing lost and nothing to rebuild.
 */
function migrationSpecs(kind: 'server' | 'embedded') {
  let t: TestStore;
  beforeAll(async () => {
    t = await openTestStore(kind);
  });
  afterAll(async () => t?.dispose());

  it('moves opening and clearing lines into lifecycle rows, keeping extra lines and gradings as lines', async () => {
    const schema = kind === 'server' ? `${t.schema}_upgrade` : 'upgrade';
    // Every migration older than the lifecycles' (TypeORM orders them by the class name's timestamp).
    const stamp = (m: { name: string }) => Number(/\d{13}$/.exec(m.name)![0]);
    const before = READ_MODEL_SCHEMA.migrations.filter((m) => stamp(m as { name: string }) < stamp(BacklogItemLifecycles1764700000000));
    const old = await ReadDatabase.open(t.db, schema, { ...READ_MODEL_SCHEMA, migrations: before });
    const line = (position: number, ref: string, event: string, day: number, known: number) =>
      `(${position}, 'ind', '${ref}', '${event}', '2019-09-${String(day).padStart(2, '0')}T00:00:00Z', '2019-10-${String(known).padStart(2, '0')}T00:00:00Z', ${event === 'graded' ? "'high'" : 'NULL'})`;
    const lines = [
      line(1, 'A', 'opened', 1, 1), line(2, 'A', 'graded', 2, 2), line(3, 'A', 'cleared', 9, 3),
      line(4, 'B', 'opened', 3, 4),
      line(5, 'C', 'cleared', 5, 5), line(6, 'C', 'opened', 4, 6), line(7, 'C', 'opened', 2, 7),
    ];
    await old.db.query(`INSERT INTO ${schema}.rm_indicator_backlog_items (position, indicator_id, ref, event, at, known_at, risk) VALUES ${lines.join(', ')}`);
    await old.close();

    const upgraded = await ReadDatabase.open(t.db, schema, READ_MODEL_SCHEMA);
    const rows = await upgraded.db.query<Record<string, unknown>>(
      `SELECT ref, opened_position::int AS op, to_char(opened_at AT TIME ZONE 'UTC', 'MM-DD') AS oa, to_char(opened_known_at AT TIME ZONE 'UTC', 'MM-DD') AS ok,
              cleared_position::int AS cp, to_char(cleared_at AT TIME ZONE 'UTC', 'MM-DD') AS ca, irregular
         FROM ${schema}.rm_indicator_backlog_item_lifecycles ORDER BY ref`,
    );
    expect(rows).toEqual([
      { ref: 'A', op: 1, oa: '09-01', ok: '10-01', cp: 3, ca: '09-09', irregular: false },
      { ref: 'B', op: 4, oa: '09-03', ok: '10-04', cp: null, ca: null, irregular: false },
      { ref: 'C', op: 6, oa: '09-04', ok: '10-06', cp: 5, ca: '09-05', irregular: true },
    ]);
    const left = await upgraded.db.query<{ position: number; event: string }>(`SELECT position::int, event FROM ${schema}.rm_indicator_backlog_items ORDER BY position`);
    expect(left).toEqual([
      { position: 2, event: 'graded' },
      { position: 7, event: 'opened' },
    ]);
    await upgraded.close();
    await t.db.pool.query(`DROP SCHEMA ${schema} CASCADE`);
  });
}

describe('backlog item lifecycles migration on embedded PGlite', () => migrationSpecs('embedded'));
describeOnServer('backlog item lifecycles migration on a PostgreSQL server', () => migrationSpecs('server'));
