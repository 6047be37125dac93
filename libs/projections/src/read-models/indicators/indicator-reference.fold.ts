import type { ProjectedEvent } from '../../runner/projection.js';
import type { TimeTravel } from '../../time-travel/time-travel.js';
import type { EarlyWarning } from './early-warnings.fold.js';
import { correctedFigures, dailyHistory, type IndicatorHistory, type QualifyingFigure } from './figure-series.fold.js';
import { emptyFacts, factOf, type IndicatorFacts } from './indicator-facts.model.js';
import { definitionOf, positionOf, warningsOf, type IndicatorPosition } from './indicator-position.fold.js';

const DATED = new Set(['figures', 'risks', 'items']);

/**
 * The qualifying facts, straight from the raw log: known by knownAt and logged by position;
 * figures, risk assessments and item lines also effective by asOf. A correction qualifies by
 * known time alone and applies to its figure when the figure qualifies.
 */
export function referenceFacts(events: readonly ProjectedEvent[], tt: TimeTravel, indicatorId?: string): Map<string, IndicatorFacts> {
  const facts = new Map<string, IndicatorFacts>();
  for (const e of events) {
    if (e.knownAt > tt.knownAt || e.position > tt.position) continue;
    const fact = factOf(e);
    if (!fact || (indicatorId !== undefined && fact.fact.indicatorId !== indicatorId)) continue;
    if (DATED.has(fact.table) && e.effectiveAt > tt.asOf) continue;
    let mine = facts.get(fact.fact.indicatorId);
    if (!mine) facts.set(fact.fact.indicatorId, (mine = emptyFacts()));
    (mine[fact.table] as (typeof fact.fact)[]).push(fact.fact);
  }
  return facts;
}

const factsFor = (events: readonly ProjectedEvent[], tt: TimeTravel, indicatorId: string) =>
  referenceFacts(events, tt, indicatorId).get(indicatorId) ?? emptyFacts();

/** indicatorPosition, folded from scratch over the whole event list. */
export function referenceIndicatorPosition(events: readonly ProjectedEvent[], tt: TimeTravel, indicatorId: string): IndicatorPosition | undefined {
  return positionOf(indicatorId, factsFor(events, tt, indicatorId), tt.asOf);
}

/** indicatorPositions, folded from scratch over the whole event list. */
export function referenceIndicatorPositions(events: readonly ProjectedEvent[], tt: TimeTravel): IndicatorPosition[] {
  const positions = [...referenceFacts(events, tt)].flatMap(([id, facts]) => positionOf(id, facts, tt.asOf) ?? []);
  return positions.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** indicatorHistory, folded from scratch over the whole event list. */
export function referenceIndicatorHistory(
  events: readonly ProjectedEvent[],
  tt: TimeTravel,
  indicatorId: string,
  from?: Date | string,
  to?: Date | string,
): IndicatorHistory | undefined {
  const facts = factsFor(events, tt, indicatorId);
  if (!definitionOf(indicatorId, facts.definitions)) return undefined;
  return { points: dailyHistory(correctedFigures(facts.figures, facts.corrections), tt.asOf, from, to) };
}

/** qualifyingFigures, folded from scratch over the whole event list. */
export function referenceQualifyingFigures(events: readonly ProjectedEvent[], tt: TimeTravel, indicatorId: string): QualifyingFigure[] {
  const facts = factsFor(events, tt, indicatorId);
  return correctedFigures(facts.figures, facts.corrections);
}

/** earlyWarnings, folded from scratch over the whole event list. */
export function referenceEarlyWarnings(events: readonly ProjectedEvent[], tt: TimeTravel, indicatorId?: string): EarlyWarning[] {
  const facts = referenceFacts(events, tt, indicatorId);
  return [...facts.keys()].sort().flatMap((id) => warningsOf(id, facts.get(id) ?? emptyFacts(), tt.asOf));
}
