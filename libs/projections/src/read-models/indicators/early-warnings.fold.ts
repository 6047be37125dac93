import type { IndicatorDirection, ThresholdKind } from '@rm/domain';
import type { ItemLifecycle } from './backlog-items.fold.js';
import { byKnown, collapsed, DAY_MS, type QualifyingFigure } from './figure-series.fold.js';
import type { ThresholdFact } from './indicator-facts.model.js';

export interface ActiveThreshold {
  thresholdId: string;
  kind: ThresholdKind;
  limit: number;
  windowDays: number | null;
  /** Epoch ms from which it is evaluated (a setting without one: from when it was known). */
  inForceFrom: number;
}

export interface EarlyWarning {
  indicatorId: string;
  thresholdId: string;
  kind: ThresholdKind;
  limit: number;
  windowDays: number | null;
  raisedAt: Date;
  clearedAt: Date | null;
  open: boolean;
  /** What was compared with the limit when raised: the value (level), the rise (growth), the count of old items (age). */
  valueAtRaise: number;
}

/** A measurement at an instant; `undefined` when the rule cannot be measured there (counts as not breached). */
type Sample = { at: number; measure: number | undefined };

/** Thresholds in force as known: set and retired facts folded in known order. */
export function activeThresholds(facts: readonly ThresholdFact[]): ActiveThreshold[] {
  const active = new Map<string, ActiveThreshold>();
  for (const f of [...facts].sort(byKnown)) {
    if (f.event === 'retired' || !f.kind || f.limit === undefined) active.delete(f.thresholdId);
    else active.set(f.thresholdId, { thresholdId: f.thresholdId, kind: f.kind, limit: f.limit, windowDays: f.windowDays ?? null, inForceFrom: (f.inForceFrom ?? f.knownAt).getTime() });
  }
  return [...active.values()].sort((a, b) => (a.thresholdId < b.thresholdId ? -1 : a.thresholdId > b.thresholdId ? 1 : 0));
}

const levelSamples = (points: { at: number; value: number }[]): Sample[] => points.map((p) => ({ at: p.at, measure: p.value }));

/** The rise from the value in force `windowDays` before each figure (none before any figure). */
function growthSamples(points: { at: number; value: number }[], windowDays: number): Sample[] {
  const window = windowDays * DAY_MS;
  let j = -1;
  return points.map((p) => {
    while (j + 1 < points.length && points[j + 1].at <= p.at - window) j++;
    return { at: p.at, measure: j < 0 ? undefined : p.value - points[j].value };
  });
}

/** The count of open items at least `windowDays` old, at every instant the count can change up to asOf. */
function ageSamples(items: readonly ItemLifecycle[], windowDays: number, asOf: number): Sample[] {
  // Sorted instants an item grows old (+1) and is cleared after that (-1), merged: typed sorts,
  // not a map of instants, as the list and the scorecard fold every indicator's items per read.
  const olds: number[] = [];
  const clears: number[] = [];
  for (const item of items) {
    const old = item.openedAt.getTime() + windowDays * DAY_MS;
    const cleared = item.clearedAt?.getTime();
    if (cleared !== undefined && cleared <= old) continue;
    if (old <= asOf) olds.push(old);
    if (cleared !== undefined && cleared <= asOf) clears.push(cleared);
  }
  const up = Float64Array.from(olds).sort();
  const down = Float64Array.from(clears).sort();
  const samples: Sample[] = [];
  let count = 0;
  for (let i = 0, j = 0; i < up.length || j < down.length; ) {
    const at = j >= down.length || (i < up.length && up[i] <= down[j]) ? up[i] : down[j];
    for (; i < up.length && up[i] === at; i++) count++;
    for (; j < down.length && down[j] === at; j++) count--;
    samples.push({ at, measure: count });
  }
  return samples;
}

export function breachTest(t: ActiveThreshold, direction: IndicatorDirection): (m: number) => boolean {
  if (t.kind === 'level') return direction === 'higher-is-better' ? (m) => m < t.limit : (m) => m > t.limit;
  // A negative growth limit watches for a fall (the decider allows it for higher-is-better rates).
  if (t.kind === 'growth') return t.limit < 0 ? (m) => m < t.limit : (m) => m > t.limit;
  return (m) => m > t.limit;
}

function warningsFrom(indicatorId: string, t: ActiveThreshold, samples: Sample[], breached: (m: number) => boolean): EarlyWarning[] {
  const warnings: EarlyWarning[] = [];
  let open: EarlyWarning | undefined;
  for (const s of samples) {
    const isBreached = s.measure !== undefined && breached(s.measure);
    if (isBreached && !open) {
      const { thresholdId, kind, limit, windowDays } = t;
      open = { indicatorId, thresholdId, kind, limit, windowDays, raisedAt: new Date(s.at), clearedAt: null, open: true, valueAtRaise: s.measure as number };
      warnings.push(open);
    } else if (!isBreached && open) {
      open.clearedAt = new Date(s.at);
      open.open = false;
      open = undefined;
    }
  }
  return warnings;
}

/**
 * Only the samples from the threshold's inForceFrom on. Level and growth are sampled at figures, so
 * figures before it are not evaluated; the count of old items is a state, so an age threshold starts
 * from the count at that instant.
 */
function inForce(samples: Sample[], t: ActiveThreshold, asOf: number): Sample[] {
  const from = samples.findIndex((s) => s.at >= t.inForceFrom);
  const after = from < 0 ? [] : samples.slice(from);
  if (t.kind !== 'age' || from === 0 || t.inForceFrom > asOf || samples.length === 0) return after;
  const before = from < 0 ? samples[samples.length - 1] : samples[from - 1];
  return after[0]?.at === t.inForceFrom ? after : [{ at: t.inForceFrom, measure: before.measure }, ...after];
}

export interface WarningInputs {
  indicatorId: string;
  direction: IndicatorDirection;
  thresholds: readonly ThresholdFact[];
  /** Qualifying figures after corrections, in effective order. */
  series: readonly QualifyingFigure[];
  items: readonly ItemLifecycle[];
  asOf: Date;
}

/**
 * Each threshold in force (as known) evaluated over effective time: level and growth at every
 * distinct figure instant, age at every instant its count of old items changes. A warning is
 * raised when the rule becomes breached and cleared when it stops being breached.
 */
export function earlyWarningsOf(inputs: WarningInputs): EarlyWarning[] {
  const points = collapsed(inputs.series);
  const warnings: EarlyWarning[] = [];
  for (const t of activeThresholds(inputs.thresholds)) {
    const samples =
      t.kind === 'level'
        ? levelSamples(points)
        : t.kind === 'growth'
          ? growthSamples(points, t.windowDays ?? 0)
          : ageSamples(inputs.items, t.windowDays ?? 0, inputs.asOf.getTime());
    warnings.push(...warningsFrom(inputs.indicatorId, t, inForce(samples, t, inputs.asOf.getTime()), breachTest(t, inputs.direction)));
  }
  return warnings.sort((a, b) => a.raisedAt.getTime() - b.raisedAt.getTime() || (a.thresholdId < b.thresholdId ? -1 : a.thresholdId > b.thresholdId ? 1 : 0));
}
