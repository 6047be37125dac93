/**
 * A realistic log for the read benchmark, generated day by day over five years and appended
 * through PostgresEventStore.append in per-stream batches: 50 indicators with daily figures,
 * corrections, risk assessments and thresholds; item-level backlog feeds (the bulk of the
 * volume); recovery plans with actions and trajectories; partners; workforce measures.
 * History before `liveFrom` (the last 180 days are live) is imported: known at its reported time.
 */
import type { EventStore, NewEvent } from '@rm/event-store';
import { partnersAndWorkforce, planDay } from './generate-others.js';
import { DAY, dayText, iso, newEvent, NOTES, prng, SOURCES, TOPICS } from './shapes.js';

export interface Dataset {
  events: number;
  start: number;
  end: number;
  liveFrom: number;
  indicators: string[];
}

export type Pending = { stream: string; type: string; data: Record<string, unknown>; effective?: string; known: number };

const DAYS = 1826;
const ITEMS_EVERY = 5; // indicators 0, 1, 5, 6, ... carry an item feed: 20 of 50
const hasItems = (i: number) => i % ITEMS_EVERY < 2;
const assessesRisk = (i: number) => i % 10 >= 7; // 15 of 50 serve question 2

/** Appends in per-stream batches of `batch`, at most two appends in flight; `onProgress` with events appended. */
class Sink {
  private readonly buffers = new Map<string, NewEvent[]>();
  private readonly inFlight = new Set<Promise<unknown>>();
  count = 0;

  constructor(
    private readonly store: EventStore,
    private readonly batch: number,
    private readonly liveFrom: number,
    private readonly onProgress: (n: number) => void,
  ) {}

  async add(p: Pending, actor: number): Promise<void> {
    let list = this.buffers.get(p.stream);
    if (!list) this.buffers.set(p.stream, (list = []));
    list.push(newEvent(p.type, p.data, p.effective, p.known, this.liveFrom, actor));
    if (list.length >= this.batch) await this.flush(p.stream);
  }

  async flush(stream: string): Promise<void> {
    const list = this.buffers.get(stream);
    if (!list || list.length === 0) return;
    this.buffers.delete(stream);
    while (this.inFlight.size >= 2) await Promise.race(this.inFlight);
    const done = this.store.append(stream, list).then(() => {
      this.count += list.length;
      this.onProgress(this.count);
    });
    this.inFlight.add(done);
    void done.finally(() => this.inFlight.delete(done)).catch(() => undefined);
  }

  async flushAll(): Promise<void> {
    for (const stream of [...this.buffers.keys()]) await this.flush(stream);
    await Promise.all(this.inFlight);
  }
}

/** Generates about `target` events and appends them; returns what was written. */
export async function generate(store: EventStore, target: number, batch: number, onProgress: (n: number) => void): Promise<Dataset> {
  const rnd = prng(20191115);
  const scale = target / 1_000_000;
  const end = Math.floor(Date.now() / DAY) * DAY - DAY;
  const start = end - (DAYS - 1) * DAY;
  const liveFrom = end - 180 * DAY;
  const sink = new Sink(store, batch, liveFrom, onProgress);
  const agenda: Pending[][] = Array.from({ length: DAYS }, () => []);
  const at = (d: number) => start + d * DAY;
  const schedule = (ms: number, p: Pending) => {
    const d = Math.floor((ms - start) / DAY);
    if (d < DAYS) agenda[Math.max(0, d)].push(p);
  };
  const known = (ms: number, lagHours: number) => ms + lagHours * 3_600_000;

  // The go-live shock: backlogs rise over ~9 months, then recover slowly; normalised to mean 1.
  const raw = (d: number) => 1 + 2.5 * (d < 270 ? d / 270 : Math.exp(-(d - 270) / 400));
  let mean = 0;
  for (let d = 0; d < DAYS; d++) mean += raw(d) / DAYS;
  const shape = (d: number) => raw(d) / mean;

  const indicators = Array.from({ length: 50 }, (_, i) => `${TOPICS[i % TOPICS.length]}-${i < 25 ? 'north' : 'south'}`);
  const baseline = indicators.map((_, i) => 40 + ((i * 37) % 400));
  const higher = (i: number) => i % 25 === 16; // crime-recording-rate: higher is better
  const valueOf = (i: number, d: number) => {
    const noise = 1 + 0.08 * Math.sin(d * 0.7 + i) + 0.04 * Math.sin(d * 2.3 + i * 3);
    const v = higher(i) ? baseline[i] * (1.25 - 0.25 * shape(d)) : baseline[i] * shape(d) * noise;
    return Math.round(v * 10) / 10;
  };
  const figureStep = Math.max(1, Math.round(1 / scale));
  const figureDays = Math.ceil(DAYS / figureStep);
  const partnersPerDay = Math.min(1, (0.015 * target) / (15 * DAYS));
  // Items fill what the other events leave: ~2.7 events per item (opened, most graded and cleared).
  const others = 50 * figureDays * 1.02 + 15 * (DAYS / 7 / figureStep) + 15 * DAYS * partnersPerDay + 2_000;
  const itemsPerDay = Math.max(0, (target - others) / (20 * DAYS * 2.68));
  let refs = 0;

  const plans = [0.05, 0.14, 0.3, 0.5].map((f, n) => ({ id: `plan-${2020 + n}-${['a', 'b', 'c', 'd'][n]}`, day: Math.round(f * DAYS) }));
  const add = (p: Pending) => sink.add(p, Math.floor(rnd() * 4));

  for (let d = 0; d < DAYS; d++) {
    const t = at(d);
    if (d === 0) {
      for (const [i, id] of indicators.entries()) {
        const stream = `indicator-${id}`;
        const reg = known(t - 20 * DAY, 10);
        const b = { value: baseline[i], from: dayText(t - 400 * DAY), to: dayText(t - 370 * DAY), source: 'Pre-go-live monthly return' };
        await add({ stream, type: 'IndicatorRegistered', known: reg, data: {
          indicatorId: id, name: id.replace(/-/g, ' '), description: `Count of ${id.replace(/-/g, ' ')} at the end of each day`,
          unit: higher(i) ? 'percent' : i % 25 === 15 ? 'seconds' : 'count', direction: higher(i) ? 'higher-is-better' : 'lower-is-better',
          baseline: b, tolerance: Math.round(baseline[i] * 0.1), owner: `Head of ${TOPICS[(i + 3) % TOPICS.length].split('-')[0]}`,
          questions: assessesRisk(i) ? [1, 2] : [1, 3 + (i % 4)] } });
        const limit = higher(i) ? baseline[i] * 0.9 : baseline[i] * 2;
        await add({ stream, type: 'ThresholdSet', known: reg + 3_600_000, data: { indicatorId: id, thresholdId: `${id}-level`, kind: 'level', limit } });
        if (i % 3 === 0) await add({ stream, type: 'ThresholdSet', known: reg + 7_200_000, data: { indicatorId: id, thresholdId: `${id}-growth-7`, kind: 'growth', limit: Math.round(baseline[i] * 0.3), windowDays: 7 } });
        if (hasItems(i)) await add({ stream, type: 'ThresholdSet', known: reg + 9_000_000, data: { indicatorId: id, thresholdId: `${id}-age-30`, kind: 'age', limit: 40 + (i % 7) * 10, windowDays: 30 } });
      }
    }
    for (const [i, id] of indicators.entries()) {
      const stream = `indicator-${id}`;
      if (d % figureStep === 0) {
        const note = rnd() < 0.3 ? NOTES[d % NOTES.length] : undefined;
        await add({ stream, type: 'FigureRecorded', effective: iso(t), known: known(t, 33 + rnd() * 6), data: {
          indicatorId: id, figureId: `${id}-${dayText(t)}`, value: valueOf(i, d), effectiveAt: dayText(t), source: SOURCES[i % SOURCES.length], ...(note ? { note } : {}) } });
        if (d > 60 && rnd() < 0.02) {
          const back = d - figureStep * (1 + Math.floor(rnd() * 40 / figureStep));
          const previousValue = valueOf(i, back);
          await add({ stream, type: 'FigureCorrected', effective: iso(at(back)), known: known(t, 40), data: {
            indicatorId: id, figureId: `${id}-${dayText(at(back))}`, correctionId: `c-${id}-${d}`, value: Math.round(previousValue * (1.05 + rnd() * 0.1) * 10) / 10,
            previousValue, effectiveAt: iso(at(back)), reason: 'Recount after the duplicate-record clean-up' } });
        }
      }
      if (assessesRisk(i) && d % (7 * figureStep) === 3) {
        const open = Math.round(valueOf(i, d));
        const high = Math.round(open * 0.08);
        const medium = Math.round(open * 0.3);
        await add({ stream, type: 'RiskAssessed', effective: iso(t), known: known(t, 40), data: {
          indicatorId: id, assessmentId: `ra-${id}-${d}`, assessedAt: dayText(t), high, medium, standard: open - high - medium, rationale: 'Weekly DASH triage of the open backlog' } });
      }
      if (hasItems(i)) {
        const n = Math.floor(itemsPerDay * shape(d) + rnd());
        for (let k = 0; k < n; k++) {
          const ref = `${id.slice(0, 3).toUpperCase()}-${String(++refs).padStart(7, '0')}`;
          const opened = t + Math.floor(rnd() * DAY);
          await add({ stream, type: 'BacklogItemOpened', effective: iso(opened), known: known(opened, 2 + rnd() * 20), data: { indicatorId: id, ref, at: iso(opened) } });
          if (rnd() < 0.7) {
            const graded = opened + Math.floor(rnd() * 2 * DAY);
            const risk = rnd() < 0.1 ? 'high' : rnd() < 0.4 ? 'medium' : 'standard';
            schedule(graded, { stream, type: 'BacklogItemGraded', effective: iso(graded), known: known(graded, 2 + rnd() * 20), data: { indicatorId: id, ref, at: iso(graded), risk } });
          }
          const r = rnd();
          const mean = r < 0.9 ? 12 : r < 0.98 ? 90 : 0;
          if (mean > 0) {
            const cleared = opened + Math.floor(-Math.log(1 - rnd()) * mean * DAY * Math.sqrt(shape(d)));
            schedule(cleared, { stream, type: 'BacklogItemCleared', effective: iso(cleared), known: known(cleared, 2 + rnd() * 20), data: { indicatorId: id, ref, at: iso(cleared) } });
          }
        }
      }
      if (d === 200 && i % 10 === 1) {
        const old = { value: baseline[i], from: dayText(start - 400 * DAY), to: dayText(start - 370 * DAY), source: 'Pre-go-live monthly return' };
        await add({ stream, type: 'BaselineRevised', known: known(t, 11), data: {
          indicatorId: id, baseline: { ...old, value: baseline[i] + 5 }, tolerance: Math.round(baseline[i] * 0.12), previousBaseline: old,
          previousTolerance: Math.round(baseline[i] * 0.1), reason: 'Audit of the pre-go-live return' } });
      }
    }
    for (const p of agenda[d]) await add(p);
    agenda[d] = [];
    await planDay(d, t, plans, indicators, rnd, add, schedule, known);
    await partnersAndWorkforce(d, t, partnersPerDay, indicators, rnd, add, known);
    if (d % 365 === 364) await sink.flushAll();
  }
  await sink.flushAll();
  return { events: sink.count, start, end, liveFrom, indicators };
}
