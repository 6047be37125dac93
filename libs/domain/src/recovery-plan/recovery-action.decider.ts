import { requireDate, requireEffectiveTime } from '../shared/time.js';
import { isPercent, requireText } from '../shared/validation.js';
import type {
  CancelAction,
  CompleteAction,
  ReportProgress,
  RescheduleAction,
  StartAction,
} from './recovery-plan.commands.js';
import {
  ActionAlreadyCancelled,
  ActionAlreadyCompleted,
  InvalidProgressPercent,
  RescheduleReasonRequired,
  RescheduleSameDate,
} from './recovery-plan.errors.js';
import type {
  RecoveryActionCancelled,
  RecoveryActionCompleted,
  RecoveryActionProgressReported,
  RecoveryActionRescheduled,
  RecoveryActionStarted,
} from './recovery-plan.events.js';
import { requireAction } from './recovery-plan.rules.js';
import type { RecoveryActionState, RecoveryPlanState } from './recovery-plan.state.js';

const rejectIfCancelled = (a: RecoveryActionState): void => {
  if (a.status === 'cancelled') throw new ActionAlreadyCancelled(a.added.actionId);
};

const rejectIfCompleted = (a: RecoveryActionState): void => {
  if (a.status === 'completed') throw new ActionAlreadyCompleted(a.added.actionId);
};

export const startAction = (
  { data, now }: StartAction,
  state: RecoveryPlanState,
): RecoveryActionStarted[] => {
  const { plan, action } = requireAction(state, data.planId, data.actionId);
  rejectIfCancelled(action);
  rejectIfCompleted(action);
  requireEffectiveTime(data.startedOn, 'startedOn', now);
  if (action.status === 'started') return [];
  const { planId } = plan.created;
  const started = { planId, actionId: data.actionId, startedOn: data.startedOn };
  return [{ type: 'RecoveryActionStarted', data: started }];
};

export const reportProgress = (
  { data, now }: ReportProgress,
  state: RecoveryPlanState,
): RecoveryActionProgressReported[] => {
  const { plan, action } = requireAction(state, data.planId, data.actionId);
  rejectIfCancelled(action);
  if (!isPercent(data.percent)) throw new InvalidProgressPercent(data.percent);
  requireEffectiveTime(data.reportedOn, 'reportedOn', now);
  const reported: RecoveryActionProgressReported['data'] = {
    planId: plan.created.planId,
    actionId: data.actionId,
    percent: data.percent,
    note: requireText(data.note, 'note'),
    reportedOn: data.reportedOn,
  };
  const same = (p: RecoveryActionProgressReported['data']) =>
    p.percent === reported.percent &&
    p.note === reported.note &&
    p.reportedOn === reported.reportedOn;
  if (action.progress.some(same)) return [];
  // A completed action is 100 % done: a later report could only contradict it.
  rejectIfCompleted(action);
  return [{ type: 'RecoveryActionProgressReported', data: reported }];
};

// Re-sending the latest reschedule is a no-op; any other reschedule to the current due date
// records no slip, so it is refused.
export const rescheduleAction = (
  { data, now }: RescheduleAction,
  state: RecoveryPlanState,
): RecoveryActionRescheduled[] => {
  const { plan, action } = requireAction(state, data.planId, data.actionId);
  rejectIfCancelled(action);
  rejectIfCompleted(action);
  requireDate(data.dueDate, 'dueDate');
  if (data.decidedOn !== undefined) requireEffectiveTime(data.decidedOn, 'decidedOn', now);
  if (typeof data.reason !== 'string' || data.reason.trim() === '') {
    throw new RescheduleReasonRequired();
  }
  if (data.dueDate === action.dueDate) {
    if (action.lastReschedule?.reason === data.reason) return [];
    throw new RescheduleSameDate(data.dueDate);
  }
  const rescheduled: RecoveryActionRescheduled['data'] = {
    planId: plan.created.planId,
    actionId: data.actionId,
    previousDueDate: action.dueDate,
    dueDate: data.dueDate,
    reason: data.reason,
    decidedOn: data.decidedOn ?? now,
  };
  return [{ type: 'RecoveryActionRescheduled', data: rescheduled }];
};

export const completeAction = (
  { data, now }: CompleteAction,
  state: RecoveryPlanState,
): RecoveryActionCompleted[] => {
  const { plan, action } = requireAction(state, data.planId, data.actionId);
  rejectIfCancelled(action);
  requireEffectiveTime(data.completedOn, 'completedOn', now);
  const completed: RecoveryActionCompleted['data'] = {
    planId: plan.created.planId,
    actionId: data.actionId,
    completedOn: data.completedOn,
    evidence: requireText(data.evidence, 'evidence'),
  };
  if (action.status === 'completed') return [];
  return [{ type: 'RecoveryActionCompleted', data: completed }];
};

export const cancelAction = (
  { data, now }: CancelAction,
  state: RecoveryPlanState,
): RecoveryActionCancelled[] => {
  const { plan, action } = requireAction(state, data.planId, data.actionId);
  rejectIfCompleted(action);
  const reason = requireText(data.reason, 'reason');
  if (data.decidedOn !== undefined) requireEffectiveTime(data.decidedOn, 'decidedOn', now);
  if (action.status === 'cancelled') return [];
  const cancelled = { planId: plan.created.planId, actionId: data.actionId, reason, decidedOn: data.decidedOn ?? now };
  return [{ type: 'RecoveryActionCancelled', data: cancelled }];
};
