import { deciderSpec } from '@rm/testing';
import {
  EffectiveTimeInFuture,
  FigureIdConflict,
  IndicatorNotFound,
  indicatorDecider,
  InvalidDate,
  InvalidValueForUnit,
  RequiredTextMissing,
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
        .thenThrows(EffectiveTimeInFuture, {
          field: 'effectiveAt',
          code: 'EFFECTIVE_TIME.IN_FUTURE',
        });
    });

    it('counts a plain date as the start of that day', () => {
      spec
        .given([daRegistered])
        .when(record({ effectiveAt: '2019-11-16' }, '2019-11-15T23:56:00Z'))
        .then([
          { type: 'FigureRecorded', data: { ...daFigure686.data, effectiveAt: '2019-11-16' } },
        ]);
      spec
        .given([daRegistered])
        .when(record({ effectiveAt: '2019-11-16' }, '2019-11-15T23:54:00Z'))
        .thenThrows(EffectiveTimeInFuture);
    });

    it.each(['28/10/2019', '2019-10-28T10:00:00', '2019-13-01', 'yesterday'])(
      'refuses the effective time %j',
      (effectiveAt) => {
        spec
          .given([daRegistered])
          .when(record({ effectiveAt }))
          .thenThrows(InvalidDate, { field: 'effectiveAt' });
      },
    );

    it('needs a source', () => {
      spec
        .given([daRegistered])
        .when(record({ source: '' }))
        .thenThrows(RequiredTextMissing, { field: 'source' });
    });
  });
});
