import type { ReadModelArea } from '../read-model-area.js';
import { PlanFacts1764300000000 } from './1764300000000-plan-facts.migration.js';
import { PLAN_ENTITIES } from './plan-facts.entity.js';
import { planFactsProjection } from './plan-facts.projection.js';

/** The plans read models: entities, migrations, projections. */
export const plansReadModels: ReadModelArea = {
  entities: PLAN_ENTITIES,
  migrations: [PlanFacts1764300000000],
  projections: [planFactsProjection],
};

export { recoveryActions, recoveryPlan } from './recovery-plan.query.js';
export { trajectoryVersusActual, type FiguresSource } from './trajectory-versus-actual.query.js';
export {
  referencePlan,
  referenceRecoveryActions,
  referenceTrajectoryVersusActual,
} from './plan-reference.fold.js';
export type {
  RecoveryActionFilter,
  RecoveryActionStatus,
  RecoveryActionView,
  PlanProgress,
  Progress,
} from './recovery-action.fold.js';
export type {
  QualifyingFigure,
  RecoveryPlanView,
  TrajectoryVersusActual,
} from './recovery-plan.fold.js';
export { foldTrajectoryVersusActual } from './recovery-plan.fold.js';
