import fc from 'fast-check';
import { describeOnServer } from '@rm/event-store/testing';
import { ReadDatabase } from '../../database/read-database.js';
import type { ProjectedEvent } from '../../runner/projection.js';
import { openReadModelFixture, type ReadModelFixture } from '../../testing/read-model-fixture.js';
import { READ_MODEL_SCHEMA } from '../registry.js';
import { ITEM_TABLES } from './backlog-item-lines.writer.js';
import { indicatorFactsProjection } from './indicator-facts.projection.js';

const TYPES = { opened: 'BacklogItemOpened', graded: 'BacklogItemGraded', cleared: 'BacklogItemCleared' } as const;

/** An item feed in log order, with what a feed may hold: repeats, clearings before openings, items never cleared. */
const feedArbitrary = fc.record({
  lines: fc.array(fc.record({ item: fc.integer({ min: 0, max: 5 }), event: fc.constantFrom('opened', 'graded', 'cleared', 'opened', 'cleared'), day: fc.integer({ min: 1, max: 28 }) }), {
    minLength: 1,
    maxLength: 40,
  }),
  batch: fc.integer({ min: 1, max: 7 }),
});

let nextPosition = 5000n;
function eventsOf(lines: { item: number; event: keyof typeof TYPES; day: number }[], run: number): ProjectedEvent[] {
  return lines.map(({ item, event, day }) => {
    const at = new Date(Date.UTC(2019, 8, day));
    return {
      position: ++nextPosition,
      streamId: `item-${run}-${item}`,
      type: TYPES[event],
      data: { indicatorId: `ind-${run}`, ref: `INC-${item}`, at: at.toISOString().slice(0, 10), ...(event === 'graded' ? { risk: 'high' } : {}) },
      metadata: { effectiveAt: at.toISOString() },
      recordedAt: new Date(Date.UTC(2019, 9, 1)),
      knownAt: new Date(Date.UTC(2019, 9, 1, 0, 0, day)),
      effectiveAt: at,
    };
  });
}

function specs(kind: 'server' | 'embedded') {
  let f: ReadModelFixture;
  let bulk: ReadDatabase;
  beforeAll(async () => {
    f = await openReadModelFixture(kind);
    bulk = await ReadDatabase.open(f.t.db, `${f.read.schema}_bulk`, READ_MODEL_SCHEMA, 2, { bulkLoad: true });
  });
  afterAll(async () => {
    await bulk?.close();
    if (kind === 'server') await f.t.db.pool.query(`DROP SCHEMA IF EXISTS ${f.read.schema}_bulk CASCADE`);
    await f?.dispose();
  });

  const rowsOf = async (read: ReadDatabase, run: number) => {
    const all: Record<string, unknown[]> = {};
    for (const table of ITEM_TABLES) all[table] = await read.db.query(`SELECT * FROM ${read.schema}.${table} WHERE indicator_id = $1 ORDER BY 1, 2, 3`, [`ind-${run}`]);
    return all;
  };

  it('writes the lifecycles and lines that applying the same feed batch by batch writes', async () => {
    let run = 0;
    await fc.assert(
      fc.asyncProperty(feedArbitrary, async ({ lines, batch }) => {
        run++;
        const events = eventsOf(lines, run);
        const loader = indicatorFactsProjection.bulkLoader!();
        for (let i = 0; i < events.length; i += batch) {
          const part = events.slice(i, i + batch);
          await f.read.transaction((db) => indicatorFactsProjection.apply(part, db));
          await bulk.transaction((db) => loader.apply(part, db));
        }
        await bulk.transaction((db) => loader.finish(db));
        expect(await rowsOf(bulk, run)).toEqual(await rowsOf(f.read, run));
      }),
      { numRuns: 40, seed: 1207 },
    );
  });
}

describe('item lifecycles in a bulk load on embedded PGlite', () => specs('embedded'));
describeOnServer('item lifecycles in a bulk load on a PostgreSQL server', () => specs('server'));
