import { describeTimeTravel, indicatorHistory, indicatorPositions, qualifyingFigures, recoveryActions, scorecard, type IndicatorPosition, type ReadDb, type RecoveryActionView, type ScorecardRules, type TimeTravel } from '@rm/projections';
import { changesBetween, restatementsOf } from './board-pack.changes.js';
import type { BoardAction, BoardIndicator, BoardPackData, BoardProjection } from './board-pack.model.js';

/** Projections come from their own route where the app has one; null when it has none. */
export type ProjectionSource = (tt: TimeTravel) => Promise<Map<string, BoardProjection> | null>;

/** Reads everything the pack shows at one (asOf, knownAt, position); `since` at the same knownAt and position. */
export async function boardPackData(
  db: ReadDb,
  tt: TimeTravel,
  since: Date | null,
  rules: ScorecardRules,
  projections: ProjectionSource,
): Promise<BoardPackData> {
  const [questions, positions, actions, projected] = await Promise.all([scorecard(db, tt, rules), indicatorPositions(db, tt), recoveryActions(db, tt), projections(tt)]);
  // As the history read does: past today there is nothing to carry forward but size.
  const asOfDay = tt.asOf.toISOString().slice(0, 10);
  const today = new Date().toISOString().slice(0, 10);
  const historyEnd = asOfDay > today ? today : asOfDay;
  const indicators: BoardIndicator[] = [];
  for (const p of [...positions].sort(worstFirst)) {
    const history = (await indicatorHistory(db, tt, p.id, undefined, historyEnd))?.points ?? [];
    indicators.push(boardIndicator(p, history, projected?.get(p.id) ?? null));
  }
  let changes: BoardPackData['changes'] = null;
  if (since) {
    const then = { ...tt, asOf: since };
    const [positionsThen, actionsThen] = await Promise.all([indicatorPositions(db, then), recoveryActions(db, then)]);
    changes = changesBetween(
      since.toISOString(),
      { indicators: positionsThen.map((p) => boardIndicator(p, [], null)), actions: actionsThen.map(boardAction) },
      { indicators, actions: actions.map(boardAction) },
    );
    // The record of the past as it stood at `since` (never later than the pack's own knownAt).
    const knownThen = { ...tt, knownAt: since < tt.knownAt ? since : tt.knownAt, knownAtLatest: false };
    for (const p of indicators) {
      const [before, after] = await Promise.all([qualifyingFigures(db, knownThen, p.id), qualifyingFigures(db, tt, p.id)]);
      changes.restatements.push(...restatementsOf(p, since, before, after));
    }
  }
  return {
    ...describeTimeTravel(tt),
    since: since?.toISOString() ?? null,
    questions,
    indicators,
    actions: actions.filter((a) => a.overdue || a.slips > 0).map(boardAction).sort((a, b) => Number(b.overdue) - Number(a.overdue) || a.dueDate.localeCompare(b.dueDate) || a.actionId.localeCompare(b.actionId)),
    changes,
  };
}

/** Outside tolerance first, then no figure yet, then recovered; by id within each. */
const rank = (p: IndicatorPosition) => (p.withinTolerance === false ? 0 : p.withinTolerance === null ? 1 : 2);
const worstFirst = (a: IndicatorPosition, b: IndicatorPosition) => rank(a) - rank(b) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

function boardIndicator(p: IndicatorPosition, history: BoardIndicator['history'], projection: BoardProjection | null): BoardIndicator {
  return {
    id: p.id,
    name: p.name,
    unit: p.unit,
    direction: p.direction,
    owner: p.owner,
    questions: p.questions,
    baseline: { value: p.baseline.value, from: String(p.baseline.from), to: String(p.baseline.to), source: p.baseline.source },
    tolerance: p.tolerance,
    value: p.value,
    effectiveAt: p.effectiveAt?.toISOString() ?? null,
    gap: p.gap,
    peak: p.peak,
    recoveredShare: p.recoveredShare,
    withinTolerance: p.withinTolerance,
    history,
    projection,
  };
}

const boardAction = ({ planId, actionId, title, owner, status, dueDate, originalDueDate, slips, daysSlipped, overdue, percent, completedOn }: RecoveryActionView): BoardAction & {
  completedOn: string | null;
} => ({ planId, actionId, title, owner, status, dueDate, originalDueDate, slips, daysSlipped, overdue, percent, completedOn });
