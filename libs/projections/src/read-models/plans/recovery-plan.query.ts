import type { ReadDb } from '../../runner/projection.js';
import type { TimeTravel } from '../../time-travel/time-travel.js';
import {
  knownActions,
  knownPlans,
  latestKnownTrajectories,
  qualifyingChanges,
} from './plan-facts.query.js';
import {
  filterRecoveryActions,
  foldRecoveryActions,
  type RecoveryActionFilter,
  type RecoveryActionView,
} from './recovery-action.fold.js';
import { foldRecoveryPlan, type RecoveryPlanView } from './recovery-plan.fold.js';

/** Every known action (of one plan, or with one status) as it stood at `tt`. */
export async function recoveryActions(
  db: ReadDb,
  tt: TimeTravel,
  filter: RecoveryActionFilter = {},
): Promise<RecoveryActionView[]> {
  const [added, changes] = await Promise.all([knownActions(db, tt, filter.planId), qualifyingChanges(db, tt, filter.planId)]);
  return filterRecoveryActions(foldRecoveryActions(added, changes, tt.asOf), filter);
}

/** A plan with its actions, progress and latest trajectories at `tt`; undefined when not yet known. */
export async function recoveryPlan(
  db: ReadDb,
  tt: TimeTravel,
  planId: string,
): Promise<RecoveryPlanView | undefined> {
  const created = await knownPlans(db, tt, planId);
  if (created.length === 0) return undefined;
  const actions = await recoveryActions(db, tt, { planId });
  return foldRecoveryPlan(created, actions, await latestKnownTrajectories(db, tt, { planId }));
}
