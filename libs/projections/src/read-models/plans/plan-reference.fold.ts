import type { ProjectedEvent } from '../../runner/projection.js';
import type { TimeTravel } from '../../time-travel/time-travel.js';
import { isKnown, isQualifying } from './fact-times.js';
import { planFactsOf } from './plan-facts.js';
import {
  filterRecoveryActions,
  foldRecoveryActions,
  type RecoveryActionFilter,
  type RecoveryActionView,
} from './recovery-action.fold.js';
import {
  foldRecoveryPlan,
  foldTrajectoryVersusActual,
  latestTrajectoryOf,
  type QualifyingFigure,
  type RecoveryPlanView,
  type TrajectoryVersusActual,
} from './recovery-plan.fold.js';

/**
 * From-scratch folds over the whole raw log, for checking the queries: each picks the
 * qualifying events itself, with no table and no index in between.
 */
export function referenceRecoveryActions(
  events: readonly ProjectedEvent[],
  tt: TimeTravel,
  filter: RecoveryActionFilter = {},
): RecoveryActionView[] {
  const facts = planFactsOf(events);
  const added = facts.actions.filter((a) => isKnown(a, tt));
  const changes = facts.changes.filter((c) => isQualifying(c, tt));
  return filterRecoveryActions(foldRecoveryActions(added, changes, tt.asOf), filter);
}

export function referencePlan(
  events: readonly ProjectedEvent[],
  tt: TimeTravel,
  planId: string,
): RecoveryPlanView | undefined {
  const facts = planFactsOf(events);
  const created = facts.plans.filter((p) => p.planId === planId && isKnown(p, tt));
  const sets = facts.trajectories.filter((t) => t.planId === planId && isKnown(t, tt));
  return foldRecoveryPlan(created, referenceRecoveryActions(events, tt, { planId }), sets);
}

/** `figures` are the indicator's qualifying figures at `tt`, as the indicators read model gives them. */
export function referenceTrajectoryVersusActual(
  events: readonly ProjectedEvent[],
  tt: TimeTravel,
  indicatorId: string,
  figures: readonly QualifyingFigure[],
): TrajectoryVersusActual | undefined {
  const sets = planFactsOf(events).trajectories.filter((t) => isKnown(t, tt));
  return foldTrajectoryVersusActual(latestTrajectoryOf(sets, indicatorId), figures, tt.asOf);
}
