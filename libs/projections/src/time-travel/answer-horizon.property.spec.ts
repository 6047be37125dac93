import fc from 'fast-check';
import { describeOnServer } from '@rm/event-store/testing';
import { indicatorHorizon, referenceIndicatorPosition, referenceIndicatorPositions } from '../read-models/indicators/index.js';
import { DEFAULT_SCORECARD_RULES, referenceScorecard, scorecardHorizon, type ScorecardRules } from '../read-models/scorecard/index.js';
import { ALL_PROJECTIONS } from '../read-models/registry.js';
import { toProjected, type ProjectedEvent, type ReadDb } from '../runner/projection.js';
import { scenarioAppends, scenarioArbitrary } from '../testing/scenario.arbitrary.js';
import { openReadModelFixture, type ReadModelFixture } from '../testing/read-model-fixture.js';
import { LATEST, type TimeTravel } from './time-travel.js';

const DAY = 86_400_000;
const plain = (value: unknown) => (value === undefined ? undefined : JSON.parse(JSON.stringify(value, (_k, v) => (typeof v === 'bigint' ? v.toString() : v))));

/**
 * Where a horizon can go wrong: just before, at and after an instant a fact carries plus a whole
 * number of days (every rule offset is one: items 30/100 days old, threshold windows, fresh 7,
 * assessed 31, stale warnings, the 42-day trend window, engagements 30, surveys 92), and anywhere.
 */
const startArbitrary = fc.record({
  event: fc.nat(),
  /** Start from the instants of one kind of event: item openings and clearings are few among many. */
  focus: fc.constantFrom('', 'BacklogItemOpened', 'BacklogItemOpened', 'BacklogItemCleared', 'FigureRecorded', 'ThresholdSet', 'RiskAssessed', 'Engagement', 'Survey'),
  /** An index into the scenario's day offsets: the rules' and its thresholds' windows (and those plus the stale days). */
  days: fc.nat(),
  delta: fc.constantFrom(-60_000, -1, 0, 1),
  anywhere: fc.oneof({ arbitrary: fc.constant(null), weight: 4 }, { arbitrary: fc.integer({ min: 0, max: 420 * DAY }), weight: 1 }),
  knownAtFollows: fc.boolean(),
  pinEarlier: fc.boolean(),
});

/** The field holding each dated event's own time: shifted off midnight, so that day offsets from it do not fall on a midnight. */
const OWN_TIME: Record<string, string> = {
  FigureRecorded: 'effectiveAt', FigureCorrected: 'effectiveAt', RiskAssessed: 'assessedAt', ThresholdSet: 'inForceFrom',
  BacklogItemOpened: 'at', BacklogItemGraded: 'at', BacklogItemCleared: 'at', PartnerEngagementRecorded: 'date', ConfidenceSurveyRecorded: 'date',
};

function shifted(appends: ReturnType<typeof scenarioAppends>, ms: number): ReturnType<typeof scenarioAppends> {
  return appends.map(({ streamId, event }) => {
    const field = OWN_TIME[event.type];
    const own = field === undefined ? undefined : event.data[field];
    if (typeof own !== 'string' || ms === 0) return { streamId, event };
    const moved = new Date(Date.parse(own.length === 10 ? `${own}T00:00:00Z` : own) + ms).toISOString();
    return { streamId, event: { ...event, data: { ...event.data, [field]: moved }, metadata: { ...event.metadata, effectiveAt: moved } } };
  });
}

/** Scenarios with figures dense enough for a 42-day trend (4 points or more) to come and go. */
const denseScenario = fc.record({
  scenario: scenarioArbitrary,
  dense: fc.array(fc.record({ indicator: fc.nat({ max: 1 }), day: fc.nat({ max: 90 }), value: fc.nat({ max: 1000 }) }), { maxLength: 24 }),
}).map(({ scenario, dense }) => ({ ...scenario, figures: [...scenario.figures, ...dense] }));

type Read = { name: string; answer: (tt: TimeTravel) => unknown; horizon: (tt: TimeTravel) => Promise<number> };

// Each read's answer at t0 (asOf = t0, knownAt = t0 or latest) and its horizon; then the answer at
// t0 + 1 ms, a random moment before the horizon and the horizon less 1 ms must be the same; walking
// on from each horizon to the next crosses every turn the scenario has near its start.
function horizonProperty(kind: 'server' | 'embedded', runs: number) {
  let f: ReadModelFixture;
  let db: ReadDb;
  let run = 0;
  beforeAll(async () => {
    f = await openReadModelFixture(kind);
    db = f.read.db;
  });
  afterAll(async () => f?.dispose());

  it(`an answer at asOf = now stays what a fresh read gives until its horizon (${runs} random logs)`, async () => {
    await fc.assert(
      fc.asyncProperty(
        denseScenario,
        fc.array(startArbitrary, { minLength: 16, maxLength: 16 }),
        fc.constantFrom(0, 3, 14, 45),
        fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 4, maxLength: 4 }),
        fc.oneof({ arbitrary: fc.constant(0), weight: 1 }, { arbitrary: fc.integer({ min: 1, max: DAY - 1 }), weight: 4 }),
        async (scenario, starts, staleWarningDays, where, shift) => {
          const rules: ScorecardRules = { ...DEFAULT_SCORECARD_RULES, q6: { ...DEFAULT_SCORECARD_RULES.q6, staleWarningDays } };
          const id = `h${kind[0]}${run++}`;
          let last = 0n;
          for (const { streamId, event } of shifted(scenarioAppends(scenario, id), shift)) last = (await f.t.store.append(streamId, [event])).position;
          const runner = f.runner(ALL_PROJECTIONS);
          await runner.catchUp(last);
          const events: ProjectedEvent[] = (await f.t.store.readAll({ limit: 100_000 })).map(toProjected);
          const mine = events.filter((e) => e.streamId.includes(id));
          const instantsOf = (focus: string) => mine.filter((e) => e.type.includes(focus)).flatMap((e) => (focus ? [e.effectiveAt.getTime()] : [e.effectiveAt.getTime(), e.knownAt.getTime()]));
          const windows = mine.flatMap((e) => (e.type === 'ThresholdSet' && typeof e.data.windowDays === 'number' ? [e.data.windowDays] : []));
          const offsets = [0, 7, 14, 30, 31, 42, 90, 92, 100, staleWarningDays, ...windows, ...windows.map((w) => w + staleWarningDays)];
          const ind0 = `ind-${id}-0`;
          const reads: Read[] = [
            { name: 'indicator', answer: (tt) => referenceIndicatorPosition(events, tt, ind0), horizon: (tt) => indicatorHorizon(db, tt, ind0) },
            { name: 'indicators', answer: (tt) => referenceIndicatorPositions(events, tt), horizon: (tt) => indicatorHorizon(db, tt) },
            { name: 'scorecard', answer: (tt) => referenceScorecard(events, tt, rules), horizon: (tt) => scorecardHorizon(db, tt, rules) },
          ];
          for (const s of starts) {
            const position = s.pinEarlier ? events[s.event % events.length].position : runner.position;
            const at = (t: number): TimeTravel => ({ asOf: new Date(t), knownAt: s.knownAtFollows ? new Date(t) : LATEST, knownAtLatest: !s.knownAtFollows, position });
            const instants = instantsOf(s.focus).length > 0 ? instantsOf(s.focus) : instantsOf('');
            const base = s.anywhere !== null || instants.length === 0 ? Date.UTC(2019, 6, 1) + (s.anywhere ?? 0) : instants[s.event % instants.length];
            // From a figure, the offsets that read figures: fresh (7), the trend window (42), growth windows.
            const from = s.focus === 'FigureRecorded' ? [7, 42, 42, ...windows] : offsets;
            for (const read of reads) {
              let t0 = base + from[s.days % from.length] * DAY + s.delta;
              for (let step = 0; step < 2; step++) {
                const answer = plain(read.answer(at(t0)));
                const until = await read.horizon(at(t0));
                expect(until).toBeGreaterThan(t0);
                const inside = t0 + 1 + Math.floor(where[step] * (until - t0 - 1));
                for (const t of new Set([t0 + 1, inside, until - 1].filter((x) => x < until)))
                  expect({ read: read.name, t0: new Date(t0), until: new Date(until), t: new Date(t), answer: plain(read.answer(at(t))) }).toEqual({
                    read: read.name, t0: new Date(t0), until: new Date(until), t: new Date(t), answer,
                  });
                t0 = until;
              }
            }
          }
        },
      ),
      { numRuns: runs, endOnFailure: true },
    );
  }, 5_000 * runs + 60_000);
}

describe('answer horizons hold on embedded PGlite', () => horizonProperty('embedded', 12));
describeOnServer('answer horizons hold on a PostgreSQL server', () => horizonProperty('server', 12));
