import fc from 'fast-check';
import {
  backlogItemDecider, backlogItemStream, effectiveTimeOf, indicatorDecider, indicatorStream, itemFeedCommands, partnerDecider, partnerStream, recoveryPlanDecider, recoveryPlanStream,
  workforceDecider, workforceStream, type BacklogItemLine, type Decider, type IndicatorState, type RecordItemLines, type RecoveryMonitorEvent,
} from '@rm/domain';
import type { NewEvent } from '@rm/event-store';

const NOW = '2026-01-01T00:00:00.000Z';
const DAY = 86_400_000;
const START = Date.UTC(2019, 6, 1);
const day = (n: number) => new Date(START + n * DAY).toISOString().slice(0, 10);
const instant = (n: number) => new Date(START + n * 3_600_000).toISOString();

/** Where a correction goes in the log: after that many figures (clamped to the last), or after a later kind of fact. */
type CorrectionSlot = number | 'risks' | 'thresholds' | 'items' | 'end';

/** What to record in one scenario: small, random, back-dated, corrected, sometimes imported. */
export interface Scenario {
  directions: ('lower-is-better' | 'higher-is-better')[];
  figures: { indicator: number; day: number; value: number }[];
  /**
   * Each corrects a figure recorded before its slot (`figure` picks one; `again`: one corrected
   * before, if any), to `value` (none: back to the figure's recorded value), with its own
   * correction id or none (`named`); `known`: imported this many hours from the reported time
   * of the corrected figure's latest fact, when that was imported (else as `imports` says).
   */
  corrections: { slot: CorrectionSlot; figure: number; again: boolean; value: number | null; named: boolean; known: number | null }[];
  risks: { indicator: number; day: number; high: number }[];
  /** `inForce`: the day it is in force from (none: from when it is recorded or reported). */
  thresholds: { indicator: number; kind: 'level' | 'growth' | 'age'; limit: number; windowDays: number | null; retire: boolean; inForce: number | null }[];
  items: { indicator: number; opened: number; cleared: number | null }[];
  /** `decided`: the day a slip or cancellation was decided (none: when it is recorded or reported). */
  actions: { due: number; started: number | null; slip: number | null; end: 'completed' | 'cancelled' | null; endDay: number; progress: number | null; decided: number | null }[];
  engagements: number[];
  surveys: { day: number; percent: number }[];
  /** Per appended event: imported with a reported time this many hours after 1 July 2019, or not. */
  imports: (number | null)[];
}

const index = (n: number) => fc.nat({ max: n - 1 });

export const scenarioArbitrary: fc.Arbitrary<Scenario> = fc.record({
  directions: fc.array(fc.constantFrom('lower-is-better' as const, 'higher-is-better' as const), { minLength: 2, maxLength: 2 }),
  figures: fc.array(fc.record({ indicator: index(2), day: fc.nat({ max: 200 }), value: fc.nat({ max: 1000 }) }), { maxLength: 16 }),
  corrections: fc.array(
    fc.record({
      slot: fc.oneof({ arbitrary: fc.nat({ max: 15 }), weight: 3 }, { arbitrary: fc.constantFrom('risks' as const, 'thresholds' as const, 'items' as const, 'end' as const), weight: 1 }),
      figure: fc.nat({ max: 15 }),
      again: fc.boolean(),
      value: fc.option(fc.nat({ max: 1000 }), { nil: null, freq: 5 }),
      named: fc.oneof({ arbitrary: fc.constant(true), weight: 4 }, { arbitrary: fc.constant(false), weight: 1 }),
      known: fc.option(fc.integer({ min: -48, max: 48 }), { nil: null, freq: 2 }),
    }),
    { maxLength: 6 },
  ),
  risks: fc.array(fc.record({ indicator: index(2), day: fc.nat({ max: 200 }), high: fc.nat({ max: 50 }) }), { maxLength: 3 }),
  thresholds: fc.array(
    fc.record({
      indicator: index(2),
      kind: fc.constantFrom('level' as const, 'growth' as const, 'age' as const),
      limit: fc.nat({ max: 800 }),
      windowDays: fc.option(fc.integer({ min: 1, max: 30 }), { nil: null }),
      retire: fc.boolean(),
      inForce: fc.option(fc.nat({ max: 200 }), { nil: null, freq: 4 }),
    }),
    { maxLength: 4 },
  ),
  items: fc.array(fc.record({ indicator: index(2), opened: fc.nat({ max: 150 }), cleared: fc.option(fc.nat({ max: 60 }), { nil: null }) }), { maxLength: 8 }),
  actions: fc.array(
    fc.record({
      due: fc.nat({ max: 200 }),
      started: fc.option(fc.nat({ max: 100 }), { nil: null }),
      slip: fc.option(fc.integer({ min: 1, max: 60 }), { nil: null }),
      end: fc.constantFrom('completed' as const, 'cancelled' as const, null),
      endDay: fc.nat({ max: 200 }),
      progress: fc.option(fc.nat({ max: 100 }), { nil: null }),
      decided: fc.option(fc.nat({ max: 200 }), { nil: null, freq: 3 }),
    }),
    { maxLength: 3 },
  ),
  engagements: fc.array(fc.nat({ max: 200 }), { maxLength: 3 }),
  surveys: fc.array(fc.record({ day: fc.nat({ max: 200 }), percent: fc.nat({ max: 100 }) }), { maxLength: 2 }),
  imports: fc.array(fc.option(fc.nat({ max: 24 * 400 }), { nil: null, freq: 3 }), { minLength: 60, maxLength: 60 }),
});

interface Stream<C> {
  id: string;
  decider: Decider<C, RecoveryMonitorEvent, unknown>;
  state: unknown;
}

/** Turns a scenario into appends, through the real deciders (invalid commands are dropped). */
export function scenarioAppends(s: Scenario, run: string): { streamId: string; event: NewEvent }[] {
  const out: { streamId: string; event: NewEvent }[] = [];
  const streams = new Map<string, Stream<unknown>>();
  /** The reported hour of the last event appended (null: not imported); undefined when nothing was. */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- each stream has its own decider types
  const send = (id: string, decider: Decider<any, any, any>, type: string, data: Record<string, unknown>, reportedHour?: number): number | null | undefined => {
    const stream = streams.get(id) ?? { id, decider, state: decider.initialState() };
    streams.set(id, stream);
    let events: RecoveryMonitorEvent[];
    try {
      events = decider.decide({ type, data, now: NOW }, stream.state);
    } catch {
      return undefined; // a command the domain refuses records nothing
    }
    let reported: number | null | undefined;
    for (const event of events) {
      stream.state = decider.evolve(stream.state, event);
      reported = reportedHour ?? s.imports[out.length % s.imports.length];
      const metadata: Record<string, unknown> = {};
      const effective = effectiveTimeOf(event);
      if (effective) metadata.effectiveAt = effective;
      if (reported !== null) Object.assign(metadata, { imported: true, reportedAt: instant(reported) });
      out.push({ streamId: id, event: { id: crypto.randomUUID(), type: event.type, data: event.data as Record<string, unknown>, metadata } });
    }
    return reported;
  };
  const ind = (i: number) => `ind-${run}-${i}`;
  s.directions.forEach((direction, i) =>
    send(indicatorStream(ind(i)), indicatorDecider, 'RegisterIndicator', {
      id: ind(i), name: `Backlog ${i}`, description: 'generated', unit: 'count', direction,
      baseline: { value: 20, from: '2019-06-01', to: '2019-06-30', source: 'June returns' }, tolerance: 10, owner: 'PO', questions: [1 + i, 2, 6],
    }),
  );
  const recorded: number[] = [];
  const corrected: number[] = [];
  /** Per figure, the reported hour of its latest fact (null: not imported). */
  const lastReported = new Map<number, number | null>();
  const correctIn = (slot: CorrectionSlot) =>
    s.corrections.forEach((c, k) => {
      if ((typeof c.slot === 'number' ? Math.min(c.slot, s.figures.length - 1) : c.slot) !== slot) return;
      const pool = c.again && corrected.length > 0 ? corrected : recorded;
      if (pool.length === 0) return;
      const target = pool[c.figure % pool.length];
      const f = s.figures[target];
      const base = lastReported.get(target);
      const hour = c.known !== null && typeof base === 'number' ? Math.max(0, base + c.known) : undefined;
      const data = { indicatorId: ind(f.indicator), figureId: `f-${target}`, ...(c.named ? { correctionId: `c-${k}` } : {}), value: c.value ?? f.value, reason: 'reconciled' };
      const reported = send(indicatorStream(ind(f.indicator)), indicatorDecider, 'CorrectFigure', data, hour);
      if (reported === undefined) return;
      lastReported.set(target, reported);
      if (!corrected.includes(target)) corrected.push(target);
    });
  s.figures.forEach((f, k) => {
    const reported = send(indicatorStream(ind(f.indicator)), indicatorDecider, 'RecordFigure', { indicatorId: ind(f.indicator), figureId: `f-${k}`, value: f.value, effectiveAt: day(f.day), source: 'weekly return' });
    if (reported !== undefined) {
      recorded.push(k);
      lastReported.set(k, reported);
    }
    correctIn(k);
  });
  s.risks.forEach((r, k) => send(indicatorStream(ind(r.indicator)), indicatorDecider, 'AssessRisk', { indicatorId: ind(r.indicator), assessmentId: `r-${k}`, assessedAt: day(r.day), high: r.high, medium: 5, standard: 10, rationale: 'DASH sample' }));
  correctIn('risks');
  s.thresholds.forEach((t, k) => {
    // Growth limits either way (a fall or a rise); age limits are counts of a few items.
    const limit = t.kind === 'growth' ? t.limit - 400 : t.kind === 'age' ? t.limit % 4 : t.limit;
    const windowDays = t.kind === 'growth' ? (t.windowDays ?? 7) : t.kind === 'age' ? t.windowDays : null;
    const data = { indicatorId: ind(t.indicator), thresholdId: `t-${k}`, kind: t.kind, limit, ...(windowDays === null ? {} : { windowDays }), ...(t.inForce === null ? {} : { inForceFrom: day(t.inForce) }) };
    send(indicatorStream(ind(t.indicator)), indicatorDecider, 'SetThreshold', data);
    if (t.retire) send(indicatorStream(ind(t.indicator)), indicatorDecider, 'RetireThreshold', { indicatorId: ind(t.indicator), thresholdId: `t-${k}` });
  });
  correctIn('thresholds');
  s.items.forEach((it, k) => {
    const lines: Record<string, unknown>[] = [{ ref: `item-${k}`, event: 'opened', at: day(it.opened) }];
    if (it.cleared !== null) lines.push({ ref: `item-${k}`, event: 'cleared', at: day(it.opened + it.cleared) });
    const indicator = streams.get(indicatorStream(ind(it.indicator)))?.state ?? indicatorDecider.initialState();
    let perItem: RecordItemLines[];
    try {
      perItem = itemFeedCommands({ type: 'RecordItems', data: { indicatorId: ind(it.indicator), items: lines as BacklogItemLine[] }, now: NOW }, indicator as IndicatorState);
    } catch {
      return; // a feed the domain refuses records nothing
    }
    for (const c of perItem) send(backlogItemStream(c.data.indicatorId, c.data.ref), backlogItemDecider, c.type, c.data);
  });
  correctIn('items');
  const plan = `plan-${run}`;
  send(recoveryPlanStream(plan), recoveryPlanDecider, 'CreatePlan', { id: plan, title: 'iOPS recovery', objective: 'return to baseline', targetDate: '2020-03-31' });
  s.actions.forEach((a, k) => {
    const base = { planId: plan, actionId: `a-${k}` };
    send(recoveryPlanStream(plan), recoveryPlanDecider, 'AddAction', { ...base, title: `Action ${k}`, owner: 'PO', dueDate: day(a.due), indicators: [ind(k % 2)], questions: [3], successMeasure: 'backlog at baseline' });
    if (a.started !== null) send(recoveryPlanStream(plan), recoveryPlanDecider, 'StartAction', { ...base, startedOn: day(a.started) });
    if (a.progress !== null) send(recoveryPlanStream(plan), recoveryPlanDecider, 'ReportProgress', { ...base, percent: a.progress, note: 'weekly', reportedOn: day(a.started ?? 0) });
    const decided = a.decided === null ? {} : { decidedOn: day(a.decided) };
    if (a.slip !== null) send(recoveryPlanStream(plan), recoveryPlanDecider, 'RescheduleAction', { ...base, dueDate: day(a.due + a.slip), reason: 'supplier fix late', ...decided });
    if (a.end === 'completed') send(recoveryPlanStream(plan), recoveryPlanDecider, 'CompleteAction', { ...base, completedOn: day(a.endDay), evidence: 'report' });
    if (a.end === 'cancelled') send(recoveryPlanStream(plan), recoveryPlanDecider, 'CancelAction', { ...base, reason: 'superseded', ...decided });
  });
  send(recoveryPlanStream(plan), recoveryPlanDecider, 'SetTrajectory', { planId: plan, indicatorId: ind(0), points: [{ date: day(30), value: 500 }, { date: day(120), value: 100 }] });
  const partner = `cps-${run}`;
  send(partnerStream(partner), partnerDecider, 'RegisterPartner', { id: partner, name: 'Crown Prosecution Service', kind: 'cps' });
  s.engagements.forEach((d, k) => send(partnerStream(partner), partnerDecider, 'RecordEngagement', { partnerId: partner, engagementId: `e-${run}-${k}`, date: day(d), channel: 'meeting', topics: ['court files'], indicators: [ind(0)], summary: 'update' }));
  s.surveys.forEach((v, k) => send(workforceStream(), workforceDecider, 'RecordConfidenceSurvey', { surveyId: `s-${run}-${k}`, date: day(v.day), respondents: 120, confidentPercent: v.percent }));
  send(workforceStream(), workforceDecider, 'RecordTraining', { trainingId: `tr-${run}`, date: day(10), topic: 'PoliceWorks searching', attendees: 25 });
  correctIn('end');
  return out;
}

/** Random moments to replay: inside the data's range, at its edges, and 'latest'. */
export const momentArbitrary = fc.record({
  asOfDay: fc.integer({ min: -5, max: 230 }),
  knownAt: fc.oneof(fc.constant('latest' as const), fc.integer({ min: 0, max: 24 * 420 }).map(instant), fc.constant('now' as const)),
  pinEarlier: fc.boolean(),
});
export { day as scenarioDay };
