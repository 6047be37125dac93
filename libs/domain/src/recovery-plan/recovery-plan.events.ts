import type { DomainEvent } from '../shared/decider.js';
import { listOfAll } from '../shared/type-list.js';

export type RecoveryPlanCreated = DomainEvent<
  'RecoveryPlanCreated',
  { planId: string; title: string; objective: string; targetDate: string }
>;

export type RecoveryActionAdded = DomainEvent<
  'RecoveryActionAdded',
  {
    planId: string;
    actionId: string;
    title: string;
    owner: string;
    dueDate: string;
    indicators: string[];
    questions: number[];
    successMeasure: string;
  }
>;

export type RecoveryActionStarted = DomainEvent<
  'RecoveryActionStarted',
  { planId: string; actionId: string; startedOn: string }
>;

export type RecoveryActionProgressReported = DomainEvent<
  'RecoveryActionProgressReported',
  { planId: string; actionId: string; percent: number; note: string; reportedOn: string }
>;

export type RecoveryActionRescheduled = DomainEvent<
  'RecoveryActionRescheduled',
  /** `decidedOn` is absent on slips recorded before it existed: they count from when they were recorded. */
  { planId: string; actionId: string; previousDueDate: string; dueDate: string; reason: string; decidedOn?: string }
>;

export type RecoveryActionCompleted = DomainEvent<
  'RecoveryActionCompleted',
  { planId: string; actionId: string; completedOn: string; evidence: string }
>;

export type RecoveryActionCancelled = DomainEvent<
  'RecoveryActionCancelled',
  { planId: string; actionId: string; reason: string; decidedOn?: string }
>;

/** The plan's expected path for one indicator; a later TrajectorySet replaces it whole. */
export type TrajectorySet = DomainEvent<
  'TrajectorySet',
  { planId: string; indicatorId: string; points: TrajectoryPoint[] }
>;

export type TrajectoryPoint = { date: string; value: number };

export type RecoveryPlanEvent =
  | RecoveryPlanCreated
  | RecoveryActionAdded
  | RecoveryActionStarted
  | RecoveryActionProgressReported
  | RecoveryActionRescheduled
  | RecoveryActionCompleted
  | RecoveryActionCancelled
  | TrajectorySet;

export type RecoveryPlanEventType = RecoveryPlanEvent['type'];

export const RECOVERY_PLAN_EVENT_TYPES = listOfAll<RecoveryPlanEventType>()([
  'RecoveryPlanCreated',
  'RecoveryActionAdded',
  'RecoveryActionStarted',
  'RecoveryActionProgressReported',
  'RecoveryActionRescheduled',
  'RecoveryActionCompleted',
  'RecoveryActionCancelled',
  'TrajectorySet',
]);

export const RECOVERY_ACTION_STATUSES = ['planned', 'started', 'completed', 'cancelled'] as const;
export type RecoveryActionStatus = (typeof RECOVERY_ACTION_STATUSES)[number];
