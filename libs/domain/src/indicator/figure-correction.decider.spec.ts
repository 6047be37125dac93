import { deciderSpec } from '@rm/testing';
import {
  CorrectionIdConflict,
  CorrectionReasonRequired,
  FigureNotFound,
  IndicatorNotFound,
  indicatorDecider,
  InvalidValueForUnit,
  type FigureCorrected,
} from '../index.js';
import { command, legacyCrimesRegistered, legacyFigure604 } from '../testing/indicator.fixtures.js';

const spec = deciderSpec(indicatorDecider);

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

describe('figure correction decider', () => {
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
            data: {
              ...corrected617.data,
              value: 604,
              previousValue: 617,
              reason: 'The 13 were duplicates',
            },
          },
        ]);
    });

    it('is a no-op when the value and reason equal the latest correction', () => {
      spec
        .given([...given, corrected617])
        .when(correct())
        .thenNothing();
    });

    it('is a no-op when the value equals the current value', () => {
      spec
        .given(given)
        .when(correct({ value: 604 }))
        .thenNothing();
    });

    it('is a no-op when a correction id is repeated with the same content', () => {
      const withId = {
        type: 'FigureCorrected',
        data: { ...corrected617.data, correctionId: 'cor-1' },
      } as const;
      const back = { ...withId.data, correctionId: 'cor-2', value: 604, previousValue: 617 };
      spec
        .given([...given, withId, { type: 'FigureCorrected', data: back }])
        .when(correct({ correctionId: 'cor-1' }))
        .thenNothing();
    });

    it('refuses a correction id reused for different content', () => {
      const withId = {
        type: 'FigureCorrected',
        data: { ...corrected617.data, correctionId: 'cor-1' },
      } as const;
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
      spec
        .given(given)
        .when(correct({ reason: '' }))
        .thenThrows(CorrectionReasonRequired, { field: 'reason' });
    });

    it('validates the value for the unit', () => {
      spec
        .given(given)
        .when(correct({ value: 617.5 }))
        .thenThrows(InvalidValueForUnit, { field: 'value' });
    });
  });
});
