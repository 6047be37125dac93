import type { BoardAction, BoardChanges, BoardIndicator, IndicatorMove, Restatement } from './board-pack.model.js';

type Position = Pick<BoardIndicator, 'id' | 'name' | 'value' | 'gap' | 'withinTolerance'>;
type Action = BoardAction & { completedOn?: string | null };

const DAY = 86_400_000;
const key = (a: { planId: string; actionId: string }) => `${a.planId}/${a.actionId}`;
const stateOf = (p: Position) => ({ value: p.value, gap: p.gap, withinTolerance: p.withinTolerance });

/**
 * What moved between two reads at the same (knownAt, position): the one at `since` and the one at
 * `asOf`. Indicators whose value, gap or tolerance status differ; actions completed, slipped or
 * newly overdue in between.
 */
export function changesBetween(
  since: string,
  before: { indicators: readonly Position[]; actions: readonly Action[] },
  after: { indicators: readonly Position[]; actions: readonly Action[] },
): BoardChanges {
  const earlier = new Map(before.indicators.map((p) => [p.id, p]));
  const indicators: IndicatorMove[] = [];
  for (const now of after.indicators) {
    const then = earlier.get(now.id);
    if (then && then.value === now.value && then.gap === now.gap && then.withinTolerance === now.withinTolerance) continue;
    indicators.push({ id: now.id, name: now.name, from: then ? stateOf(then) : null, to: stateOf(now) });
  }
  const earlierActions = new Map(before.actions.map((a) => [key(a), a]));
  const changes: BoardChanges = { since, indicators, completed: [], slipped: [], newlyOverdue: [], restatements: [] };
  for (const a of after.actions) {
    const then = earlierActions.get(key(a));
    const ref = { planId: a.planId, actionId: a.actionId, title: a.title };
    if (a.status === 'completed' && then?.status !== 'completed') changes.completed.push({ ...ref, completedOn: a.completedOn ?? null });
    const from = then?.dueDate ?? a.originalDueDate;
    if (Date.parse(a.dueDate) > Date.parse(from) && a.slips > (then?.slips ?? 0))
      changes.slipped.push({ ...ref, from, to: a.dueDate, days: Math.round((Date.parse(a.dueDate) - Date.parse(from)) / DAY) });
    if (a.overdue && !then?.overdue) changes.newlyOverdue.push({ ...ref, dueDate: a.dueDate });
  }
  return changes;
}

interface Figure {
  figureId: string;
  value: number;
  effectiveAt: Date;
}

/**
 * One indicator's figures as the record stated them at `since` against as it states them now:
 * a figure with another value was corrected; a figure about a day up to `since` that was not
 * known then was back-filled. New figures about later days are news, not restatements.
 */
export function restatementsOf(indicator: { id: string; name: string }, since: Date, then: readonly Figure[], now: readonly Figure[]): Restatement[] {
  const before = new Map(then.map((f) => [f.figureId, f.value]));
  const out: Restatement[] = [];
  for (const f of now) {
    const was = before.get(f.figureId);
    const backFilled = was === undefined && f.effectiveAt <= since;
    if (backFilled || (was !== undefined && was !== f.value))
      out.push({ indicatorId: indicator.id, name: indicator.name, figureId: f.figureId, effectiveAt: f.effectiveAt.toISOString(), from: was ?? null, to: f.value });
  }
  return out;
}
