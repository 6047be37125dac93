import type { RecoveryActionView } from '@rm/projections';

/** Everything the board pack shows, as plain data: the renderer is a pure function of it. */
export interface BoardPackData {
  asOf: string;
  knownAt: string;
  position: string;
  since: string | null;
  questions: BoardQuestion[];
  indicators: BoardIndicator[];
  actions: BoardAction[];
  changes: BoardChanges | null;
}

export interface BoardQuestion {
  question: number;
  title: string;
  status: 'red' | 'amber' | 'green';
  rule: string;
  evidence: Record<string, unknown>;
}

export interface BoardIndicator {
  id: string;
  name: string;
  unit: string;
  direction: 'lower-is-better' | 'higher-is-better';
  owner: string;
  questions: number[];
  baseline: { value: number; from: string; to: string; source: string };
  tolerance: number;
  value: number | null;
  effectiveAt: string | null;
  gap: number | null;
  peak: number | null;
  recoveredShare: number | null;
  withinTolerance: boolean | null;
  history: { date: string; value: number }[];
  projection: BoardProjection | null;
}

/** The part of a trend projection (see the README, "Trend projections") the pack draws. */
export interface BoardProjection {
  method: string;
  window: { from: string; to: string; days: number };
  intercept: number;
  slopePerDay: number;
  targetLevel: number;
  targetDate: string | null;
  projectedReturn: { date: string | null; earliest: string | null; latest: string | null } | null;
  status: string;
}

/** An action as the action read answers it, less what the pack does not show. */
export type BoardAction = Pick<
  RecoveryActionView,
  'planId' | 'actionId' | 'title' | 'owner' | 'status' | 'dueDate' | 'originalDueDate' | 'slips' | 'daysSlipped' | 'overdue' | 'percent'
>;

export interface IndicatorMove {
  id: string;
  name: string;
  from: { value: number | null; gap: number | null; withinTolerance: boolean | null } | null;
  to: { value: number | null; gap: number | null; withinTolerance: boolean | null };
}

export interface BoardChanges {
  since: string;
  indicators: IndicatorMove[];
  completed: { planId: string; actionId: string; title: string; completedOn: string | null }[];
  slipped: { planId: string; actionId: string; title: string; from: string; to: string; days: number }[];
  newlyOverdue: { planId: string; actionId: string; title: string; dueDate: string }[];
  /** Figures the record now states differently than it did at `since`: corrected (from a value) or back-filled (from null). */
  restatements: Restatement[];
}

export interface Restatement {
  indicatorId: string;
  name: string;
  figureId: string;
  effectiveAt: string;
  from: number | null;
  to: number;
}
