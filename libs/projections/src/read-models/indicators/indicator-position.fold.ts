import type { Baseline, IndicatorDirection, IndicatorUnit } from '@rm/domain';
import { itemLifecycles, itemSummary, type ItemLifecycle, type ItemSummary } from './backlog-items.fold.js';
import { earlyWarningsOf, type EarlyWarning } from './early-warnings.fold.js';
import { byKnown, calendarDaysBetween, correctedFigures, type QualifyingFigure } from './figure-series.fold.js';
import type { DefinitionFact, IndicatorFacts, RiskFact } from './indicator-facts.model.js';

/** An indicator's definition as known: the registration, with the latest known baseline and tolerance. */
export interface IndicatorDefinition {
  id: string;
  name: string;
  description: string;
  unit: IndicatorUnit;
  direction: IndicatorDirection;
  owner: string;
  questions: number[];
  baseline: Baseline;
  tolerance: number;
}

export interface RiskSummary {
  assessedAt: Date;
  high: number;
  medium: number;
  standard: number;
  rationale: string;
}

export interface IndicatorPosition extends IndicatorDefinition {
  value: number | null;
  effectiveAt: Date | null;
  gap: number | null;
  peak: number | null;
  peakGap: number | null;
  recoveredShare: number | null;
  withinTolerance: boolean | null;
  daysSinceLastFigure: number | null;
  figureCount: number;
  risk: RiskSummary | null;
  items: ItemSummary;
  openWarnings: EarlyWarning[];
}

/**
 * The registration's descriptive fields with the baseline and tolerance of the latest known
 * version (registration or revision, by known time then position); undefined when unregistered.
 */
export function definitionOf(indicatorId: string, facts: readonly DefinitionFact[]): IndicatorDefinition | undefined {
  const versions = [...facts].sort(byKnown);
  const registration = versions.find((v) => v.kind === 'registered');
  if (!registration) return undefined;
  const latest = versions[versions.length - 1];
  return {
    id: indicatorId,
    name: registration.name ?? '',
    description: registration.description ?? '',
    unit: registration.unit ?? 'count',
    direction: registration.direction ?? 'lower-is-better',
    owner: registration.owner ?? '',
    questions: registration.questions ?? [],
    baseline: latest.baseline,
    tolerance: latest.tolerance,
  };
}

/** Positive when worse than baseline. */
export const gapOf = (def: IndicatorDefinition, value: number): number =>
  def.direction === 'higher-is-better' ? def.baseline.value - value : value - def.baseline.value;

const byAssessed = (a: RiskFact, b: RiskFact): number => a.assessedAt.getTime() - b.assessedAt.getTime() || byKnown(a, b);

/** The latest assessment by assessed time; ties go to the later known. */
export function latestRisk(risks: readonly RiskFact[]): RiskSummary | null {
  let latest: RiskFact | undefined;
  for (const r of risks) if (!latest || byAssessed(latest, r) < 0) latest = r;
  if (!latest) return null;
  const { assessedAt, high, medium, standard, rationale } = latest;
  return { assessedAt, high, medium, standard, rationale };
}

/** value, gap, peak and recovery by the indicator arithmetic (README, HTTP API); `series` in effective order. */
export function arithmeticOf(def: IndicatorDefinition, series: readonly QualifyingFigure[], asOf: Date) {
  const last = series[series.length - 1];
  return arithmeticFrom(def, series.map((f) => f.value), series.length, last?.effectiveAt, asOf);
}

/** The same from the series' first `length` values and its last figure's effective time. */
export function arithmeticFrom(def: IndicatorDefinition, values: ArrayLike<number>, length: number, lastEffectiveAt: Date | undefined, asOf: Date) {
  if (length === 0 || !lastEffectiveAt)
    return { value: null, effectiveAt: null, gap: null, peak: null, peakGap: null, recoveredShare: null, withinTolerance: null, daysSinceLastFigure: null };
  const value = values[length - 1];
  let peak = value;
  for (let i = 0; i < length; i++) if (gapOf(def, values[i]) > gapOf(def, peak)) peak = values[i];
  const gap = gapOf(def, value);
  const peakGap = gapOf(def, peak);
  const recoveredShare = peakGap <= 0 ? 1 : Math.min(1, Math.max(0, (peakGap - gap) / peakGap));
  return {
    value,
    effectiveAt: lastEffectiveAt,
    gap,
    peak,
    peakGap,
    recoveredShare,
    withinTolerance: gap <= def.tolerance,
    daysSinceLastFigure: calendarDaysBetween(lastEffectiveAt, asOf),
  };
}

/** The qualifying facts other than item feed lines, which the position and warnings read as lifecycles. */
export type FactsBesideItems = Omit<IndicatorFacts, 'items'>;

/** An indicator's position from exactly its qualifying facts at `asOf`. */
export function positionOf(indicatorId: string, facts: IndicatorFacts, asOf: Date): IndicatorPosition | undefined {
  return positionFrom(indicatorId, facts, itemLifecycles(facts.items), asOf);
}

/**
 * The same from the item lifecycles instead of the feed lines: any set that holds every open item
 * and every item still open when it becomes old for an age threshold in force (the others count
 * for nothing; see loadItemLifecycles).
 */
export function positionFrom(indicatorId: string, facts: FactsBesideItems, items: readonly ItemLifecycle[], asOf: Date): IndicatorPosition | undefined {
  const def = definitionOf(indicatorId, facts.definitions);
  if (!def) return undefined;
  const series = correctedFigures(facts.figures, facts.corrections);
  const warnings = earlyWarningsOf({ indicatorId, direction: def.direction, thresholds: facts.thresholds, series, items, asOf });
  return {
    ...def,
    ...arithmeticOf(def, series, asOf),
    figureCount: series.length,
    risk: latestRisk(facts.risks),
    items: itemSummary(items, asOf),
    openWarnings: warnings.filter((w) => w.open),
  };
}

/** Warnings from exactly an indicator's qualifying facts; none when it is not registered. */
export function warningsOf(indicatorId: string, facts: IndicatorFacts, asOf: Date): EarlyWarning[] {
  return warningsFrom(indicatorId, facts, itemLifecycles(facts.items), asOf);
}

/** The same from item lifecycles, as positionFrom. */
export function warningsFrom(indicatorId: string, facts: Omit<FactsBesideItems, 'risks'>, items: readonly ItemLifecycle[], asOf: Date): EarlyWarning[] {
  const def = definitionOf(indicatorId, facts.definitions);
  if (!def) return [];
  const series = correctedFigures(facts.figures, facts.corrections);
  return earlyWarningsOf({ indicatorId, direction: def.direction, thresholds: facts.thresholds, series, items, asOf });
}
