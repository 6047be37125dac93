import { deciderSpec } from '@rm/testing';
import {
  EffectiveTimeInFuture,
  InvalidAttendees,
  InvalidConfidentPercent,
  InvalidRespondents,
  RequiredTextMissing,
  workforceDecider,
  WorkforceRecordIdConflict,
  type WorkforceCommand,
  type WorkforceEvent,
} from '../index.js';
import { commandBuilder } from '../testing/commands.fixtures.js';

const spec = deciderSpec(workforceDecider);
const command = commandBuilder<WorkforceCommand>();

// No survey figures were published: these are demo assumptions.
const survey = {
  surveyId: 'pulse-2019-11',
  date: '2019-11-08',
  respondents: 1250,
  confidentPercent: 31,
};
const training = {
  trainingId: 'pw-search-1',
  date: '2019-11-12',
  topic: 'PoliceWorks name searches',
  attendees: 48,
};
const measure = {
  measureId: 'floorwalkers',
  date: '2019-10-14',
  title: 'Floorwalkers in every division',
  description: 'Super-users on each shift to help officers with PoliceWorks',
};

const surveyed: WorkforceEvent = { type: 'ConfidenceSurveyRecorded', data: survey };
const trained: WorkforceEvent = { type: 'TrainingRecorded', data: training };
const supported: WorkforceEvent = { type: 'SupportMeasureRecorded', data: measure };

const recordSurvey = (changes: object = {}) =>
  command('RecordConfidenceSurvey', { ...survey, ...changes });
const recordTraining = (changes: object = {}) =>
  command('RecordTraining', { ...training, ...changes });
const recordMeasure = (changes: object = {}) =>
  command('RecordSupportMeasure', { ...measure, ...changes });

describe('workforce decider', () => {
  describe('RecordConfidenceSurvey', () => {
    it('records a survey', () => {
      spec.given([trained]).when(recordSurvey()).then([surveyed]).andRepeatingIsANoOp();
    });

    it('is a no-op when the same survey is sent again', () => {
      spec.given([surveyed]).when(recordSurvey()).thenNothing();
    });

    it('refuses a survey id reused for different content', () => {
      spec
        .given([surveyed])
        .when(recordSurvey({ confidentPercent: 35 }))
        .thenThrows(WorkforceRecordIdConflict, {
          field: 'surveyId',
          code: 'WORKFORCE.ID_CONFLICT',
        });
    });

    it.each([0, -5, 12.5])('refuses %d respondents', (respondents) => {
      spec
        .when(recordSurvey({ respondents }))
        .thenThrows(InvalidRespondents, { field: 'respondents' });
    });

    it.each([-1, 101])('refuses %d percent confident', (confidentPercent) => {
      spec
        .when(recordSurvey({ confidentPercent }))
        .thenThrows(InvalidConfidentPercent, { field: 'confidentPercent' });
    });

    it('refuses a date after the moment of recording', () => {
      spec
        .when(recordSurvey({ date: '2019-12-01' }))
        .thenThrows(EffectiveTimeInFuture, { field: 'date' });
    });
  });

  describe('RecordTraining', () => {
    it('records a training session', () => {
      spec.given([surveyed]).when(recordTraining()).then([trained]).andRepeatingIsANoOp();
    });

    it('records a session nobody attended', () => {
      spec
        .when(recordTraining({ attendees: 0 }))
        .then([{ type: 'TrainingRecorded', data: { ...training, attendees: 0 } }]);
    });

    it('is a no-op when the same session is sent again', () => {
      spec.given([trained]).when(recordTraining()).thenNothing();
    });

    it('refuses a training id reused for different content', () => {
      spec
        .given([trained])
        .when(recordTraining({ attendees: 50 }))
        .thenThrows(WorkforceRecordIdConflict, { field: 'trainingId' });
    });

    it.each([-1, 2.5])('refuses %d attendees', (attendees) => {
      spec.when(recordTraining({ attendees })).thenThrows(InvalidAttendees, { field: 'attendees' });
    });

    it('needs a topic', () => {
      spec.when(recordTraining({ topic: '' })).thenThrows(RequiredTextMissing, { field: 'topic' });
    });

    it('refuses a date after the moment of recording', () => {
      spec
        .when(recordTraining({ date: '2019-11-16' }))
        .thenThrows(EffectiveTimeInFuture, { field: 'date' });
    });
  });

  describe('RecordSupportMeasure', () => {
    it('records a support measure', () => {
      spec.when(recordMeasure()).then([supported]).andRepeatingIsANoOp();
    });

    it('is a no-op when the same measure is sent again', () => {
      spec.given([supported]).when(recordMeasure()).thenNothing();
    });

    it('refuses a measure id reused for different content', () => {
      spec
        .given([supported])
        .when(recordMeasure({ title: 'Floorwalkers' }))
        .thenThrows(WorkforceRecordIdConflict, { field: 'measureId' });
    });

    it('keeps ids of different record types apart', () => {
      const sameId = { ...training, trainingId: 'floorwalkers' };
      spec
        .given([supported])
        .when(recordTraining(sameId))
        .then([{ type: 'TrainingRecorded', data: sameId }]);
    });

    it('needs a description', () => {
      spec
        .when(recordMeasure({ description: ' ' }))
        .thenThrows(RequiredTextMissing, { field: 'description' });
    });

    it('refuses a date after the moment of recording', () => {
      spec
        .when(recordMeasure({ date: '2020-01-01' }))
        .thenThrows(EffectiveTimeInFuture, { field: 'date' });
    });
  });
});
