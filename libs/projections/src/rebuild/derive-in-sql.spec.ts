import fc from 'fast-check';
import { describeOnServer, openTestStore, type TestStore } from '@rm/event-store/testing';
import { activeGeneration, dropGeneration, generationSchema } from '../database/generations.js';
import { ReadDatabase } from '../database/read-database.js';
import { ITEM_TABLES } from '../read-models/indicators/backlog-item-lines.writer.js';
import { indicatorFactsProjection } from '../read-models/indicators/indicator-facts.projection.js';
import { READ_MODEL_SCHEMA } from '../read-models/registry.js';
import { toProjected } from '../runner/projection.js';
import { itemFeedAppends, itemFeedArbitrary } from '../testing/item-feed.arbitrary.js';
import { scenarioAppends, scenarioArbitrary } from '../testing/scenario.arbitrary.js';
import { deriveInSql, InexactInSql, visibleThrough } from './derive-in-sql.js';
import { rebuildReadModels } from './rebuild.js';

const items = indicatorFactsProjection.sqlBulkLoad!;

function specs(kind: 'server' | 'embedded') {
  let t: TestStore;
  let node: ReadDatabase;
  let sql: ReadDatabase;
  // PGlite is one session: one share at a time.
  const parts = kind === 'server' ? 2 : 1;
  beforeAll(async () => {
    t = await openTestStore(kind);
    node = await ReadDatabase.open(t.db, `${t.schema}_node`, READ_MODEL_SCHEMA, 2, { bulkLoad: true });
    sql = await ReadDatabase.open(t.db, `${t.schema}_sql`, READ_MODEL_SCHEMA, 2, { bulkLoad: true });
  });
  afterAll(async () => {
    for (const read of [node, sql]) {
      await read?.close();
      if (kind === 'server' && read) await t.db.pool.query(`DROP SCHEMA ${read.schema} CASCADE`);
    }
    await t?.dispose();
  });

  const emptied = (read: ReadDatabase) => read.db.query(`TRUNCATE ${ITEM_TABLES.map((table) => `${read.schema}.${table}`).join(', ')}`);
  /** The item tables, rows as JSON text: instants to the microsecond, so a time not cut to the millisecond shows. */
  const rowsOf = async (read: ReadDatabase) =>
    Object.fromEntries(
      await Promise.all(
        ITEM_TABLES.map(async (table) => {
          const rows = await read.db.query<{ row: string }>(`SELECT row_to_json(x)::text AS row FROM ${read.schema}.${table} x ORDER BY 1`);
          return [table, rows.map((r) => r.row)] as const;
        }),
      ),
    );

  /** The Node path: the bulk loader fed the item events up to `through`, decoded here (toProjected, factOf). */
  async function byNode(through: bigint): Promise<number> {
    await emptied(node);
    const loader = indicatorFactsProjection.bulkLoader!();
    let after = 0n;
    let events = 0;
    for (;;) {
      const batch = (await t.store.readAll({ after, limit: 7, types: items.types })).filter((e) => e.position <= through);
      if (batch.length === 0) break;
      await node.transaction((db) => loader.apply(batch.map(toProjected), db));
      after = batch[batch.length - 1].position;
      events += batch.length;
    }
    await node.transaction((db) => loader.finish(db));
    return events;
  }

  async function bySql(through: bigint): Promise<number> {
    await emptied(sql);
    return deriveInSql(t.db.pool, t.store.logInDatabase!(t.db.pool)!, sql.schema, [items], through, parts, []);
  }

  async function append(appends: { streamId: string; event: Parameters<TestStore['store']['append']>[1][number] }[]): Promise<bigint[]> {
    const positions: bigint[] = [];
    for (const { streamId, event } of appends) positions.push((await t.store.append(streamId, [event])).position);
    return positions;
  }

  it('derives the item lifecycles and lines the bulk loader writes from the same events, row for row, through the same position', async () => {
    let run = 0;
    await fc.assert(
      fc.asyncProperty(scenarioArbitrary, itemFeedArbitrary, fc.option(fc.double({ min: 0, max: 1, noNaN: true }), { nil: undefined }), async (scenario, feed, cut) => {
        run++;
        const positions = await append([...scenarioAppends(scenario, `e${run}`), ...itemFeedAppends(feed, `e${run}`)]);
        // This store records milliseconds; a log restored from elsewhere may hold microseconds.
        await t.db.pool.query(`UPDATE ${t.schema}.rm_events SET recorded_at = recorded_at + (position % 1000) * interval '1 microsecond' WHERE position = ANY($1::bigint[])`, [
          positions.map(String),
        ]);
        // Through the log's horizon, or through a position inside it.
        const horizon = await visibleThrough(t.db.pool, t.store.logInDatabase!(t.db.pool)!);
        const through = cut === undefined ? horizon : positions[Math.floor(cut * (positions.length - 1))];
        const derived = await bySql(through);
        expect(derived).toBe(await byNode(through));
        expect(await rowsOf(sql)).toEqual(await rowsOf(node));
      }),
      { numRuns: kind === 'server' ? 25 : 8, seed: 1204 },
    );
  });

  it.each([
    ['an instant with an offset', '2019-11-15T10:00:00+01:00'],
    ['an instant without milliseconds', '2019-11-15T10:00:00Z'],
    ['a date JavaScript rolls over and PostgreSQL refuses', '2019-02-30'],
    ['no date at all', 'soon'],
  ])('derives nothing, and says so, when an effective time is %s', async (_, effectiveAt) => {
    const [line] = fc.sample(itemFeedArbitrary.filter((l) => l.length > 0), { numRuns: 1, seed: 7 })[0];
    await append(itemFeedAppends([{ ...line, effectiveAt }], `x${effectiveAt.length}`));
    await expect(bySql(await visibleThrough(t.db.pool, t.store.logInDatabase!(t.db.pool)!))).rejects.toBeInstanceOf(InexactInSql);
    expect(await rowsOf(sql)).toEqual({ [ITEM_TABLES[0]]: [], [ITEM_TABLES[1]]: [] });
    await t.db.pool.query(`DELETE FROM ${t.schema}.rm_events WHERE metadata->>'effectiveAt' = $1`, [effectiveAt]);
  });
}

describeOnServer('deriveInSql (the item feeds) on a PostgreSQL server', () => specs('server'));
describe('deriveInSql (the item feeds) on embedded PGlite', () => specs('embedded'));

describeOnServer('rebuildReadModels when deriveInSql cannot derive the log exactly', () => {
  let t: TestStore;
  beforeAll(async () => (t = await openTestStore('server')));
  afterAll(async () => {
    for (const n of [1, 2]) await dropGeneration(t.db.pool, t.schema, n);
    await t?.dispose();
  });

  it('applies the whole log in this process instead, and says why', async () => {
    const [line] = fc.sample(itemFeedArbitrary.filter((l) => l.length > 0), { numRuns: 1, seed: 7 })[0];
    const appends = [...itemFeedAppends([{ ...line, event: 'opened', effectiveAt: '2019-11-15T10:00:00+01:00' }], 'f')];
    for (const { streamId, event } of appends) await t.store.append(streamId, [event]);
    const notes: string[] = [];
    const result = await rebuildReadModels(t.db, t.store, t.schema, undefined, undefined, (m) => notes.push(m));
    expect(notes).toEqual([expect.stringContaining('applied by this process instead')]);
    expect(result.to).toBe((await activeGeneration(t.db.pool, t.schema)).number);
    const { rows } = await t.db.pool.query(`SELECT (extract(epoch FROM opened_at) * 1000)::bigint AS ms FROM ${generationSchema(t.schema, result.to)}.${ITEM_TABLES[1]}`);
    expect(rows).toEqual([{ ms: String(Date.UTC(2019, 10, 15, 9)) }]);
  });
});
