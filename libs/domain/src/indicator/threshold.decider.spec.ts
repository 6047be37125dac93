import { deciderSpec } from '@rm/testing';
import {
  IndicatorNotFound,
  indicatorDecider,
  InvalidOption,
  InvalidThresholdLimit,
  InvalidThresholdWindow,
  ThresholdAlreadySet,
  ThresholdNotFound,
  ThresholdWindowNotApplicable,
  ThresholdWindowRequired,
  type ThresholdRetired,
  type ThresholdSet,
} from '../index.js';
import { command, daRegistered, NOW } from '../testing/indicator.fixtures.js';
import { EffectiveTimeInFuture } from '../index.js';

const spec = deciderSpec(indicatorDecider);
const indicatorId = 'da-risk-assessment';

const set = (changes: object = {}) =>
  command('SetThreshold', {
    indicatorId,
    thresholdId: 'da-level',
    kind: 'level',
    limit: 50,
    ...changes,
  });

const retire = (changes: object = {}) =>
  command('RetireThreshold', { indicatorId, thresholdId: 'da-level', ...changes });

const levelSet: ThresholdSet = {
  type: 'ThresholdSet',
  data: { indicatorId, thresholdId: 'da-level', kind: 'level', limit: 50, inForceFrom: NOW },
};

const levelRetired: ThresholdRetired = {
  type: 'ThresholdRetired',
  data: { indicatorId, thresholdId: 'da-level', reason: 'Backlog cleared' },
};

describe('threshold decider', () => {
  describe('SetThreshold', () => {
    it('sets a level threshold', () => {
      spec.given([daRegistered]).when(set()).then([levelSet]).andRepeatingIsANoOp();
    });

    it('sets a growth threshold over a window', () => {
      const growth = { thresholdId: 'da-growth', kind: 'growth', limit: 20, windowDays: 7 };
      spec
        .given([daRegistered])
        .when(set(growth))
        .then([{ type: 'ThresholdSet', data: { indicatorId, ...growth, inForceFrom: NOW } }]);
    });

    it('sets an age threshold on items older than 30 days', () => {
      const age = { thresholdId: 'da-age-30', kind: 'age', limit: 0, windowDays: 30 };
      spec
        .given([daRegistered])
        .when(set(age))
        .then([{ type: 'ThresholdSet', data: { indicatorId, ...age, inForceFrom: NOW } }]);
    });

    it('is a no-op when the active threshold is set again identically', () => {
      spec.given([daRegistered, levelSet]).when(set()).thenNothing();
    });

    it('is in force from inForceFrom when given, and refuses one in the future', () => {
      const dated = { ...levelSet.data, inForceFrom: '2019-11-01' };
      spec.given([daRegistered]).when(set({ inForceFrom: '2019-11-01' })).then([{ type: 'ThresholdSet', data: dated }]).andRepeatingIsANoOp();
      spec.given([daRegistered]).when(set({ inForceFrom: '2099-01-01' })).thenThrows(EffectiveTimeInFuture, { field: 'inForceFrom' });
    });

    it('is a no-op when set again without inForceFrom on a later day, and refuses another inForceFrom', () => {
      spec.given([daRegistered, levelSet]).when({ ...set(), now: '2019-12-01T00:00:00.000Z' }).thenNothing();
      spec.given([daRegistered, levelSet]).when(set({ inForceFrom: '2019-10-01' })).thenThrows(ThresholdAlreadySet);
    });

    it('refuses different content for an active threshold id', () => {
      spec
        .given([daRegistered, levelSet])
        .when(set({ limit: 100 }))
        .thenThrows(ThresholdAlreadySet, { kind: 'rule', field: 'thresholdId' });
    });

    it('sets a retired threshold id again', () => {
      spec
        .given([daRegistered, levelSet, levelRetired])
        .when(set({ limit: 100 }))
        .then([{ type: 'ThresholdSet', data: { ...levelSet.data, limit: 100 } }]);
    });

    it('refuses an unregistered indicator', () => {
      spec.when(set()).thenThrows(IndicatorNotFound);
    });

    it('needs a window for growth', () => {
      spec
        .given([daRegistered])
        .when(set({ kind: 'growth', limit: 20 }))
        .thenThrows(ThresholdWindowRequired, { field: 'windowDays' });
    });

    it.each([0, 1.5, -7])('refuses windowDays %d', (windowDays) => {
      spec
        .given([daRegistered])
        .when(set({ kind: 'growth', limit: 20, windowDays }))
        .thenThrows(InvalidThresholdWindow, { field: 'windowDays' });
    });

    it('refuses a window on a level threshold', () => {
      spec
        .given([daRegistered])
        .when(set({ windowDays: 7 }))
        .thenThrows(ThresholdWindowNotApplicable);
    });

    it('refuses a negative level', () => {
      spec
        .given([daRegistered])
        .when(set({ limit: -1 }))
        .thenThrows(InvalidThresholdLimit, { field: 'limit' });
    });

    it('accepts a negative growth limit, for a fall in a higher-is-better rate', () => {
      const fall = { kind: 'growth', limit: -50, windowDays: 28 };
      spec
        .given([daRegistered])
        .when(set(fall))
        .then([{ type: 'ThresholdSet', data: { ...levelSet.data, ...fall } }]);
    });

    it('refuses an unknown kind', () => {
      spec
        .given([daRegistered])
        .when(set({ kind: 'trend' }))
        .thenThrows(InvalidOption, { field: 'kind' });
    });
  });

  describe('RetireThreshold', () => {
    it('retires an active threshold', () => {
      spec
        .given([daRegistered, levelSet])
        .when(retire({ reason: 'Backlog cleared' }))
        .then([levelRetired])
        .andRepeatingIsANoOp();
    });

    it('retires without a reason', () => {
      spec
        .given([daRegistered, levelSet])
        .when(retire())
        .then([{ type: 'ThresholdRetired', data: { indicatorId, thresholdId: 'da-level' } }]);
    });

    it('is a no-op for a retired threshold', () => {
      spec.given([daRegistered, levelSet, levelRetired]).when(retire()).thenNothing();
    });

    it('refuses an unknown threshold', () => {
      spec
        .given([daRegistered])
        .when(retire({ thresholdId: 'da-growth' }))
        .thenThrows(ThresholdNotFound, { kind: 'not-found', code: 'THRESHOLD.NOT_FOUND' });
    });

    it('refuses an unregistered indicator', () => {
      spec.when(retire()).thenThrows(IndicatorNotFound);
    });
  });
});
