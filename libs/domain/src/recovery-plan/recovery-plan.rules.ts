import { ActionNotFound, PlanNotFound } from './recovery-plan.errors.js';
import type { CreatedPlan, RecoveryActionState, RecoveryPlanState } from './recovery-plan.state.js';

export const requirePlan = (state: RecoveryPlanState, planId: string): CreatedPlan => {
  if (state.status !== 'created') throw new PlanNotFound(planId);
  return state;
};

export const requireAction = (
  state: RecoveryPlanState,
  planId: string,
  actionId: string,
): { plan: CreatedPlan; action: RecoveryActionState } => {
  const plan = requirePlan(state, planId);
  const action = plan.actions.get(actionId);
  if (!action) throw new ActionNotFound(actionId);
  return { plan, action };
};
