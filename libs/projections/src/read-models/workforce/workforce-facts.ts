import type {
  ConfidenceSurveyRecorded,
  SupportMeasureRecorded,
  TrainingRecorded,
} from '@rm/domain';
import type { ProjectedEvent } from '../../runner/projection.js';
import { timesOf, type FactTimes } from '../plans/fact-times.js';

export type SurveyFact = FactTimes & ConfidenceSurveyRecorded['data'];
export type TrainingFact = FactTimes & TrainingRecorded['data'];
export type SupportMeasureFact = FactTimes & SupportMeasureRecorded['data'];

export interface WorkforceFacts {
  surveys: SurveyFact[];
  trainings: TrainingFact[];
  measures: SupportMeasureFact[];
}

export const WORKFORCE_FACT_TYPES = [
  'ConfidenceSurveyRecorded',
  'TrainingRecorded',
  'SupportMeasureRecorded',
] as const;

/** The workforce facts in a list of events, in list order; other events are ignored. */
export function workforceFactsOf(events: readonly ProjectedEvent[]): WorkforceFacts {
  const facts: WorkforceFacts = { surveys: [], trainings: [], measures: [] };
  for (const e of events) {
    if (e.type === 'ConfidenceSurveyRecorded') {
      const { surveyId, date, respondents, confidentPercent } =
        e.data as ConfidenceSurveyRecorded['data'];
      facts.surveys.push({ ...timesOf(e), surveyId, date, respondents, confidentPercent });
    } else if (e.type === 'TrainingRecorded') {
      const { trainingId, date, topic, attendees } = e.data as TrainingRecorded['data'];
      facts.trainings.push({ ...timesOf(e), trainingId, date, topic, attendees });
    } else if (e.type === 'SupportMeasureRecorded') {
      const { measureId, date, title, description } = e.data as SupportMeasureRecorded['data'];
      facts.measures.push({ ...timesOf(e), measureId, date, title, description });
    }
  }
  return facts;
}
