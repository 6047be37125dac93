import { windowOf, type Figure, type ProjectionStatus } from '@rm/forecasting';
import type { ProjectedEvent, ReadDb } from '../../runner/projection.js';
import type { TimeTravel } from '../../time-travel/time-travel.js';
import { loadFacts } from '../indicators/indicator-facts.query.js';
import { referenceFacts } from '../indicators/indicator-reference.fold.js';
import { correctedFigures } from '../indicators/figure-series.fold.js';
import { definitionOf, type IndicatorDefinition } from '../indicators/indicator-position.fold.js';
import { windowFigures } from '../indicators/window-figures.query.js';
import { indicatorTargetDates, referenceTargetDates } from '../plans/target-dates.query.js';
import { trendProjectionOf, trendStatusOf, type TrendOptions, type TrendProjection } from './trend-projection.fold.js';

const byId = (a: { indicatorId: string }, b: { indicatorId: string }) => (a.indicatorId < b.indicatorId ? -1 : a.indicatorId > b.indicatorId ? 1 : 0);

/**
 * Trend projections at (asOf, knownAt, position) for every indicator registered as known, by id,
 * or for one (an empty list when it is not known): three statements — definitions, the window's
 * figures with the value at asOf, target dates.
 */
export async function trendProjections(db: ReadDb, tt: TimeTravel, o: TrendOptions, indicatorId?: string): Promise<TrendProjection[]> {
  const each = await eachKnownIndicator(db, tt, o, (def, figures, target) => trendProjectionOf(def, figures, target, tt.asOf, o), indicatorId);
  return each.map(([, p]) => p).sort(byId);
}

/** Only each known indicator's projection status, by id: what the scorecard asks of the projections. */
export async function trendStatuses(db: ReadDb, tt: TimeTravel, o: TrendOptions): Promise<Map<string, ProjectionStatus>> {
  return new Map(await eachKnownIndicator(db, tt, o, (def, figures, target) => trendStatusOf(def, figures, target, tt.asOf, o)));
}

async function eachKnownIndicator<T>(
  db: ReadDb,
  tt: TimeTravel,
  o: TrendOptions,
  answer: (def: IndicatorDefinition, figures: readonly Figure[], targetDate: string | null) => T,
  indicatorId?: string,
): Promise<[string, T][]> {
  const [facts, targets] = await Promise.all([loadFacts(db, tt, ['definitions'], indicatorId), indicatorTargetDates(db, tt, indicatorId)]);
  const defs: IndicatorDefinition[] = [];
  for (const [id, mine] of facts) {
    const def = definitionOf(id, mine.definitions);
    if (def) defs.push(def);
  }
  if (defs.length === 0) return [];
  const figures = await windowFigures(db, tt, windowOf(tt.asOf, o.windowDays).from, defs.map((d) => d.id));
  return defs.map((def) => [def.id, answer(def, figures.get(def.id) ?? [], targets.get(def.id) ?? null)]);
}

/** One indicator's trend projection; undefined when it is not registered as known. */
export async function trendProjection(db: ReadDb, tt: TimeTravel, indicatorId: string, o: TrendOptions): Promise<TrendProjection | undefined> {
  return (await trendProjections(db, tt, o, indicatorId))[0];
}

/** trendProjections, folded from scratch over the whole event list. */
export function referenceTrendProjections(events: readonly ProjectedEvent[], tt: TimeTravel, o: TrendOptions): TrendProjection[] {
  const targets = referenceTargetDates(events, tt);
  return [...referenceFacts(events, tt)]
    .flatMap(([id, facts]) => {
      const def = definitionOf(id, facts.definitions);
      return def ? [trendProjectionOf(def, correctedFigures(facts.figures, facts.corrections), targets.get(id) ?? null, tt.asOf, o)] : [];
    })
    .sort(byId);
}
