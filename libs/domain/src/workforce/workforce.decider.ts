import { unknownCommand, type Decider } from '../shared/decider.js';
import { jsonEqual } from '../shared/json-equal.js';
import { PersistentMap } from '../shared/persistent-map.js';
import { requireEffectiveTime } from '../shared/time.js';
import { isNonNegativeInteger, isPercent, requireText } from '../shared/validation.js';
import type {
  RecordConfidenceSurvey,
  RecordSupportMeasure,
  RecordTraining,
  WorkforceCommand,
} from './workforce.commands.js';
import {
  InvalidAttendees,
  InvalidConfidentPercent,
  InvalidRespondents,
  WorkforceRecordIdConflict,
} from './workforce.errors.js';
import type { WorkforceEvent } from './workforce.events.js';

/** Everything recorded, keyed by `<event type>:<id>`, for idempotency per id. */
export type WorkforceState = { records: PersistentMap<WorkforceEvent> };

const idOf = (event: WorkforceEvent): [field: string, id: string] => {
  switch (event.type) {
    case 'ConfidenceSurveyRecorded':
      return ['surveyId', event.data.surveyId];
    case 'TrainingRecorded':
      return ['trainingId', event.data.trainingId];
    case 'SupportMeasureRecorded':
      return ['measureId', event.data.measureId];
  }
};

const keyOf = (event: WorkforceEvent): string => `${event.type}:${idOf(event)[1]}`;

const initialState = (): WorkforceState => ({ records: PersistentMap.empty() });

const evolve = (state: WorkforceState, event: WorkforceEvent): WorkforceState =>
  state.records.has(keyOf(event)) ? state : { records: state.records.set(keyOf(event), event) };

const once = (event: WorkforceEvent, state: WorkforceState): WorkforceEvent[] => {
  const existing = state.records.get(keyOf(event));
  if (!existing) return [event];
  if (jsonEqual(existing, event)) return [];
  throw new WorkforceRecordIdConflict(...idOf(event));
};

export const recordConfidenceSurvey = (
  { data, now }: RecordConfidenceSurvey,
  state: WorkforceState,
) => {
  const respondents = data.respondents;
  if (!isNonNegativeInteger(respondents) || respondents < 1)
    throw new InvalidRespondents(respondents);
  if (!isPercent(data.confidentPercent)) throw new InvalidConfidentPercent(data.confidentPercent);
  requireEffectiveTime(data.date, 'date', now);
  const surveyId = requireText(data.surveyId, 'surveyId');
  const { date, confidentPercent } = data;
  const event: WorkforceEvent = {
    type: 'ConfidenceSurveyRecorded',
    data: { surveyId, date, respondents, confidentPercent },
  };
  return once(event, state);
};

export const recordTraining = ({ data, now }: RecordTraining, state: WorkforceState) => {
  if (!isNonNegativeInteger(data.attendees)) throw new InvalidAttendees(data.attendees);
  requireEffectiveTime(data.date, 'date', now);
  const trainingId = requireText(data.trainingId, 'trainingId');
  const topic = requireText(data.topic, 'topic');
  const event: WorkforceEvent = {
    type: 'TrainingRecorded',
    data: { trainingId, date: data.date, topic, attendees: data.attendees },
  };
  return once(event, state);
};

export const recordSupportMeasure = (
  { data, now }: RecordSupportMeasure,
  state: WorkforceState,
) => {
  requireEffectiveTime(data.date, 'date', now);
  const event: WorkforceEvent = {
    type: 'SupportMeasureRecorded',
    data: {
      measureId: requireText(data.measureId, 'measureId'),
      date: data.date,
      title: requireText(data.title, 'title'),
      description: requireText(data.description, 'description'),
    },
  };
  return once(event, state);
};

const decide = (command: WorkforceCommand, state: WorkforceState): WorkforceEvent[] => {
  switch (command.type) {
    case 'RecordConfidenceSurvey':
      return recordConfidenceSurvey(command, state);
    case 'RecordTraining':
      return recordTraining(command, state);
    case 'RecordSupportMeasure':
      return recordSupportMeasure(command, state);
    default:
      return unknownCommand(command);
  }
};

/** One stream per organisation: `workforceStream()`. */
export const workforceDecider: Decider<WorkforceCommand, WorkforceEvent, WorkforceState> = {
  initialState,
  evolve,
  decide,
};
