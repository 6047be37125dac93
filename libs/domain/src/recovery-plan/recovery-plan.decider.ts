import { unknownCommand, type Decider } from '../shared/decider.js';
import { jsonEqual } from '../shared/json-equal.js';
import { requireDate } from '../shared/time.js';
import { requireQuestions, requireSlug, requireSlugs, requireText } from '../shared/validation.js';
import {
  cancelAction,
  completeAction,
  reportProgress,
  rescheduleAction,
  startAction,
} from './recovery-action.decider.js';
import type { AddAction, CreatePlan, RecoveryPlanCommand } from './recovery-plan.commands.js';
import { ActionAlreadyExists, PlanAlreadyCreated } from './recovery-plan.errors.js';
import type {
  RecoveryActionAdded,
  RecoveryPlanCreated,
  RecoveryPlanEvent,
} from './recovery-plan.events.js';
import { requirePlan } from './recovery-plan.rules.js';
import {
  evolveRecoveryPlan,
  initialRecoveryPlanState,
  type RecoveryPlanState,
} from './recovery-plan.state.js';
import { setTrajectory } from './trajectory.decider.js';

export const createPlan = (
  { data }: CreatePlan,
  state: RecoveryPlanState,
): RecoveryPlanCreated[] => {
  requireDate(data.targetDate, 'targetDate');
  const created: RecoveryPlanCreated['data'] = {
    planId: requireSlug(data.id, 'id'),
    title: requireText(data.title, 'title'),
    objective: requireText(data.objective, 'objective'),
    targetDate: data.targetDate,
  };
  if (state.status === 'none') return [{ type: 'RecoveryPlanCreated', data: created }];
  if (jsonEqual(state.created, created)) return [];
  throw new PlanAlreadyCreated(created.planId);
};

export const addAction = ({ data }: AddAction, state: RecoveryPlanState): RecoveryActionAdded[] => {
  const plan = requirePlan(state, data.planId);
  requireDate(data.dueDate, 'dueDate');
  const added: RecoveryActionAdded['data'] = {
    planId: plan.created.planId,
    actionId: requireText(data.actionId, 'actionId'),
    title: requireText(data.title, 'title'),
    owner: requireText(data.owner, 'owner'),
    dueDate: data.dueDate,
    indicators: requireSlugs(data.indicators, 'indicators'),
    questions: requireQuestions(data.questions, 'questions', false),
    successMeasure: requireText(data.successMeasure, 'successMeasure'),
  };
  const existing = plan.actions.get(added.actionId);
  if (!existing) return [{ type: 'RecoveryActionAdded', data: added }];
  if (jsonEqual(existing.added, added)) return [];
  throw new ActionAlreadyExists(added.actionId);
};

const decide = (command: RecoveryPlanCommand, state: RecoveryPlanState): RecoveryPlanEvent[] => {
  switch (command.type) {
    case 'CreatePlan':
      return createPlan(command, state);
    case 'AddAction':
      return addAction(command, state);
    case 'StartAction':
      return startAction(command, state);
    case 'ReportProgress':
      return reportProgress(command, state);
    case 'RescheduleAction':
      return rescheduleAction(command, state);
    case 'CompleteAction':
      return completeAction(command, state);
    case 'CancelAction':
      return cancelAction(command, state);
    case 'SetTrajectory':
      return setTrajectory(command, state);
    default:
      return unknownCommand(command);
  }
};

/** One stream per plan: `recoveryPlanStream(id)`. */
export const recoveryPlanDecider: Decider<
  RecoveryPlanCommand,
  RecoveryPlanEvent,
  RecoveryPlanState
> = {
  initialState: initialRecoveryPlanState,
  evolve: evolveRecoveryPlan,
  decide,
};
