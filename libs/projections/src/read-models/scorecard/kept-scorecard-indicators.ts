import type { ReadDb } from '../../runner/projection.js';
import type { TimeTravel } from '../../time-travel/time-travel.js';
import { byId } from '../core/sorted.js';
import { activeThresholds } from '../indicators/early-warnings.fold.js';
import { byKnown } from '../indicators/figure-series.fold.js';
import type { ThresholdFact } from '../indicators/indicator-facts.model.js';
import { definitionOf, gapOf, latestRisk } from '../indicators/indicator-position.fold.js';
import { keptFactsOf, keptLifecyclesOf } from '../indicators/kept-facts.js';
import { atOf, type ItemScan } from '../indicators/item-index.js';
import { scanItems } from '../indicators/item-scan.js';
import { seriesFor } from '../indicators/kept-positions.js';
import { openWarningsOf } from '../indicators/open-warnings.fold.js';
import { staleWarning, type ScorecardIndicator, type ScorecardRules } from './scorecard.rules.js';

/** Indicators with a threshold in force as known: each threshold's latest fact, by known time then position, is a setting. */
export function indicatorsWithThreshold(facts: readonly ThresholdFact[]): Set<string> {
  const latest = new Map<string, ThresholdFact>();
  for (const f of [...facts].sort(byKnown)) latest.set(`${f.indicatorId}\u0000${f.thresholdId}`, f);
  return new Set([...latest.values()].filter((f) => f.event === 'set').map((f) => f.indicatorId));
}

const NO_ITEMS: ItemScan = { open: 0, oldest: Infinity, over30Days: 0, over100Days: 0, pairs: new Float64Array(0), length: 0, cleared: new Float64Array(0), clearedLength: 0, ordered: true };
const scan: ItemScan = { ...NO_ITEMS, pairs: new Float64Array(1024), cleared: new Float64Array(1024) };

/**
 * scorecardIndicators through a view that keeps indicator facts and item lines
 * (keepIndicatorFacts): per indicator only what scorecardIndicatorOf reads of its position — the
 * latest figure, the latest risk assessment, the open warnings — folded from the kept facts at
 * the read's moments; items are scanned only for an indicator with an age threshold in force
 * (only age warnings read them). The thresholds found on the way say which indicators have one
 * in force. Undefined without such a view, or when too many item lines are held to keep.
 */
export async function keptScorecardIndicators(
  db: ReadDb,
  tt: TimeTravel,
  rules: ScorecardRules,
): Promise<{ indicators: ScorecardIndicator[]; withThreshold: Set<string> } | undefined> {
  const [kept, lines] = [keptFactsOf(db), keptLifecyclesOf(db)];
  if (!kept || !lines) return undefined;
  const [held, items] = await Promise.all([kept.everything(tt.position), lines.itemsAt(tt)]);
  if (!items) return undefined;
  const [asOf, known, at] = [tt.asOf.getTime(), tt.knownAt.getTime(), atOf(tt)];
  const knownThen = (f: { knownAt: Date }) => f.knownAt.getTime() <= known;
  const indicators: ScorecardIndicator[] = [];
  const thresholdFacts: ThresholdFact[] = [];
  for (const [id, facts] of held) {
    const mine = facts.thresholds.filter(knownThen);
    for (const f of mine) thresholdFacts.push(f);
    const def = definitionOf(id, facts.definitions.filter(knownThen));
    if (!def) continue;
    const thresholds = activeThresholds(mine);
    const ages = thresholds.flatMap((t) => (t.kind === 'age' ? [t.windowDays ?? 0] : []));
    const indicatorItems = items.get(id);
    if (ages.length > 0 && indicatorItems) scanItems(indicatorItems, at, Math.min(...ages), scan);
    const series = seriesFor(facts, asOf, known);
    const open = thresholds.length === 0 ? [] : openWarningsOf({ indicatorId: id, direction: def.direction, thresholds, series, items: ages.length > 0 && indicatorItems ? scan : NO_ITEMS, asOf });
    const last = series.length - 1;
    const risk = latestRisk(facts.risks.filter((r) => r.knownAt.getTime() <= known && r.assessedAt.getTime() <= asOf));
    indicators.push({
      id,
      unit: def.unit,
      questions: def.questions,
      effectiveAt: last >= 0 ? new Date(series.effective[last]) : null,
      withinTolerance: last >= 0 ? gapOf(def, series.value[last]) <= def.tolerance : null,
      risk: risk && { assessedAt: risk.assessedAt, high: risk.high },
      openWarnings: open.length,
      staleWarnings: open.filter((w) => staleWarning(w.raisedAt, tt.asOf, rules)).length,
    });
  }
  return { indicators: indicators.sort(byId), withThreshold: indicatorsWithThreshold(thresholdFacts) };
}
