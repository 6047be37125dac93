import type { ReadDb } from '../../runner/projection.js';
import type { TimeTravel } from '../../time-travel/time-travel.js';
import { byId } from '../core/sorted.js';
import { activeThresholds } from './early-warnings.fold.js';
import { correctedFigures, type QualifyingFigure } from './figure-series.fold.js';
import type { IndicatorFacts } from './indicator-facts.model.js';
import { arithmeticFrom, definitionOf, latestRisk, type IndicatorPosition } from './indicator-position.fold.js';
import { keptFactsOf, keptLifecyclesOf } from './kept-facts.js';
import { atOf, type ItemScan } from './item-index.js';
import { scanItems } from './item-scan.js';
import { seriesAt, seriesIndexOf, seriesOf, windowAt, type Series } from './kept-series.js';
import { openWarningsOf } from './open-warnings.fold.js';

const knownBy = (known: number) => (f: { knownAt: Date }) => f.knownAt.getTime() <= known;
const scan: ItemScan = { open: 0, oldest: Infinity, over30Days: 0, over100Days: 0, pairs: new Float64Array(1024), length: 0, cleared: new Float64Array(1024), clearedLength: 0, ordered: true };

/** correctedFigures of the figures effective by asOf and known by knownAt, as numbers in shared buffers. */
export function seriesFor(facts: IndicatorFacts, asOf: number, known: number): Series {
  const index = seriesIndexOf(facts.figures, facts.corrections);
  if (index) return seriesAt(index, asOf, known);
  const figures = facts.figures.filter((f) => f.knownAt.getTime() <= known && f.effectiveAt.getTime() <= asOf);
  return seriesOf(correctedFigures(figures, facts.corrections.filter(knownBy(known))));
}

/**
 * indicatorPositions through a view that keeps indicator facts and item lines
 * (keepIndicatorFacts): each indicator folded from its kept facts and items at the read's
 * moments without an object per figure, sample or item. Undefined without such a view, or when
 * too many item lines are held to keep.
 */
export async function keptIndicatorPositions(db: ReadDb, tt: TimeTravel): Promise<IndicatorPosition[] | undefined> {
  const [kept, lines] = [keptFactsOf(db), keptLifecyclesOf(db)];
  if (!kept || !lines) return undefined;
  const [held, items] = await Promise.all([kept.everything(tt.position), lines.itemsAt(tt)]);
  if (!items) return undefined;
  const [asOf, known, at] = [tt.asOf.getTime(), tt.knownAt.getTime(), atOf(tt)];
  const positions: IndicatorPosition[] = [];
  for (const [id, facts] of held) {
    const def = definitionOf(id, facts.definitions.filter(knownBy(known)));
    if (!def) continue;
    const thresholds = activeThresholds(facts.thresholds.filter(knownBy(known)));
    const ages = thresholds.flatMap((t) => (t.kind === 'age' ? [t.windowDays ?? 0] : []));
    const mine = items.get(id);
    if (mine) scanItems(mine, at, ages.length === 0 ? undefined : Math.min(...ages), scan);
    else Object.assign(scan, { open: 0, oldest: Infinity, over30Days: 0, over100Days: 0, length: 0, clearedLength: 0 });
    const series = seriesFor(facts, asOf, known);
    const openWarnings = openWarningsOf({ indicatorId: id, direction: def.direction, thresholds, series, items: scan, asOf });
    const last = series.length > 0 ? new Date(series.effective[series.length - 1]) : undefined;
    positions.push({
      ...def,
      ...arithmeticFrom(def, series.value, series.length, last, tt.asOf),
      figureCount: series.length,
      risk: latestRisk(facts.risks.filter((r) => r.knownAt.getTime() <= known && r.assessedAt.getTime() <= asOf)),
      items: { open: scan.open, oldestOpenedAt: scan.open > 0 ? new Date(scan.oldest) : null, over30Days: scan.over30Days, over100Days: scan.over100Days },
      openWarnings,
    });
  }
  return positions.sort(byId);
}

/**
 * windowFigures through a view that keeps indicator facts: per indicator, the qualifying figures
 * effective after `from` and the latest one if effective by then, after corrections. Undefined
 * without such a view, or when an indicator's kept figures repeat a figure id (windowFigures then
 * folds them as it always has).
 */
export async function keptWindowFigures(db: ReadDb, tt: TimeTravel, from: Date, indicatorIds: readonly string[]): Promise<Map<string, QualifyingFigure[]> | undefined> {
  const kept = keptFactsOf(db);
  if (!kept) return undefined;
  const held = await kept.everything(tt.position);
  const [asOf, known, after] = [tt.asOf.getTime(), tt.knownAt.getTime(), from.getTime()];
  const answer = new Map<string, QualifyingFigure[]>();
  for (const id of indicatorIds) {
    const facts = held.get(id);
    const index = facts && seriesIndexOf(facts.figures, facts.corrections);
    if (facts && !index) return undefined;
    answer.set(id, index ? windowAt(index, asOf, known, after) : []);
  }
  return answer;
}
