import { deciderSpec } from '@rm/testing';
import {
  BaselinePeriodInvalid,
  BaselineRevisionReasonRequired,
  IndicatorAlreadyRegistered,
  IndicatorNotFound,
  indicatorDecider,
  InvalidDate,
  InvalidIdentifier,
  InvalidInspectionQuestions,
  InvalidOption,
  InvalidTolerance,
  InvalidValueForUnit,
  RequiredTextMissing,
  type IndicatorUnit,
  type RegisterIndicator,
} from '../index.js';
import {
  command,
  daFigure686,
  daRegistered,
  recordingRateRegistered,
  registerDaRiskAssessment,
} from '../testing/indicator.fixtures.js';

const spec = deciderSpec(indicatorDecider);

const registerWith = (changes: Partial<RegisterIndicator['data']>) =>
  command('RegisterIndicator', { ...registerDaRiskAssessment.data, ...changes });

describe('indicator registration decider', () => {
  describe('RegisterIndicator', () => {
    it('registers a new indicator', () => {
      spec.when(registerDaRiskAssessment).then([daRegistered]).andRepeatingIsANoOp();
    });

    it('treats an identical repeat as a no-op, even after figures', () => {
      spec.given([daRegistered, daFigure686]).when(registerDaRiskAssessment).thenNothing();
    });

    it('refuses the same id with different content', () => {
      spec
        .given([daRegistered])
        .when(registerWith({ tolerance: 25 }))
        .thenThrows(IndicatorAlreadyRegistered, { code: 'INDICATOR.ALREADY_REGISTERED' });
    });

    it.each(['DA-Risk', 'da risk', '', 'a'.repeat(65), 'da_risk'])('refuses id %j', (id) => {
      spec
        .when(registerWith({ id }))
        .thenThrows(InvalidIdentifier, { field: 'id', kind: 'validation' });
    });

    it('accepts a 64-character id', () => {
      const id = 'a'.repeat(64);
      spec
        .when(registerWith({ id }))
        .then([{ type: 'IndicatorRegistered', data: { ...daRegistered.data, indicatorId: id } }]);
    });

    it.each<[IndicatorUnit, number]>([
      ['count', 0.5],
      ['count', -1],
      ['percent', 100.1],
      ['seconds', -3],
      ['rate', Number.POSITIVE_INFINITY],
    ])('refuses a %s baseline of %d', (unit, value) => {
      const baseline = { ...daRegistered.data.baseline, value };
      spec
        .when(registerWith({ unit, baseline }))
        .thenThrows(InvalidValueForUnit, { field: 'baseline.value' });
    });

    it('refuses a negative tolerance', () => {
      spec
        .when(registerWith({ tolerance: -1 }))
        .thenThrows(InvalidTolerance, { field: 'tolerance' });
    });

    it.each<[number[], string]>([
      [[], 'questions'],
      [[1, 7], 'questions[1]'],
      [[2, 2], 'questions[1]'],
      [[0], 'questions[0]'],
    ])('refuses questions %j', (questions, field) => {
      spec.when(registerWith({ questions })).thenThrows(InvalidInspectionQuestions, { field });
    });

    it('refuses a baseline period that ends before it starts', () => {
      const baseline = { ...daRegistered.data.baseline, from: '2019-06-30', to: '2019-06-01' };
      spec
        .when(registerWith({ baseline }))
        .thenThrows(BaselinePeriodInvalid, { field: 'baseline.to' });
    });

    it('refuses an impossible baseline date', () => {
      const baseline = { ...daRegistered.data.baseline, from: '2019-02-30' };
      spec.when(registerWith({ baseline })).thenThrows(InvalidDate, { field: 'baseline.from' });
    });

    it('refuses an unknown unit', () => {
      const unit = 'pounds' as IndicatorUnit;
      spec.when(registerWith({ unit })).thenThrows(InvalidOption, { field: 'unit' });
    });

    it('refuses a blank name', () => {
      spec.when(registerWith({ name: '  ' })).thenThrows('FIELD.REQUIRED', { field: 'name' });
    });
  });

  describe('ReviseBaseline', () => {
    const revise = (changes: object = {}) =>
      command('ReviseBaseline', {
        indicatorId: 'crime-recording-rate',
        baseline: { value: 89.1, from: '2018-01-01', to: '2018-12-31', source: 'HMICFRS 2018' },
        reason: 'Baseline taken from the 2018 crime data integrity inspection',
        ...changes,
      });

    it('revises the baseline, keeping the tolerance when none is given', () => {
      spec
        .given([recordingRateRegistered])
        .when(revise())
        .then([
          {
            type: 'BaselineRevised',
            data: {
              indicatorId: 'crime-recording-rate',
              baseline: {
                value: 89.1,
                from: '2018-01-01',
                to: '2018-12-31',
                source: 'HMICFRS 2018',
              },
              tolerance: 10,
              previousBaseline: recordingRateRegistered.data.baseline,
              previousTolerance: 10,
              reason: 'Baseline taken from the 2018 crime data integrity inspection',
            },
          },
        ])
        .andRepeatingIsANoOp();
    });

    it('revises only the tolerance', () => {
      const baseline = recordingRateRegistered.data.baseline;
      spec
        .given([recordingRateRegistered])
        .when(revise({ baseline, tolerance: 2 }))
        .then([
          {
            type: 'BaselineRevised',
            data: {
              indicatorId: 'crime-recording-rate',
              baseline,
              tolerance: 2,
              previousBaseline: baseline,
              previousTolerance: 10,
              reason: 'Baseline taken from the 2018 crime data integrity inspection',
            },
          },
        ]);
    });

    it('is a no-op when baseline and tolerance are unchanged', () => {
      const { baseline, tolerance } = recordingRateRegistered.data;
      spec.given([recordingRateRegistered]).when(revise({ baseline, tolerance })).thenNothing();
    });

    it('refuses an unregistered indicator', () => {
      spec.when(revise()).thenThrows(IndicatorNotFound, { kind: 'not-found' });
    });

    it('needs a reason', () => {
      spec
        .given([recordingRateRegistered])
        .when(revise({ reason: ' ' }))
        .thenThrows(BaselineRevisionReasonRequired, { field: 'reason' });
    });

    it('validates the baseline value for the unit', () => {
      const baseline = { value: 120, from: '2018-01-01', to: '2018-12-31', source: 'HMICFRS 2018' };
      spec
        .given([recordingRateRegistered])
        .when(revise({ baseline }))
        .thenThrows(InvalidValueForUnit, { field: 'baseline.value' });
    });

    it('refuses a negative tolerance', () => {
      spec
        .given([recordingRateRegistered])
        .when(revise({ tolerance: -0.5 }))
        .thenThrows(InvalidTolerance);
    });

    it('refuses a blank baseline source', () => {
      const baseline = { ...recordingRateRegistered.data.baseline, source: '' };
      spec
        .given([recordingRateRegistered])
        .when(revise({ baseline }))
        .thenThrows(RequiredTextMissing, { field: 'baseline.source' });
    });
  });
});
