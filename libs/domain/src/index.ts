export * from './shared/decider.js';
export * from './shared/domain-error.js';
export * from './shared/shared.errors.js';
export * from './shared/stream-names.js';
export { CLOCK_SKEW_ALLOWANCE_MS, EARLIEST_DATE, EARLIEST_DATE_MS, isPlainDate, LATEST_PLANNED_DATE, LATEST_PLANNED_DATE_MS, toEpochMs, toInstant } from './shared/time.js';
export { INSPECTION_QUESTIONS, type InspectionQuestion } from './shared/validation.js';
export { PersistentMap } from './shared/persistent-map.js';
export * from './domain.events.js';
export { DEFAULT_SCORECARD_RULES, type ScorecardRules } from './scorecard/scorecard.rules.js';

export * from './indicator/indicator.events.js';
export * from './indicator/indicator.commands.js';
export * from './indicator/indicator.errors.js';
export * from './indicator/threshold.errors.js';
export type {
  FigureState,
  IndicatorState,
  RegisteredIndicator,
  ThresholdState,
} from './indicator/indicator.state.js';
export { indicatorDecider } from './indicator/indicator.decider.js';

export * from './backlog-item/backlog-item.events.js';
export * from './backlog-item/backlog-item.commands.js';
export * from './backlog-item/backlog-item.errors.js';
export type { BacklogItemState } from './backlog-item/backlog-item.state.js';
export {
  backlogItemDecider,
  backlogItemDeciderFrom,
  itemFeedCommands,
  olderItemStates,
} from './backlog-item/backlog-item.decider.js';

export * from './recovery-plan/recovery-plan.events.js';
export * from './recovery-plan/recovery-plan.commands.js';
export * from './recovery-plan/recovery-plan.errors.js';
export type {
  CreatedPlan,
  RecoveryActionState,
  RecoveryPlanState,
} from './recovery-plan/recovery-plan.state.js';
export { recoveryPlanDecider } from './recovery-plan/recovery-plan.decider.js';

export * from './partner/partner.events.js';
export * from './partner/partner.commands.js';
export * from './partner/partner.errors.js';
export { partnerDecider, type PartnerState } from './partner/partner.decider.js';

export * from './workforce/workforce.events.js';
export * from './workforce/workforce.commands.js';
export * from './workforce/workforce.errors.js';
export { workforceDecider, type WorkforceState } from './workforce/workforce.decider.js';
