import { deciderSpec } from '@rm/testing';
import {
  CorrectionIdConflict,
  CorrectionReasonRequired,
  EffectiveTimeInFuture,
  FigureIdConflict,
  FigureNotFound,
  IndicatorNotFound,
  indicatorDecider,
  InvalidDate,
  InvalidValueForUnit,
  RequiredTextMissing,
  type FigureCorrected,
  type IndicatorRegistered,
} from '../index.js';
import {
  answerTimeRegistered,
  command,
  daFigure686,
  daRegistered,
  legacyCrimesRegistered,
  legacyFigure604,
  maracReferralsRegistered,
  recordingRateRegistered,
} from '../testing/indicator.fixtures.js';

const spec = deciderSpec(indicatorDecider);

const record = (changes: object = {}, now?: string) =>
  command('RecordFigure', { ...daFigure686.data, ...changes }, now);

const correct = (changes: object = {}) =>
  command('CorrectFigure', {
    indicatorId: 'legacy-crimes-not-migrated',
    figureId: 'fig-2019-10-21',
    value: 617,
    reason: 'Second reconciliation run found 13 more unmigrated crimes',
    ...changes,
  });

const corrected617: FigureCorrected = {
  type: 'FigureCorrected',
  data: {
    indicatorId: 'legacy-crimes-not-migrated',
    figureId: 'fig-2019-10-21',
    value: 617,
    previousValue: 604,
    effectiveAt: '2019-10-21T16:30:00Z',
    reason: 'Second reconciliation run found 13 more unmigrated crimes',
  },
};

describe('figure decider', () => {
  describe('RecordFigure', () => {
    it('records the 686 incidents awaiting risk assessment', () => {
      spec.given([daRegistered]).when(record()).then([daFigure686]).andRepeatingIsANoOp();
    });

    it('keeps an optional note', () => {
      spec
        .given([legacyCrimesRegistered])
        .when(command('RecordFigure', legacyFigure604.data))
        .then([legacyFigure604]);
    });

    it('refuses an unregistered indicator', () => {
      spec.when(record()).thenThrows(IndicatorNotFound, { code: 'INDICATOR.NOT_FOUND' });
    });

    it('is a no-op when the same figure id is sent again with the same content', () => {
      spec.given([daRegistered, daFigure686]).when(record()).thenNothing();
    });

    it('refuses a figure id already used for different content', () => {
      spec
        .given([daRegistered, daFigure686])
        .when(record({ value: 690 }))
        .thenThrows(FigureIdConflict, { kind: 'rule', field: 'figureId' });
    });

    it.each<[IndicatorRegistered, number]>([
      [daRegistered, -1],
      [daRegistered, 686.5],
      [recordingRateRegistered, 100.01],
      [recordingRateRegistered, -0.1],
      [answerTimeRegistered, -1],
      [maracReferralsRegistered, Number.POSITIVE_INFINITY],
      [maracReferralsRegistered, Number.NaN],
    ])('refuses a value invalid for the unit (%#)', (registered, value) => {
      const { indicatorId } = registered.data;
      spec
        .given([registered])
        .when(record({ indicatorId, value }))
        .thenThrows(InvalidValueForUnit, { field: 'value', kind: 'validation' });
    });

    it.each<[IndicatorRegistered, number]>([
      [recordingRateRegistered, 77.7],
      [recordingRateRegistered, 100],
      [answerTimeRegistered, 48.5],
      [maracReferralsRegistered, 0],
    ])('accepts a value valid for the unit (%#)', (registered, value) => {
      const { indicatorId } = registered.data;
      spec
        .given([registered])
        .when(record({ indicatorId, value }))
        .then([{ type: 'FigureRecorded', data: { ...daFigure686.data, indicatorId, value } }]);
    });

    it('accepts an effective time within the clock-skew allowance', () => {
      const effectiveAt = '2019-11-15T09:04:59Z';
      spec
        .given([daRegistered])
        .when(record({ effectiveAt }))
        .then([{ type: 'FigureRecorded', data: { ...daFigure686.data, effectiveAt } }]);
    });

    it('refuses an effective time after the moment of recording', () => {
      spec
        .given([daRegistered])
        .when(record({ effectiveAt: '2019-11-15T09:05:01Z' }))
        .thenThrows(EffectiveTimeInFuture, { field: 'effectiveAt', code: 'EFFECTIVE_TIME.IN_FUTURE' });
    });

    it('counts a plain date as the start of that day', () => {
      spec
        .given([daRegistered])
        .when(record({ effectiveAt: '2019-11-16' }, '2019-11-15T23:56:00Z'))
        .then([{ type: 'FigureRecorded', data: { ...daFigure686.data, effectiveAt: '2019-11-16' } }]);
      spec
        .given([daRegistered])
        .when(record({ effectiveAt: '2019-11-16' }, '2019-11-15T23:54:00Z'))
        .thenThrows(EffectiveTimeInFuture);
    });

    it.each(['28/10/2019', '2019-10-28T10:00:00', '2019-13-01', 'yesterday'])(
      'refuses the effective time %j',
      (effectiveAt) => {
        spec.given([daRegistered]).when(record({ effectiveAt })).thenThrows(InvalidDate, { field: 'effectiveAt' });
      },
    );

    it('needs a source', () => {
      spec.given([daRegistered]).when(record({ source: '' })).thenThrows(RequiredTextMissing, { field: 'source' });
    });
  });

  describe('CorrectFigure', () => {
    const given = [legacyCrimesRegistered, legacyFigure604];

    it('corrects a figure from its own effective time', () => {
      spec.given(given).when(correct()).then([corrected617]).andRepeatingIsANoOp();
    });

    it('keeps the correction id when one is given', () => {
      spec
        .given(given)
        .when(correct({ correctionId: 'cor-1' }))
        .then([{ type: 'FigureCorrected', data: { ...corrected617.data, correctionId: 'cor-1' } }])
        .andRepeatingIsANoOp();
    });

    it('corrects a corrected figure again, from its latest value', () => {
      spec
        .given([...given, corrected617])
        .when(correct({ value: 604, reason: 'The 13 were duplicates' }))
        .then([
          {
            type: 'FigureCorrected',
            data: { ...corrected617.data, value: 604, previousValue: 617, reason: 'The 13 were duplicates' },
          },
        ]);
    });

    it('is a no-op when the value and reason equal the latest correction', () => {
      spec.given([...given, corrected617]).when(correct()).thenNothing();
    });

    it('is a no-op when the value equals the current value', () => {
      spec.given(given).when(correct({ value: 604 })).thenNothing();
    });

    it('is a no-op when a correction id is repeated with the same content', () => {
      const withId = { type: 'FigureCorrected', data: { ...corrected617.data, correctionId: 'cor-1' } } as const;
      const back = { ...withId.data, correctionId: 'cor-2', value: 604, previousValue: 617 };
      spec
        .given([...given, withId, { type: 'FigureCorrected', data: back }])
        .when(correct({ correctionId: 'cor-1' }))
        .thenNothing();
    });

    it('refuses a correction id reused for different content', () => {
      const withId = { type: 'FigureCorrected', data: { ...corrected617.data, correctionId: 'cor-1' } } as const;
      spec
        .given([...given, withId])
        .when(correct({ correctionId: 'cor-1', value: 620 }))
        .thenThrows(CorrectionIdConflict, { field: 'correctionId' });
    });

    it('refuses a figure that does not exist', () => {
      spec
        .given(given)
        .when(correct({ figureId: 'fig-2019-10-22' }))
        .thenThrows(FigureNotFound, { kind: 'not-found', code: 'FIGURE.NOT_FOUND' });
    });

    it('refuses an unregistered indicator', () => {
      spec.when(correct()).thenThrows(IndicatorNotFound);
    });

    it('needs a reason', () => {
      spec.given(given).when(correct({ reason: '' })).thenThrows(CorrectionReasonRequired, { field: 'reason' });
    });

    it('validates the value for the unit', () => {
      spec.given(given).when(correct({ value: 617.5 })).thenThrows(InvalidValueForUnit, { field: 'value' });
    });
  });
});
