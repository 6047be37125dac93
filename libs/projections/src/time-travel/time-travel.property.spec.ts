import fc from 'fast-check';
import { describeOnServer } from '@rm/event-store/testing';
import {
  earlyWarnings, indicatorHistory, indicatorPositions, referenceEarlyWarnings, referenceIndicatorHistory, referenceIndicatorPositions,
  referenceQualifyingFigures,
} from '../read-models/indicators/index.js';
import { partners, referencePartners } from '../read-models/partners/index.js';
import { recoveryActions, recoveryPlan, referencePlan, referenceRecoveryActions, referenceTrajectoryVersusActual, trajectoryVersusActual } from '../read-models/plans/index.js';
import { DEFAULT_SCORECARD_RULES, referenceScorecard, scorecard } from '../read-models/scorecard/index.js';
import { referenceWorkforce, workforce } from '../read-models/workforce/index.js';
import { referenceTrendProjections, trendProjections } from '../read-models/trends/index.js';
import { momentArbitrary, scenarioArbitrary, scenarioDay } from '../testing/scenario.arbitrary.js';
import { OLS, plain, projectScenario, THEIL_SEN, timeTravelAt } from '../testing/time-travel-reads.js';
import { openReadModelFixture, type ReadModelFixture } from '../testing/read-model-fixture.js';



function timeTravelProperty(kind: 'server' | 'embedded', runs: number) {
  let f: ReadModelFixture;
  let run = 0;
  beforeAll(async () => {
    f = await openReadModelFixture(kind);
  });
  afterAll(async () => f?.dispose());

  it(`every read model's answer equals a from-scratch fold of only the qualifying events (${runs} random logs)`, async () => {
    await fc.assert(
      fc.asyncProperty(scenarioArbitrary, fc.array(momentArbitrary, { minLength: 3, maxLength: 3 }), fc.nat(), fc.constantFrom(0, 3, 14, 45), async (scenario, moments, pick, staleWarningDays) => {
        const rules = { ...DEFAULT_SCORECARD_RULES, q6: { ...DEFAULT_SCORECARD_RULES.q6, staleWarningDays } };
        const id = `${kind[0]}${run++}`;
        const { runner, events } = await projectScenario(f, scenario, id);
        for (const m of moments) {
          const tt = timeTravelAt(m, pick, events, runner.position);
          const db = f.read.db;
          const ind0 = `ind-${id}-0`;
          const figures0 = referenceQualifyingFigures(events, tt, ind0);
          const pairs: [string, unknown, unknown][] = [
            ['indicator positions', await indicatorPositions(db, tt), referenceIndicatorPositions(events, tt)],
            ['history', await indicatorHistory(db, tt, ind0), referenceIndicatorHistory(events, tt, ind0)],
            ['history window', await indicatorHistory(db, tt, `ind-${id}-1`, scenarioDay(20), scenarioDay(90)), referenceIndicatorHistory(events, tt, `ind-${id}-1`, scenarioDay(20), scenarioDay(90))],
            ['early warnings', await earlyWarnings(db, tt), referenceEarlyWarnings(events, tt)],
            ['recovery actions', await recoveryActions(db, tt), referenceRecoveryActions(events, tt)],
            ['recovery plan', await recoveryPlan(db, tt, `plan-${id}`), referencePlan(events, tt, `plan-${id}`)],
            ['trajectory versus actual', await trajectoryVersusActual(db, tt, ind0), referenceTrajectoryVersusActual(events, tt, ind0, figures0)],
            ['partners', await partners(db, tt), referencePartners(events, tt)],
            ['workforce', await workforce(db, tt), referenceWorkforce(events, tt)],
            ['scorecard', await scorecard(db, tt, rules), referenceScorecard(events, tt, rules)],
            ['trend projections', await trendProjections(db, tt, OLS), referenceTrendProjections(events, tt, OLS)],
            ['trend projections, Theil–Sen', await trendProjections(db, tt, THEIL_SEN), referenceTrendProjections(events, tt, THEIL_SEN)],
          ];
          for (const [model, query, reference] of pairs) expect({ model, tt: plain(tt), answer: plain(query) }).toEqual({ model, tt: plain(tt), answer: plain(reference) });
        }
      }),
      { numRuns: runs, endOnFailure: true },
    );
    // Each log is projected and read at three moments: ~2 s quiet, several times that on a loaded machine.
  }, 5_000 * runs + 60_000);
}

describe('time travel equals replay on embedded PGlite', () => timeTravelProperty('embedded', 10));
describeOnServer('time travel equals replay on a PostgreSQL server', () => timeTravelProperty('server', 15));
