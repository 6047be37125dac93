import type { ReadDb } from '../../runner/projection.js';
import type { TimeTravel } from '../../time-travel/time-travel.js';
import { byId } from '../core/sorted.js';
import type { EarlyWarning } from './early-warnings.fold.js';
import { correctedFigures, dailyHistory, type IndicatorHistory, type QualifyingFigure } from './figure-series.fold.js';
import { emptyFacts } from './indicator-facts.model.js';
import { loadFacts } from './indicator-facts.query.js';
import { definitionOf, positionFrom, warningsFrom, type IndicatorPosition } from './indicator-position.fold.js';
import { loadItemLifecycles } from './item-lifecycles.query.js';
import { keptIndicatorPositions } from './kept-positions.js';

// Item feed lines are read as lifecycles (loadItemLifecycles), beside the other facts.
const POSITION_KINDS = ['definitions', 'figures', 'corrections', 'risks', 'thresholds'] as const;
const WARNING_KINDS = ['definitions', 'figures', 'corrections', 'thresholds'] as const;


/** An indicator's position at (asOf, knownAt, position); undefined when it is not registered as known then. */
export async function indicatorPosition(db: ReadDb, tt: TimeTravel, indicatorId: string): Promise<IndicatorPosition | undefined> {
  const [facts, items] = await Promise.all([loadFacts(db, tt, POSITION_KINDS, indicatorId), loadItemLifecycles(db, tt, indicatorId)]);
  return positionFrom(indicatorId, facts.get(indicatorId) ?? emptyFacts(), items.get(indicatorId) ?? [], tt.asOf);
}

/** Every indicator registered as known at knownAt, by id: two statements in all. */
export async function indicatorPositions(db: ReadDb, tt: TimeTravel): Promise<IndicatorPosition[]> {
  const kept = await keptIndicatorPositions(db, tt);
  if (kept) return kept;
  const [facts, items] = await Promise.all([loadFacts(db, tt, POSITION_KINDS), loadItemLifecycles(db, tt)]);
  const positions: IndicatorPosition[] = [];
  for (const [id, mine] of facts) {
    const position = positionFrom(id, mine, items.get(id) ?? [], tt.asOf);
    if (position) positions.push(position);
  }
  return positions.sort(byId);
}

/**
 * One point per UTC day from the first qualifying figure (or `from`) to asOf's day (or `to`),
 * the last value carried forward; undefined when the indicator is not registered as known.
 * `from` and `to` are days (YYYY-MM-DD) or instants standing for their UTC day.
 */
export async function indicatorHistory(
  db: ReadDb,
  tt: TimeTravel,
  indicatorId: string,
  from?: Date | string,
  to?: Date | string,
): Promise<IndicatorHistory | undefined> {
  const facts = (await loadFacts(db, tt, ['definitions', 'figures', 'corrections'], indicatorId)).get(indicatorId) ?? emptyFacts();
  if (!definitionOf(indicatorId, facts.definitions)) return undefined;
  return { points: dailyHistory(correctedFigures(facts.figures, facts.corrections), tt.asOf, from, to) };
}

/**
 * The indicator's qualifying figures with their values after the latest qualifying correction,
 * by effective time then known time (then position).
 */
export async function qualifyingFigures(db: ReadDb, tt: TimeTravel, indicatorId: string): Promise<QualifyingFigure[]> {
  const facts = (await loadFacts(db, tt, ['figures', 'corrections'], indicatorId)).get(indicatorId) ?? emptyFacts();
  return correctedFigures(facts.figures, facts.corrections);
}

/** Warnings raised and cleared by the thresholds in force as known, for one indicator or all. */
export async function earlyWarnings(db: ReadDb, tt: TimeTravel, indicatorId?: string): Promise<EarlyWarning[]> {
  const [facts, items] = await Promise.all([loadFacts(db, tt, WARNING_KINDS, indicatorId), loadItemLifecycles(db, tt, indicatorId)]);
  const ids = [...facts.keys()].sort();
  return ids.flatMap((id) => warningsFrom(id, facts.get(id) ?? emptyFacts(), items.get(id) ?? [], tt.asOf));
}
