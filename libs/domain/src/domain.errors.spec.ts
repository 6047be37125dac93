import {
  ActionAlreadyCancelled,
  DomainError,
  EffectiveTimeInFuture,
  IndicatorNotFound,
  TrajectoryDatesNotIncreasing,
} from './index.js';

describe('domain errors', () => {
  it('carry a stable code, a kind, a message and the field at fault', () => {
    const error = new TrajectoryDatesNotIncreasing(2);
    expect(error).toBeInstanceOf(DomainError);
    expect(error).toBeInstanceOf(Error);
    expect(error).toMatchObject({
      name: 'TrajectoryDatesNotIncreasing',
      code: 'TRAJECTORY.DATES_NOT_INCREASING',
      kind: 'validation',
      field: 'points[2].date',
    });
    expect(error.message).toMatch(/point 2/);
  });

  it('map to the HTTP kinds', () => {
    expect(new IndicatorNotFound('da-risk-assessment').kind).toBe('not-found');
    expect(new ActionAlreadyCancelled('da-lookback').kind).toBe('rule');
    expect(new EffectiveTimeInFuture('date', '2030-01-01', '2019-11-15T09:00:00Z').kind).toBe(
      'validation',
    );
  });
});
