import type { DomainEvent } from '../shared/decider.js';
import { listOfAll } from '../shared/type-list.js';

export type ConfidenceSurveyRecorded = DomainEvent<
  'ConfidenceSurveyRecorded',
  { surveyId: string; date: string; respondents: number; confidentPercent: number }
>;

export type TrainingRecorded = DomainEvent<
  'TrainingRecorded',
  { trainingId: string; date: string; topic: string; attendees: number }
>;

export type SupportMeasureRecorded = DomainEvent<
  'SupportMeasureRecorded',
  { measureId: string; date: string; title: string; description: string }
>;

export type WorkforceEvent = ConfidenceSurveyRecorded | TrainingRecorded | SupportMeasureRecorded;

export type WorkforceEventType = WorkforceEvent['type'];

export const WORKFORCE_EVENT_TYPES = listOfAll<WorkforceEventType>()([
  'ConfidenceSurveyRecorded',
  'TrainingRecorded',
  'SupportMeasureRecorded',
]);
