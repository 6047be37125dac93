import {
  ALL_EVENT_TYPES,
  effectiveTimeOf,
  INDICATOR_EVENT_TYPES,
  PARTNER_EVENT_TYPES,
  RECOVERY_PLAN_EVENT_TYPES,
  WORKFORCE_EVENT_TYPES,
  type RecoveryMonitorEvent,
} from './index.js';
import { daFigure686, daRegistered, legacyFigure604 } from './testing/indicator.fixtures.js';
import { actionStarted, planCreated } from './testing/recovery-plan.fixtures.js';

describe('domain events', () => {
  it('lists every event type once', () => {
    expect(INDICATOR_EVENT_TYPES).toHaveLength(10);
    expect(RECOVERY_PLAN_EVENT_TYPES).toHaveLength(8);
    expect(PARTNER_EVENT_TYPES).toHaveLength(2);
    expect(WORKFORCE_EVENT_TYPES).toHaveLength(3);
    expect(new Set(ALL_EVENT_TYPES).size).toBe(23);
  });

  it.each<[string, RecoveryMonitorEvent, string | undefined]>([
    ['a figure, on its plain date', daFigure686, '2019-10-28T00:00:00.000Z'],
    ['a figure, at its instant', legacyFigure604, '2019-10-21T16:30:00.000Z'],
    [
      'a correction, from the corrected figure',
      {
        type: 'FigureCorrected',
        data: { ...legacyFigure604.data, previousValue: 604, value: 617, reason: 'recount' },
      },
      '2019-10-21T16:30:00.000Z',
    ],
    ['an action start', actionStarted, '2019-10-01T00:00:00.000Z'],
    ['a registration, when recorded', daRegistered, undefined],
    ['a plan, when recorded', planCreated, undefined],
  ])('gives the effective time of %s', (_label, event, expected) => {
    expect(effectiveTimeOf(event)).toBe(expected);
  });
});
