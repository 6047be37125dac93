import fc from 'fast-check';
import { isoOf } from './iso-time.js';

describe('isoOf', () => {
  it('equals toISOString for any instant', () => {
    fc.assert(
      fc.property(fc.integer({ min: -8_640_000_000_000_000, max: 8_640_000_000_000_000 }), (ms) => {
        const d = new Date(ms);
        expect(isoOf(d)).toBe(d.toISOString());
      }),
      { numRuns: 20_000 },
    );
  });

  it('equals toISOString at the edges of four-digit years and of days', () => {
    for (const ms of [-62_167_219_200_001, -62_167_219_200_000, 0, -1, 1, 86_399_999, 86_400_000, 253_402_300_799_999, 253_402_300_800_000]) {
      expect(isoOf(new Date(ms))).toBe(new Date(ms).toISOString());
    }
  });

  it('throws as toISOString does on an invalid date', () => {
    expect(() => isoOf(new Date(NaN))).toThrow(RangeError);
  });
});
