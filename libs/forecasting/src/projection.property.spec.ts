import fc from 'fast-check';
import { project, type Direction } from './projection.js';
import { studentTQuantile } from './student-t.js';

/*
 * An independent, straightforward reference: OLS from the raw sums (nΣxy − ΣxΣy)/(nΣx² − (Σx)²),
 * Theil–Sen from an Excel-style 1-based rank percentile, and the return search on dates rather than x.
 */
const DAY = 86_400_000;
const asOf = new Date('2020-03-03T15:00:00Z');
const asOfDayStart = Date.parse('2020-03-03T00:00:00Z');

function pct(values: number[], p: number): number {
  const s = [...values].sort((a, b) => a - b);
  const k = 1 + p * (s.length - 1);
  const f = Math.floor(k);
  return f >= s.length ? s[s.length - 1] : s[f - 1] + (k - f) * (s[f] - s[f - 1]);
}

function reference(pts: { x: number; y: number }[], method: 'ols' | 'theil-sen', direction: Direction, L: number) {
  const n = pts.length;
  let line: (x: number) => number;
  let edges: ((x: number) => number)[];
  let slope: number;
  let intercept: number;
  if (method === 'ols') {
    const [sx, sy, sxy, sxx] = pts.reduce(([a, b, c, d], p) => [a + p.x, b + p.y, c + p.x * p.y, d + p.x * p.x], [0, 0, 0, 0]);
    slope = (n * sxy - sx * sy) / (n * sxx - sx * sx);
    intercept = (sy - slope * sx) / n;
    const s = Math.sqrt(pts.reduce((t, p) => t + (p.y - intercept - slope * p.x) ** 2, 0) / (n - 2));
    const t = studentTQuantile(0.9, n - 2);
    const centred = sxx - (sx * sx) / n;
    const band = (x: number) => t * s * Math.sqrt(1 + 1 / n + (x - sx / n) ** 2 / centred);
    line = (x) => intercept + slope * x;
    edges = [(x) => line(x) - band(x), (x) => line(x) + band(x)];
  } else {
    const slopes = pts.flatMap((p, i) => pts.slice(i + 1).map((q) => (q.y - p.y) / (q.x - p.x)));
    const withIntercept = (b: number) => ({ b, a: pct(pts.map((p) => p.y - b * p.x), 0.5) });
    const mid = withIntercept(pct(slopes, 0.5));
    const [lo, hi] = [withIntercept(pct(slopes, 0.1)), withIntercept(pct(slopes, 0.9))];
    ({ b: slope, a: intercept } = mid);
    line = (x) => mid.a + mid.b * x;
    edges = [(x) => lo.a + lo.b * x, (x) => hi.a + hi.b * x];
  }
  const ok = (v: number) => (direction === 'lower-is-better' ? v <= L : v >= L);
  // Two correct float computations may land either side of L when a line meets it exactly: such cases are not compared.
  let tight = false;
  const search = (f: (x: number) => number) => {
    for (let day = asOfDayStart + DAY, x = 1; x <= 730; day += DAY, x++) {
      if (Math.abs(f(x) - L) <= 1e-7 * (1 + Math.abs(L))) tight = true;
      if (ok(f(x))) return new Date(day).toISOString().slice(0, 10);
    }
    return null;
  };
  const found = edges.map(search).sort((a, b) => (a === null ? 1 : b === null ? -1 : a < b ? -1 : 1));
  const date = search(line);
  return { slope, intercept, date, earliest: found[0], latest: found[1], tight };
}

const scenario = fc.record({
  days: fc.uniqueArray(fc.integer({ min: 0, max: 41 }), { minLength: 4, maxLength: 20 }),
  ys: fc.array(fc.double({ min: -1000, max: 1000, noNaN: true }), { minLength: 20, maxLength: 20 }),
  method: fc.constantFrom('ols' as const, 'theil-sen' as const),
  direction: fc.constantFrom('lower-is-better' as const, 'higher-is-better' as const),
  baseline: fc.double({ min: -1000, max: 1000, noNaN: true }),
  tolerance: fc.double({ min: 0, max: 100, noNaN: true }),
});

describe('projection against an independent reference', () => {
  it('agrees on the fit and the projected dates for any window of daily points', () => {
    fc.assert(
      fc.property(scenario, ({ days, ys, method, direction, baseline, tolerance }) => {
        const figures = days.map((d, i) => ({ value: ys[i], effectiveAt: new Date(asOf.getTime() - d * DAY), knownAt: asOf }));
        const p = project({ figures, asOf, windowDays: 42, method, direction, baseline, tolerance, targetDate: null });
        const L = direction === 'lower-is-better' ? baseline + tolerance : baseline - tolerance;
        const pts = figures.map((f) => ({ x: -Math.round((asOfDayStart - Date.parse(f.effectiveAt.toISOString().slice(0, 10))) / DAY), y: f.value }));
        const r = reference(pts, method, direction, L);
        const latestY = ys[days.indexOf(Math.min(...days))];
        fc.pre(!r.tight && Math.abs(r.slope) > 1e-9 && Math.abs(latestY - L) > 1e-9);
        const close = (a: number | null, b: number) => expect(Math.abs((a ?? NaN) - b)).toBeLessThanOrEqual(1e-6 * (1 + Math.abs(b)));
        close(p.slopePerDay, r.slope);
        close(p.intercept, r.intercept);
        const back = direction === 'lower-is-better' ? latestY <= L : latestY >= L;
        const away = direction === 'lower-is-better' ? r.slope >= 0 : r.slope <= 0;
        if (back) expect(p.status).toBe('returned');
        else if (away) expect(p.status).toBe('not-returning');
        else {
          expect(p.status).toBe('no-target');
          expect(p.projectedReturn).toEqual({ date: r.date, earliest: r.earliest, latest: r.latest });
        }
      }),
      { numRuns: 500 },
    );
  });
});
