export * from './runner/projection.js';
export * from './runner/checkpoints.js';
export * from './runner/projection-faults.js';
export * from './runner/lease.js';
export * from './runner/projection-runner.js';
export * from './runner/group-leases.js';
export * from './runner/projection-groups.js';
export * from './database/read-database.js';
export * from './time-travel/time-travel.js';
export * from './read-models/read-model-area.js';
export { READ_MODEL_SCHEMA, ALL_PROJECTIONS, PROJECTION_GROUPS } from './read-models/registry.js';
export { insertRows } from './read-models/core/insert-rows.js';
export * from './database/generations.js';
export * from './rebuild/rebuild.js';
export { vacuumAnalyze } from './rebuild/bulk-load.js';
export {
  recoveryActions, recoveryPlan, trajectoryVersusActual, referencePlan, referenceRecoveryActions, referenceTrajectoryVersusActual,
  type FiguresSource, type RecoveryActionFilter, type RecoveryActionStatus, type RecoveryActionView, type PlanProgress, type Progress,
  type RecoveryPlanView, type TrajectoryVersusActual,
} from './read-models/plans/index.js';
export * from './read-models/partners/index.js';
export * from './read-models/workforce/index.js';
export * from './read-models/indicators/index.js';
export * from './read-models/scorecard/index.js';
export * from './read-models/trends/index.js';
export { indicatorTargetDates, referenceTargetDates } from './read-models/plans/target-dates.query.js';
export * from './read-models/changes/index.js';
