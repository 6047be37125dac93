import fc from 'fast-check';
import {
  CLOCK_SKEW_ALLOWANCE_MS,
  DateOutOfRange,
  EffectiveTimeInFuture,
  InvalidDate,
  toEpochMs,
  toInstant,
} from '../index.js';
import { requireDate, requireEffectiveTime } from './time.js';

describe('time', () => {
  it.each([
    ['2019-07-09', '2019-07-09T00:00:00.000Z'],
    ['2020-02-29', '2020-02-29T00:00:00.000Z'],
    ['2019-10-21T16:30Z', '2019-10-21T16:30:00.000Z'],
    ['2019-10-21T17:30:00+01:00', '2019-10-21T16:30:00.000Z'],
    ['2019-10-21T16:30:00.123456Z', '2019-10-21T16:30:00.123Z'],
  ])('reads %s as %s', (text, instant) => {
    expect(toInstant(text)).toBe(instant);
  });

  it.each([
    '2019-02-29',
    '2019-04-31',
    '2019-10-21T24:00:00Z',
    '2019-10-21T16:60:00Z',
    '2019-10-21T16:30:00',
    '2019-10-21 16:30:00Z',
    '21/10/2019',
    '',
  ])('refuses %j', (text) => {
    expect(toEpochMs(text)).toBeUndefined();
  });

  it('allows exactly the clock-skew allowance beyond now', () => {
    const now = '2019-11-15T09:00:00.000Z';
    const limit = new Date(Date.parse(now) + CLOCK_SKEW_ALLOWANCE_MS).toISOString();
    const beyond = new Date(Date.parse(now) + CLOCK_SKEW_ALLOWANCE_MS + 1).toISOString();
    expect(CLOCK_SKEW_ALLOWANCE_MS).toBe(300_000);
    expect(() => requireEffectiveTime(limit, 'effectiveAt', now)).not.toThrow();
    expect(() => requireEffectiveTime(beyond, 'effectiveAt', now)).toThrow(EffectiveTimeInFuture);
    expect(() => requireEffectiveTime('soon', 'effectiveAt', now)).toThrow(InvalidDate);
  });

  it.each(['0000-01-01', '1899-12-31', '1899-12-31T23:59:59.999Z', '1900-01-01T00:30:00+01:00', '2101-01-01', '9999-12-31'])(
    'refuses %s: outside the dates the record holds',
    (text) => {
      expect(() => requireDate(text, 'dueDate')).toThrow(DateOutOfRange);
      expect(() => requireEffectiveTime(text, 'effectiveAt', '2019-11-15T09:00:00Z')).toThrow(DateOutOfRange);
      expect(() => requireDate(text, 'dueDate')).toThrow(/^dueDate .*\(1900-01-01 to 2100-12-31\)$/);
    },
  );

  it('accepts the first and last days of the range', () => {
    expect(requireDate('1900-01-01', 'from')).toBe(Date.UTC(1900, 0, 1));
    expect(requireDate('2100-12-31T23:59:59.999Z', 'dueDate')).toBe(Date.UTC(2101, 0, 1) - 1);
    expect(() => requireEffectiveTime('1900-01-01', 'effectiveAt', '2019-11-15T09:00:00Z')).not.toThrow();
  });

  it('treats a malformed command time as a bug, not bad input', () => {
    expect(() => requireEffectiveTime('2019-11-01', 'effectiveAt', 'now')).toThrow(TypeError);
  });

  it('accepts any instant up to now plus the allowance, and refuses any later one', () => {
    const epoch = fc.integer({ min: Date.parse('2000-01-01'), max: Date.parse('2100-01-01') });
    fc.assert(
      fc.property(epoch, fc.integer({ min: -1e9, max: 1e9 }), (nowMs, offset) => {
        const now = new Date(nowMs).toISOString();
        const at = new Date(nowMs + offset).toISOString();
        const accepted = (() => {
          try {
            requireEffectiveTime(at, 'at', now);
            return true;
          } catch {
            return false;
          }
        })();
        expect(accepted).toBe(offset <= CLOCK_SKEW_ALLOWANCE_MS);
      }),
    );
  });
});
