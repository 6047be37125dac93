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
import { ALL_PROJECTIONS } from '../read-models/registry.js';
import { toProjected, type ProjectedEvent } from '../runner/projection.js';
import { momentArbitrary, scenarioAppends, scenarioArbitrary, scenarioDay } from '../testing/scenario.arbitrary.js';
import { openReadModelFixture, type ReadModelFixture } from '../testing/read-model-fixture.js';
import { LATEST, type TimeTravel } from './time-travel.js';

/** Dates and bigints as text, so that answers compare as plain data. */
const plain = (value: unknown) => (value === undefined ? undefined : JSON.parse(JSON.stringify(value, (_k, v) => (typeof v === "bigint" ? v.toString() : v))));

const OLS = { method: 'ols', windowDays: 42 } as const;
const THEIL_SEN = { method: 'theil-sen', windowDays: 20 } as const;

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
        let last = 0n;
        for (const { streamId, event } of scenarioAppends(scenario, id)) last = (await f.t.store.append(streamId, [event])).position;
        const runner = f.runner(ALL_PROJECTIONS);
        await runner.catchUp(last);
        const events: ProjectedEvent[] = (await f.t.store.readAll({ limit: 100_000 })).map(toProjected);
        const recorded = events.map((e) => e.recordedAt);
        for (const m of moments) {
          const knownAt = m.knownAt === 'latest' ? LATEST : m.knownAt === 'now' ? recorded[pick % recorded.length] : new Date(m.knownAt);
          const position = m.pinEarlier ? events[pick % events.length].position : runner.position;
          const tt: TimeTravel = { asOf: new Date(`${scenarioDay(m.asOfDay)}T23:59:59.999Z`), knownAt, knownAtLatest: m.knownAt === 'latest', position };
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
  });
}

describe('time travel equals replay on embedded PGlite', () => timeTravelProperty('embedded', 10));
describeOnServer('time travel equals replay on a PostgreSQL server', () => timeTravelProperty('server', 15));
