import type { EarlyWarning } from '../indicators/early-warnings.fold.js';
import type { IndicatorPosition } from '../indicators/indicator-position.fold.js';
import type { ActionChangeFact } from '../plans/plan-facts.js';
import type { RecoveryActionView } from '../plans/recovery-action.fold.js';
import { daysBetween } from '../plans/fact-times.js';

export interface Standing {
  value: number | null;
  gap: number | null;
  withinTolerance: boolean | null;
}

export interface Restatement {
  indicatorId: string;
  figureId: string;
  effectiveAt: Date;
  from: number;
  to: number;
  reason: string;
  knownAt: Date;
}

export interface Changes {
  indicators: { id: string; from: Standing; to: Standing }[];
  actions: {
    completed: { planId: string; actionId: string; completedOn: string }[];
    slipped: { planId: string; actionId: string; from: string; to: string; days: number; reason: string | null }[];
    newlyOverdue: { planId: string; actionId: string; dueDate: string }[];
  };
  warnings: { raised: EarlyWarning[]; cleared: EarlyWarning[] };
  restatements: Restatement[];
}

/** What both reads see of the same facts, at `since` and at `until`, both as known at the read's knownAt. */
export interface ChangesInputs {
  since: Date;
  until: Date;
  positions: { since: IndicatorPosition[]; until: IndicatorPosition[] };
  actions: { since: RecoveryActionView[]; until: RecoveryActionView[] };
  /** Action changes qualifying at until. */
  changes: readonly ActionChangeFact[];
  /** Warnings as folded at until. */
  warnings: readonly EarlyWarning[];
  /** Corrections known in (since, knownAt]. */
  restatements: Restatement[];
}

const standing = (p: IndicatorPosition | undefined): Standing => ({ value: p?.value ?? null, gap: p?.gap ?? null, withinTolerance: p?.withinTolerance ?? null });
const same = (a: Standing, b: Standing) => a.value === b.value && a.gap === b.gap && a.withinTolerance === b.withinTolerance;
const keyOf = (a: { planId: string; actionId: string }) => `${a.planId}\u0000${a.actionId}`;

/** Everything that moved in (since, until]; pure. */
export function changesOf(x: ChangesInputs): Changes {
  const inInterval = (d: Date | string | null) => d !== null && new Date(d) > x.since && new Date(d) <= x.until;
  const before = new Map(x.positions.since.map((p) => [p.id, p]));
  const indicators = x.positions.until
    .map((p) => ({ id: p.id, from: standing(before.get(p.id)), to: standing(p) }))
    .filter((c) => !same(c.from, c.to));
  const overdueBefore = new Set(x.actions.since.filter((a) => a.overdue).map(keyOf));
  return {
    indicators,
    actions: {
      completed: x.actions.until.filter((a) => a.status === 'completed' && inInterval(a.completedOn)).map((a) => ({ planId: a.planId, actionId: a.actionId, completedOn: a.completedOn! })),
      slipped: x.changes
        .filter((c) => c.kind === 'rescheduled' && c.dueDate !== null && c.previousDueDate !== null && inInterval(c.effectiveAt) && daysBetween(c.previousDueDate, c.dueDate) > 0)
        .map((c) => ({ planId: c.planId, actionId: c.actionId, from: c.previousDueDate!, to: c.dueDate!, days: daysBetween(c.previousDueDate!, c.dueDate!), reason: c.text })),
      newlyOverdue: x.actions.until.filter((a) => a.overdue && !overdueBefore.has(keyOf(a))).map((a) => ({ planId: a.planId, actionId: a.actionId, dueDate: a.dueDate })),
    },
    warnings: { raised: x.warnings.filter((w) => inInterval(w.raisedAt)), cleared: x.warnings.filter((w) => inInterval(w.clearedAt)) },
    restatements: x.restatements,
  };
}
