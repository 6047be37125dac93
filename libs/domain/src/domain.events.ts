import { INDICATOR_EVENT_TYPES, type IndicatorEvent } from './indicator/indicator.events.js';
import { PARTNER_EVENT_TYPES, type PartnerEvent } from './partner/partner.events.js';
import {
  RECOVERY_PLAN_EVENT_TYPES,
  type RecoveryPlanEvent,
} from './recovery-plan/recovery-plan.events.js';
import { toInstant } from './shared/time.js';
import { WORKFORCE_EVENT_TYPES, type WorkforceEvent } from './workforce/workforce.events.js';

/** Every event the domain emits. */
export type RecoveryMonitorEvent =
  IndicatorEvent | RecoveryPlanEvent | PartnerEvent | WorkforceEvent;

export type RecoveryMonitorEventType = RecoveryMonitorEvent['type'];

export const ALL_EVENT_TYPES: readonly RecoveryMonitorEventType[] = [
  ...INDICATOR_EVENT_TYPES,
  ...RECOVERY_PLAN_EVENT_TYPES,
  ...PARTNER_EVENT_TYPES,
  ...WORKFORCE_EVENT_TYPES,
];

const effectiveField = (event: RecoveryMonitorEvent): string | undefined => {
  switch (event.type) {
    case 'FigureRecorded':
    case 'FigureCorrected':
      return event.data.effectiveAt;
    case 'RiskAssessed':
      return event.data.assessedAt;
    case 'BacklogItemOpened':
    case 'BacklogItemGraded':
    case 'BacklogItemCleared':
      return event.data.at;
    case 'RecoveryActionStarted':
      return event.data.startedOn;
    case 'RecoveryActionProgressReported':
      return event.data.reportedOn;
    case 'RecoveryActionCompleted':
      return event.data.completedOn;
    case 'RecoveryActionRescheduled':
    case 'RecoveryActionCancelled':
      return event.data.decidedOn;
    case 'ThresholdSet':
      return event.data.inForceFrom;
    case 'PartnerEngagementRecorded':
    case 'ConfidenceSurveyRecorded':
    case 'TrainingRecorded':
    case 'SupportMeasureRecorded':
      return event.data.date;
    default:
      return undefined;
  }
};

/**
 * The effective time of an event as a UTC ISO instant (a plain date is the start of that
 * day), or `undefined` when the event has no date of its own and is effective when recorded.
 * A correction is effective from the time of the figure it corrects.
 */
export const effectiveTimeOf = (event: RecoveryMonitorEvent): string | undefined => {
  const field = effectiveField(event);
  return field === undefined ? undefined : toInstant(field);
};
