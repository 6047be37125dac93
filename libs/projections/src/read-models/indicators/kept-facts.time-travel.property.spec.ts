import fc from 'fast-check';
import { describeOnServer } from '@rm/event-store/testing';
import type { ReadDb } from '../../runner/projection.js';
import { momentArbitrary, scenarioArbitrary, scenarioDay } from '../../testing/scenario.arbitrary.js';
import { OLS, plain, projectScenario, THEIL_SEN, timeTravelAt } from '../../testing/time-travel-reads.js';
import { openReadModelFixture, type ReadModelFixture } from '../../testing/read-model-fixture.js';
import { partners, referencePartners } from '../partners/index.js';
import { recoveryActions, recoveryPlan, referencePlan, referenceRecoveryActions } from '../plans/index.js';
import { referenceScorecard, scorecard } from '../scorecard/index.js';
import { referenceWorkforce, workforce } from '../workforce/index.js';
import { referenceTrendProjections, trendProjections } from '../trends/index.js';
import {
  earlyWarnings, indicatorHistory, indicatorPosition, indicatorPositions, keepIndicatorFacts, referenceEarlyWarnings, referenceIndicatorHistory,
  referenceIndicatorPosition, referenceIndicatorPositions,
} from './index.js';


// The reads that fold indicator facts, through a view that keeps them in memory per read
// position: across runs the view holds facts at many positions, some read singly and some all
// at once, and each read at random moments must still equal the from-scratch fold.
function keptFactsProperty(kind: 'server' | 'embedded', runs: number) {
  let f: ReadModelFixture;
  let kept: ReadDb;
  let run = 0;
  beforeAll(async () => {
    f = await openReadModelFixture(kind);
    kept = keepIndicatorFacts(f.read.db, { maxFacts: 200 });
  });
  afterAll(async () => f?.dispose());

  it(`reads from kept facts equal a from-scratch fold of only the qualifying events (${runs} random logs)`, async () => {
    await fc.assert(
      fc.asyncProperty(scenarioArbitrary, fc.array(momentArbitrary, { minLength: 4, maxLength: 4 }), fc.nat(), fc.boolean(), async (scenario, moments, pick, singleFirst) => {
        const id = `k${kind[0]}${run++}`;
        const { runner, events } = await projectScenario(f, scenario, id);
        for (const m of moments) {
          const tt = timeTravelAt(m, pick, events, runner.position);
          const [ind0, ind1] = [`ind-${id}-0`, `ind-${id}-1`];
          const single: [string, unknown, unknown][] = [
            ['position', await indicatorPosition(kept, tt, ind0), referenceIndicatorPosition(events, tt, ind0)],
            ['history', await indicatorHistory(kept, tt, ind1, scenarioDay(20), scenarioDay(90)), referenceIndicatorHistory(events, tt, ind1, scenarioDay(20), scenarioDay(90))],
          ];
          const all: [string, unknown, unknown][] = [
            ['positions', await indicatorPositions(kept, tt), referenceIndicatorPositions(events, tt)],
            ['early warnings', await earlyWarnings(kept, tt), referenceEarlyWarnings(events, tt)],
            ['scorecard', await scorecard(kept, tt), referenceScorecard(events, tt)],
            ['trend projections', await trendProjections(kept, tt, OLS), referenceTrendProjections(events, tt, OLS)],
            ['trend projections, Theil–Sen', await trendProjections(kept, tt, THEIL_SEN), referenceTrendProjections(events, tt, THEIL_SEN)],
            // The scorecard's other inputs, from the plan, partner and workforce rows kept beside the facts.
            ['recovery actions', await recoveryActions(kept, tt), referenceRecoveryActions(events, tt)],
            ['recovery plan', await recoveryPlan(kept, tt, `plan-${id}`), referencePlan(events, tt, `plan-${id}`)],
            ['partners', await partners(kept, tt), referencePartners(events, tt)],
            ['workforce', await workforce(kept, tt), referenceWorkforce(events, tt)],
          ];
          const pairs = singleFirst ? [...single, ...all] : [...all, ...single];
          for (const [model, query, reference] of pairs) expect({ model, tt: plain(tt), answer: plain(query) }).toEqual({ model, tt: plain(tt), answer: plain(reference) });
        }
      }),
      { numRuns: runs, endOnFailure: true },
    );
  }, 5_000 * runs + 60_000);
}

describe('kept indicator facts equal replay on embedded PGlite', () => keptFactsProperty('embedded', 8));
describeOnServer('kept indicator facts equal replay on a PostgreSQL server', () => keptFactsProperty('server', 12));
