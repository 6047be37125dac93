import { byEffect, byPosition, dayOf, daysBetween } from './fact-times.js';
import type { ActionAddedFact, ActionChangeFact } from './plan-facts.js';

export type RecoveryActionStatus = 'planned' | 'started' | 'completed' | 'cancelled';

export interface RecoveryActionView {
  planId: string;
  actionId: string;
  title: string;
  owner: string;
  status: RecoveryActionStatus;
  dueDate: string;
  originalDueDate: string;
  /** Reschedules that moved the due date later. */
  slips: number;
  /** Days from the original due date to the current one, never below 0. */
  daysSlipped: number;
  /** Due before asOf's UTC day and neither completed nor cancelled. */
  overdue: boolean;
  /** The latest progress report's percent, by effective time; null before any; 100 once completed. */
  percent: number | null;
  indicators: string[];
  questions: number[];
  successMeasure: string;
  startedOn: string | null;
  completedOn: string | null;
  cancelledReason: string | null;
}

export interface RecoveryActionFilter {
  status?: RecoveryActionStatus;
  planId?: string;
}

const keyOf = (f: { planId: string; actionId: string }) => `${f.planId}\u0000${f.actionId}`;
const laterDate = (a: string, b: string) => Date.parse(a) > Date.parse(b);

/**
 * Folds the qualifying facts (definitions known at knownAt, changes also effective by asOf)
 * into each action's state at `asOf`. Changes apply in effective order, so a back-dated
 * report lands where it belongs; the first definition of an action by position wins, as in
 * the decider.
 */
export function foldRecoveryActions(
  added: readonly ActionAddedFact[],
  changes: readonly ActionChangeFact[],
  asOf: Date,
): RecoveryActionView[] {
  const actions = new Map<string, RecoveryActionView>();
  for (const a of [...added].sort(byPosition)) {
    if (actions.has(keyOf(a))) continue;
    actions.set(keyOf(a), {
      planId: a.planId,
      actionId: a.actionId,
      title: a.title,
      owner: a.owner,
      status: 'planned',
      dueDate: a.dueDate,
      originalDueDate: a.dueDate,
      slips: 0,
      daysSlipped: 0,
      overdue: false,
      percent: null,
      indicators: a.indicators,
      questions: a.questions,
      successMeasure: a.successMeasure,
      startedOn: null,
      completedOn: null,
      cancelledReason: null,
    });
  }
  for (const c of [...changes].sort(byEffect)) {
    const action = actions.get(keyOf(c));
    if (action) applyChange(action, c);
  }
  const asOfDay = dayOf(asOf);
  for (const a of actions.values()) {
    a.status =
      a.cancelledReason !== null
        ? 'cancelled'
        : a.completedOn !== null
          ? 'completed'
          : a.startedOn !== null
            ? 'started'
            : 'planned';
    if (a.status === 'completed') a.percent = 100;
    a.daysSlipped = Math.max(0, daysBetween(a.originalDueDate, a.dueDate));
    a.overdue = (a.status === 'planned' || a.status === 'started') && dayOf(a.dueDate) < asOfDay;
  }
  return [...actions.values()].sort(
    (x, y) =>
      cmp(x.planId, y.planId) ||
      Date.parse(x.dueDate) - Date.parse(y.dueDate) ||
      cmp(x.actionId, y.actionId),
  );
}

function applyChange(a: RecoveryActionView, c: ActionChangeFact): void {
  switch (c.kind) {
    case 'started':
      a.startedOn ??= c.on;
      break;
    case 'progress':
      a.percent = c.percent;
      break;
    case 'rescheduled':
      if (c.dueDate === null) break;
      if (laterDate(c.dueDate, a.dueDate)) a.slips++;
      a.dueDate = c.dueDate;
      break;
    case 'completed':
      a.completedOn ??= c.on;
      break;
    case 'cancelled':
      a.cancelledReason ??= c.text;
      break;
  }
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

export function filterRecoveryActions(
  actions: RecoveryActionView[],
  filter: RecoveryActionFilter = {},
): RecoveryActionView[] {
  return actions.filter(
    (a) =>
      (filter.planId === undefined || a.planId === filter.planId) &&
      (filter.status === undefined || a.status === filter.status),
  );
}

export interface Progress {
  done: number;
  total: number;
  overdue: number;
}

export type PlanProgress = Progress & {
  byQuestion: Record<'1' | '2' | '3' | '4' | '5' | '6', Progress>;
};

/** Cancelled actions count neither as done nor in the total: the plan no longer intends them. */
export function planProgress(actions: readonly RecoveryActionView[]): PlanProgress {
  const count = (list: readonly RecoveryActionView[]): Progress => {
    const live = list.filter((a) => a.status !== 'cancelled');
    return {
      done: live.filter((a) => a.status === 'completed').length,
      total: live.length,
      overdue: live.filter((a) => a.overdue).length,
    };
  };
  const q = (n: number) => count(actions.filter((a) => a.questions.includes(n)));
  return {
    ...count(actions),
    byQuestion: { '1': q(1), '2': q(2), '3': q(3), '4': q(4), '5': q(5), '6': q(6) },
  };
}
