import type { DomainCommand } from '../shared/decider.js';

export type RecordConfidenceSurvey = DomainCommand<
  'RecordConfidenceSurvey',
  { surveyId: string; date: string; respondents: number; confidentPercent: number }
>;

export type RecordTraining = DomainCommand<
  'RecordTraining',
  { trainingId: string; date: string; topic: string; attendees: number }
>;

export type RecordSupportMeasure = DomainCommand<
  'RecordSupportMeasure',
  { measureId: string; date: string; title: string; description: string }
>;

export type WorkforceCommand = RecordConfidenceSurvey | RecordTraining | RecordSupportMeasure;

export type WorkforceCommandType = WorkforceCommand['type'];
