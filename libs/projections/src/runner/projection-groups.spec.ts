import fc from 'fast-check';
import { describeOnServer } from '@rm/event-store/testing';
import { indicatorPositions, referenceIndicatorPositions } from '../read-models/indicators/index.js';
import { partners, referencePartners } from '../read-models/partners/index.js';
import { recoveryActions, referenceRecoveryActions } from '../read-models/plans/index.js';
import { PROJECTION_GROUPS } from '../read-models/registry.js';
import { DEFAULT_SCORECARD_RULES, referenceScorecard, scorecard } from '../read-models/scorecard/index.js';
import { referenceWorkforce, workforce } from '../read-models/workforce/index.js';
import { scenarioAppends, scenarioArbitrary } from '../testing/scenario.arbitrary.js';
import { openReadModelFixture, type ReadModelFixture } from '../testing/read-model-fixture.js';
import { LATEST, type TimeTravel } from '../time-travel/time-travel.js';
import { groupLeases } from './group-leases.js';
import { toProjected } from './projection.js';
import { ProjectionGroups } from './projection-groups.js';

const plain = (value: unknown) => JSON.parse(JSON.stringify(value, (_k, v) => (typeof v === 'bigint' ? v.toString() : v)));

describeOnServer('Projection groups at different checkpoints (PostgreSQL server)', () => {
  let f: ReadModelFixture;
  beforeAll(async () => {
    f = await openReadModelFixture('server');
  });
  afterAll(async () => f?.dispose());

  const groups = (selected?: string[]) => {
    const leases = groupLeases(f.t.db.clientConfig!, { scope: f.read.schema, groups: PROJECTION_GROUPS, candidateFor: selected ?? PROJECTION_GROUPS.map((g) => g.name), retryMs: 100 });
    return new ProjectionGroups(f.store, f.read, PROJECTION_GROUPS, leases, { selected, retryMs: 50 });
  };
  const append = async (seed: number) => {
    let last = 0n;
    for (const [i, scenario] of fc.sample(scenarioArbitrary, { numRuns: 4, seed }).entries())
      for (const { streamId, event } of scenarioAppends(scenario, `pg${seed}-${i}`)) last = (await f.t.store.append(streamId, [event])).position;
    return last;
  };

  /** Every area's answer at the position the groups state equals a fold of only the events up to it. */
  async function expectExactAt(position: bigint) {
    const events = (await f.t.store.readAll({ limit: 100_000 })).map(toProjected);
    const tt: TimeTravel = { asOf: LATEST, knownAt: LATEST, knownAtLatest: true, position };
    const db = f.read.db;
    const pairs: [string, unknown, unknown][] = [
      ['indicator positions', await indicatorPositions(db, tt), referenceIndicatorPositions(events, tt)],
      ['recovery actions', await recoveryActions(db, tt), referenceRecoveryActions(events, tt)],
      ['partners', await partners(db, tt), referencePartners(events, tt)],
      ['workforce', await workforce(db, tt), referenceWorkforce(events, tt)],
      ['scorecard', await scorecard(db, tt, DEFAULT_SCORECARD_RULES), referenceScorecard(events, tt, DEFAULT_SCORECARD_RULES)],
    ];
    for (const [model, query, reference] of pairs) expect({ model, answer: plain(query) }).toEqual({ model, answer: plain(reference) });
  }

  it('states the lowest checkpoint of all groups, and reads at it are exact while other groups are ahead', async () => {
    const first = await append(1);
    const all = groups();
    await all.catchUp(first);
    await all.stop();

    const later = await append(2);
    const some = groups(['indicators', 'partners-workforce']);
    await some.catchUp(later);
    await some.refreshCheckpoints();
    // The plans group is still where the first catch-up left it.
    expect(some.position >= first && some.position < later).toBe(true);
    const [ahead] = await f.read.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${f.read.schema}.rm_indicator_definitions WHERE position > $1`, [String(some.position)]);
    expect(ahead.n).toBeGreaterThan(0); // the indicators group's tables hold facts past the stated position
    await expectExactAt(some.position);
    await some.stop();

    const rest = groups(['plans']);
    await rest.catchUp(later);
    await rest.refreshCheckpoints();
    expect(rest.position >= later).toBe(true);
    await expectExactAt(later);
    await rest.stop();
  });
});
