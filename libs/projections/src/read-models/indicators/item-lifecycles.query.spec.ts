import fc from 'fast-check';
import { describeOnServer } from '@rm/event-store/testing';
import { toProjected, type ProjectedEvent } from '../../runner/projection.js';
import { openReadModelFixture, type ReadModelFixture } from '../../testing/read-model-fixture.js';
import { LATEST, type TimeTravel } from '../../time-travel/time-travel.js';
import type { ReadDb } from '../../runner/projection.js';
import { indicatorFactsProjection } from './indicator-facts.projection.js';
import { keepIndicatorFacts } from './kept-facts.js';
import { earlyWarnings, indicatorPosition, indicatorPositions } from './indicator-position.query.js';
import { referenceEarlyWarnings, referenceIndicatorPosition, referenceIndicatorPositions } from './indicator-reference.fold.js';
import { scorecardIndicators } from '../scorecard/scorecard-indicators.query.js';
import { DEFAULT_SCORECARD_RULES, scorecardIndicatorOf } from '../scorecard/scorecard.rules.js';

const DAY = 86_400_000;
const START = Date.UTC(2019, 6, 1);
const at = (hours: number) => new Date(START + hours * 3_600_000).toISOString();

/**
 * Item feeds as the log may hold them, not only as the decider writes them: repeated and late
 * openings and clearings, clearings before openings, lines known long after they happened, and
 * age thresholds set, changed and retired. The lifecycles folded in SQL must give the same
 * positions and warnings as the from-scratch fold of the raw lines.
 */
const reported = fc.option(fc.nat({ max: 24 * 90 }), { nil: null, freq: 2 });
/** An item's opening, usually its clearing some days later, sometimes a grading. */
const itemArbitrary = fc.record({
  indicator: fc.nat({ max: 1 }),
  ref: fc.nat({ max: 9 }),
  hour: fc.nat({ max: 24 * 150 }),
  // Often just around an age window: an item cleared just before or just after it becomes old.
  clearedAfterHours: fc.option(
    fc.oneof(fc.nat({ max: 24 * 60 }), fc.constantFrom(1, 2, 5, 10, 30).chain((d) => fc.integer({ min: d * 24 - 30, max: d * 24 + 30 }))),
    { nil: null, freq: 4 },
  ),
  graded: fc.boolean(),
  reportedAfterHours: reported,
  clearReportedAfterHours: reported,
});
/** Stray lines: repeated or late openings and clearings, clearings before openings. */
const lineArbitrary = fc.record({
  indicator: fc.nat({ max: 1 }),
  ref: fc.nat({ max: 9 }),
  event: fc.constantFrom('BacklogItemOpened', 'BacklogItemCleared', 'BacklogItemGraded'),
  hour: fc.nat({ max: 24 * 200 }),
  reportedAfterHours: reported,
});
const thresholdArbitrary = fc.record({
  indicator: fc.nat({ max: 1 }),
  id: fc.nat({ max: 2 }),
  retire: fc.boolean().map((b) => b && Math.random() < 0.5),
  limit: fc.integer({ min: -1, max: 3 }),
  windowDays: fc.option(fc.constantFrom(0, 0.5, 1, 2, 5, 10, 30), { nil: undefined, freq: 6 }),
  reportedHour: fc.option(fc.nat({ max: 24 * 120 }), { nil: null, freq: 4 }),
});

function lifecycleSpecs(kind: 'server' | 'embedded', runs: number) {
  let f: ReadModelFixture;
  let kept: ReadDb;
  let run = 0;
  beforeAll(async () => {
    f = await openReadModelFixture(kind);
    // Item lines kept in memory, read at positions that move on from run to run and pinned back.
    kept = keepIndicatorFacts(f.read.db, { maxFacts: 50 });
  });
  afterAll(async () => f?.dispose());

  it(`positions and warnings from item lifecycles equal the fold of the raw lines (${runs} random feeds)`, async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(itemArbitrary, { minLength: 4, maxLength: 30 }),
        fc.array(lineArbitrary, { maxLength: 8 }),
        fc.array(thresholdArbitrary, { minLength: 1, maxLength: 5 }),
        fc.array(
          fc.record({
            asOfHour: fc.integer({ min: -24, max: 24 * 220 }),
            knownAtHour: fc.option(fc.nat({ max: 24 * 300 }), { nil: null }),
            pin: fc.option(fc.nat(), { nil: null, freq: 3 }),
            staleWarningDays: fc.constantFrom(0, 2, 14),
          }),
          { minLength: 3, maxLength: 3 },
        ),
        async (items, strays, thresholds, moments) => {
          const ind = (i: number) => `life-${kind[0]}${run}-${i}`;
          run++;
          let last = 0n;
          const append = async (indicator: number, type: string, data: Record<string, unknown>, effectiveAt?: string, reportedAt?: string) => {
            const metadata = { ...(effectiveAt ? { effectiveAt } : {}), ...(reportedAt ? { imported: true, reportedAt } : {}) };
            const event = { id: crypto.randomUUID(), type, data: { indicatorId: ind(indicator), ...data }, metadata };
            last = (await f.t.store.append(`indicator-${ind(indicator)}`, [event])).position;
          };
          for (const i of [0, 1]) {
            await append(i, 'IndicatorRegistered', {
              name: `Backlog ${i}`, description: 'generated', unit: 'count', direction: 'lower-is-better',
              baseline: { value: 0, from: '2019-06-01', to: '2019-06-30', source: 'June' }, tolerance: 1, owner: 'PO', questions: [1],
            }, undefined, at(-24));
          }
          for (const t of thresholds) {
            const reported = t.reportedHour === null ? undefined : at(t.reportedHour);
            if (t.retire) await append(t.indicator, 'ThresholdRetired', { thresholdId: `age-${t.id}` }, undefined, reported);
            else await append(t.indicator, 'ThresholdSet', { thresholdId: `age-${t.id}`, kind: 'age', limit: t.limit, ...(t.windowDays === undefined ? {} : { windowDays: t.windowDays }) }, undefined, reported);
          }
          const lines = [
            ...items.flatMap((i) => [
              { ...i, event: 'BacklogItemOpened' },
              ...(i.graded ? [{ ...i, event: 'BacklogItemGraded', hour: i.hour + 1 }] : []),
              ...(i.clearedAfterHours === null ? [] : [{ ...i, event: 'BacklogItemCleared', hour: i.hour + i.clearedAfterHours, reportedAfterHours: i.clearReportedAfterHours }]),
            ]),
            ...strays,
          ].sort((a, b) => a.hour - b.hour);
          for (const l of lines) {
            const when = at(l.hour);
            const reported = l.reportedAfterHours === null ? undefined : at(l.hour + l.reportedAfterHours);
            await append(l.indicator, l.event, { ref: `r-${l.ref}`, at: when, ...(l.event === 'BacklogItemGraded' ? { risk: 'high' } : {}) }, when, reported);
          }
          const runner = f.runner([indicatorFactsProjection]);
          await runner.catchUp(last);
          const events: ProjectedEvent[] = (await f.t.store.readAll({ limit: 100_000 })).map(toProjected).filter((e) => String(e.data.indicatorId).startsWith(ind(0).slice(0, -1)));
          for (const m of moments) {
            const knownAt = m.knownAtHour === null ? LATEST : new Date(START + m.knownAtHour * 3_600_000);
            const tt: TimeTravel = { asOf: new Date(START + m.asOfHour * 3_600_000 + DAY / 2), knownAt, knownAtLatest: m.knownAtHour === null, position: runner.position };
            for (const db of [f.read.db, kept]) {
              const mine = (await indicatorPositions(db, tt)).filter((p) => p.id.startsWith(ind(0).slice(0, -1)));
              expect(mine).toEqual(referenceIndicatorPositions(events, tt));
              for (const i of [0, 1]) {
                expect(await indicatorPosition(db, tt, ind(i))).toEqual(referenceIndicatorPosition(events, tt, ind(i)));
                expect(await earlyWarnings(db, tt, ind(i))).toEqual(referenceEarlyWarnings(events, tt, ind(i)));
              }
            }
            // The scorecard reads only recent facts and the items open around its stale window:
            // also when the read is pinned before the log's end or knows less than that window.
            const rules = { ...DEFAULT_SCORECARD_RULES, q6: { ...DEFAULT_SCORECARD_RULES.q6, staleWarningDays: m.staleWarningDays } };
            const pinned = m.pin === null ? tt : { ...tt, position: events[m.pin % events.length].position };
            for (const at of [tt, pinned])
              for (const db of [f.read.db, kept]) {
                const card = (await scorecardIndicators(db, at, rules)).indicators.filter((p) => p.id.startsWith(ind(0).slice(0, -1)));
                expect(card).toEqual(referenceIndicatorPositions(events, at).map((p) => scorecardIndicatorOf(p, at.asOf, rules)));
                const pinnedPositions = (await indicatorPositions(db, at)).filter((p) => p.id.startsWith(ind(0).slice(0, -1)));
                expect(pinnedPositions).toEqual(referenceIndicatorPositions(events, at));
              }
          }
        },
      ),
      { numRuns: runs, endOnFailure: true },
    );
    // 28 s for 40 runs on a quiet machine; a busy one takes several times that.
  }, 5_000 * runs + 60_000);

  it('takes the age windows in force as known, not in log order: a retirement known before its setting leaves it in force', async () => {
    const id = `life-${kind[0]}-order`;
    const day = (n: number) => new Date(START + n * DAY).toISOString();
    const append = (type: string, data: Record<string, unknown>, metadata: Record<string, unknown>) =>
      f.t.store.append(`indicator-${id}`, [{ id: crypto.randomUUID(), type, data: { indicatorId: id, ...data }, metadata }]);
    const imported = (n: number) => ({ imported: true, reportedAt: day(n) });
    await append('IndicatorRegistered', {
      name: 'Order', description: 'generated', unit: 'count', direction: 'lower-is-better',
      baseline: { value: 0, from: '2019-06-01', to: '2019-06-30', source: 'June' }, tolerance: 1, owner: 'PO', questions: [1],
    }, imported(0));
    await append('ThresholdSet', { thresholdId: 'short', kind: 'age', limit: 0, windowDays: 2 }, imported(10));
    await append('ThresholdRetired', { thresholdId: 'short' }, imported(5));
    await append('ThresholdSet', { thresholdId: 'long', kind: 'age', limit: 0, windowDays: 30 }, imported(1));
    await append('BacklogItemOpened', { ref: 'r', at: day(20) }, { effectiveAt: day(20), ...imported(20) });
    const last = (await append('BacklogItemCleared', { ref: 'r', at: day(25) }, { effectiveAt: day(25), ...imported(25) })).position;
    const runner = f.runner([indicatorFactsProjection]);
    await runner.catchUp(last);
    const events = (await f.t.store.readAll({ limit: 100_000 })).map(toProjected).filter((e) => e.data.indicatorId === id);
    const tt: TimeTravel = { asOf: new Date(START + 40 * DAY), knownAt: LATEST, knownAtLatest: true, position: runner.position };
    const warnings = await earlyWarnings(f.read.db, tt, id);
    expect(warnings.map((w) => [w.thresholdId, w.raisedAt.toISOString(), w.clearedAt?.toISOString()])).toEqual([['short', day(22), day(25)]]);
    expect(warnings).toEqual(referenceEarlyWarnings(events, tt, id));
  });
}

describe('item lifecycles on embedded PGlite', () => lifecycleSpecs('embedded', 8));
describeOnServer('item lifecycles on a PostgreSQL server', () => lifecycleSpecs('server', 40));
