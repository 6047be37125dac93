import type { DomainCommand } from '../shared/decider.js';
import type { TrajectoryPoint } from './recovery-plan.events.js';

export type CreatePlan = DomainCommand<
  'CreatePlan',
  { id: string; title: string; objective: string; targetDate: string }
>;

export type AddAction = DomainCommand<
  'AddAction',
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

type ActionCommand<Type extends string, Data extends object> = DomainCommand<
  Type,
  { planId: string; actionId: string } & Data
>;

export type StartAction = ActionCommand<'StartAction', { startedOn: string }>;

export type ReportProgress = ActionCommand<
  'ReportProgress',
  { percent: number; note: string; reportedOn: string }
>;

export type RescheduleAction = ActionCommand<
  'RescheduleAction',
  /** `decidedOn`: when the slip was decided (default: when it is recorded). */
  { dueDate: string; reason: string; decidedOn?: string }
>;

export type CompleteAction = ActionCommand<
  'CompleteAction',
  { completedOn: string; evidence: string }
>;

export type CancelAction = ActionCommand<'CancelAction', { reason: string; decidedOn?: string }>;

export type SetTrajectory = DomainCommand<
  'SetTrajectory',
  { planId: string; indicatorId: string; points: TrajectoryPoint[] }
>;

export type RecoveryPlanCommand =
  | CreatePlan
  | AddAction
  | StartAction
  | ReportProgress
  | RescheduleAction
  | CompleteAction
  | CancelAction
  | SetTrajectory;

export type RecoveryPlanCommandType = RecoveryPlanCommand['type'];
