import fc from 'fast-check';
import { openReadModelFixture, type ReadModelFixture } from '../../testing/read-model-fixture.js';
import { scenarioArbitrary } from '../../testing/scenario.arbitrary.js';
import { projectScenario } from '../../testing/time-travel-reads.js';
import type { ReadDb } from '../../runner/projection.js';
import { LATEST, type TimeTravel } from '../../time-travel/time-travel.js';
import { scorecard } from '../scorecard/index.js';
import { indicatorPositions, keepIndicatorFacts, warmKeptFacts } from './index.js';

/** The database's own ReadDb, counting the statements sent through it. */
function counted(db: ReadDb): { db: ReadDb; sent: () => number } {
  let n = 0;
  return { db: { schema: db.schema, query: (sql, params) => (n++, db.query(sql, params)) }, sent: () => n };
}

describe('warming a kept view on embedded PGlite', () => {
  let f: ReadModelFixture;
  let tt: TimeTravel;
  beforeAll(async () => {
    f = await openReadModelFixture('embedded');
    const [scenario] = fc.sample(scenarioArbitrary, { seed: 12, numRuns: 1 });
    const { runner } = await projectScenario(f, scenario, 'warm');
    tt = { asOf: LATEST, knownAt: LATEST, knownAtLatest: true, position: runner.position };
  });
  afterAll(async () => f?.dispose());

  it('loads at a position what the first reads there would load: they then send what a repeated read sends', async () => {
    const cold = counted(f.read.db);
    const coldView = keepIndicatorFacts(cold.db);
    await indicatorPositions(coldView, tt);
    await scorecard(coldView, tt);
    const firstReads = cold.sent();
    await indicatorPositions(coldView, tt);
    await scorecard(coldView, tt);
    const repeatedReads = cold.sent() - firstReads;
    expect(firstReads).toBeGreaterThan(repeatedReads);

    const warm = counted(f.read.db);
    const warmView = keepIndicatorFacts(warm.db);
    await warmKeptFacts(warmView, tt.position);
    const warming = warm.sent();
    const positions = await indicatorPositions(warmView, tt);
    const card = await scorecard(warmView, tt);
    expect(warming).toBeGreaterThan(0);
    expect(warm.sent() - warming).toBe(repeatedReads);
    expect(positions).toEqual(await indicatorPositions(coldView, tt));
    expect(card).toEqual(await scorecard(coldView, tt));
  });

  it('past its row limit, a kept view reads the plan, partner and workforce rows from SQL, with the same answers', async () => {
    const within = counted(f.read.db);
    const withinView = keepIndicatorFacts(within.db);
    const over = counted(f.read.db);
    const overView = keepIndicatorFacts(over.db, { maxRows: 1 });
    const card = await scorecard(withinView, tt);
    await scorecard(overView, tt);
    const [withinFirst, overFirst] = [within.sent(), over.sent()];
    expect(await scorecard(overView, tt)).toEqual(card);
    expect(await scorecard(withinView, tt)).toEqual(card);
    expect(card).toEqual(await scorecard(f.read.db, tt));
    // Kept rows answer a repeated read from memory; over the limit every read asks the database again.
    expect(over.sent() - overFirst).toBeGreaterThan(within.sent() - withinFirst);
  });

  it('leaves a database that is not a kept view alone', async () => {
    const plain = counted(f.read.db);
    await warmKeptFacts(plain.db, tt.position);
    expect(plain.sent()).toBe(0);
  });
});
