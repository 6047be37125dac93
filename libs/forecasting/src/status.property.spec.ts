import fc from 'fast-check';
import { project, type ProjectionInput } from './projection.js';
import { addDays, byEffective, dayOf, valueAt } from './points.js';
import { projectionStatus } from './status.js';

/* The status-only path must say exactly what the full projection says, for any input. */
const DAY = 86_400_000;
const asOf = new Date('2020-03-03T15:00:00Z');
const asOfDay = dayOf(asOf);

const figure = fc.record({
  dayOffset: fc.integer({ min: -50, max: 3 }),
  hour: fc.integer({ min: 0, max: 23 }),
  value: fc.oneof(fc.integer({ min: -20, max: 20 }), fc.double({ min: -1000, max: 1000, noNaN: true })),
  knownLag: fc.integer({ min: 0, max: 5 }),
});

/** Figures on a straight integer line, so that returns land on whole days and levels are met exactly. */
const line = fc.record({ days: fc.uniqueArray(fc.integer({ min: 0, max: 41 }), { minLength: 4, maxLength: 15 }), a: fc.integer({ min: -50, max: 50 }), b: fc.integer({ min: -3, max: 3 }) });

const targetDate = fc.oneof(
  fc.constant(null),
  fc.integer({ min: -20, max: 900 }).map((d) => addDays(asOfDay, d)),
  fc.integer({ min: 725, max: 735 }).map((d) => addDays(asOfDay, d)),
  fc.constantFrom('2020-03-03', '2020-03-04', '2022-03-03', '2022-03-04'),
);

const options = fc.record({
  method: fc.constantFrom('ols' as const, 'theil-sen' as const),
  direction: fc.constantFrom('lower-is-better' as const, 'higher-is-better' as const),
  baseline: fc.oneof(fc.integer({ min: -30, max: 30 }), fc.double({ min: -1000, max: 1000, noNaN: true })),
  tolerance: fc.oneof(fc.integer({ min: 0, max: 5 }), fc.double({ min: 0, max: 100, noNaN: true })),
  windowDays: fc.constantFrom(42, 14, 7, 90),
  targetDate,
});

const scattered = fc.record({ figures: fc.array(figure, { maxLength: 30 }), o: options }).map(({ figures, o }): ProjectionInput => ({
  ...o,
  asOf,
  figures: figures.map((f) => {
    const effectiveAt = new Date(Date.parse(`${asOfDay}T00:00:00Z`) + f.dayOffset * DAY + f.hour * 3_600_000);
    return { value: f.value, effectiveAt, knownAt: new Date(effectiveAt.getTime() + f.knownLag * DAY) };
  }),
}));

const straight = fc.record({ l: line, o: options }).map(({ l, o }): ProjectionInput => ({
  ...o,
  asOf,
  figures: l.days.map((d) => ({ value: l.a + l.b * -d, effectiveAt: new Date(asOf.getTime() - d * DAY), knownAt: asOf })),
}));

describe('projectionStatus', () => {
  it('is project(x).status for scattered figures, lines that meet the level on whole days, and every kind of target date', () => {
    const seen = new Set<string>();
    fc.assert(
      fc.property(fc.oneof(scattered, straight), (x) => {
        const expected = project(x).status;
        seen.add(expected);
        expect(projectionStatus(x)).toBe(expected);
      }),
      { numRuns: 3000 },
    );
    // The comparison means something only if every status came up.
    expect([...seen].sort()).toEqual(['at-risk', 'insufficient-data', 'no-target', 'not-returning', 'off-track', 'on-track', 'returned']);
  });

  it('falls back to the full projection for a target date that does not read as a day', () => {
    const figures = [0, 1, 2, 3, 4].map((d) => ({ value: 10 - d, effectiveAt: new Date(asOf.getTime() - (4 - d) * DAY), knownAt: asOf }));
    for (const targetDate of ['2020-03-10T00:00:00Z', '2020-3-10', 'soon', '']) {
      const x: ProjectionInput = { figures, asOf, windowDays: 42, method: 'ols', direction: 'lower-is-better', baseline: 0, tolerance: 0, targetDate };
      expect(projectionStatus(x)).toBe(project(x).status);
    }
  });

  it('reads the value at asOf as the last figure by effective time, then known time, then position', () => {
    // Few instants, so that figures often tie on effective and known time.
    const crowded = fc.array(fc.record({ day: fc.integer({ min: -2, max: 1 }), lag: fc.integer({ min: 0, max: 2 }), value: fc.integer(), position: fc.bigInt({ min: 0n, max: 3n }) }), { maxLength: 12 });
    fc.assert(
      fc.property(crowded, (given) => {
        const figures = given.map((f) => ({ value: f.value, effectiveAt: new Date(asOf.getTime() + f.day * DAY), knownAt: new Date(asOf.getTime() + f.lag * DAY), position: f.position }));
        const sorted = figures.filter((f) => f.effectiveAt.getTime() <= asOf.getTime()).sort(byEffective);
        // Among figures that tie on all three, the first given is kept.
        const last = sorted.find((f) => byEffective(f, sorted[sorted.length - 1]) === 0);
        expect(valueAt(figures, asOf)).toBe(last ? last.value : null);
      }),
      { numRuns: 1000 },
    );
  });
});
