import { ols, percentileInc, theilSen } from './fit.js';
import { pointsOf } from './points.js';
import { project, type ProjectionInput } from './projection.js';
import { studentTQuantile } from './student-t.js';

// Every expected number here was worked out by hand, as a spreadsheet would: the sums in the comments.
const ASOF = new Date('2019-11-15T23:59:59.999Z');
const fig = (day: string, value: number, knownAt = `${day}T18:00:00Z`, time = '12:00:00') => ({
  value,
  effectiveAt: new Date(`${day}T${time}Z`),
  knownAt: new Date(knownAt),
});
// x = -3, -2, -1, 0 (12–15 November 2019)
const series = (ys: number[]) => ys.map((y, i) => fig(`2019-11-${12 + i}`, y));
const input = (over: Partial<ProjectionInput>): ProjectionInput => ({
  figures: series([100, 90, 85, 70]),
  asOf: ASOF,
  windowDays: 42,
  method: 'ols',
  direction: 'lower-is-better',
  baseline: 10,
  tolerance: 5,
  targetDate: null,
  ...over,
});

describe('Student-t quantile (jstat)', () => {
  it('matches the printed table at 0.90', () => {
    expect(studentTQuantile(0.9, 1)).toBeCloseTo(3.0777, 4);
    expect(studentTQuantile(0.9, 2)).toBeCloseTo(1.8856, 4);
    expect(studentTQuantile(0.9, 10)).toBeCloseTo(1.3722, 4);
    expect(studentTQuantile(0.9, 30)).toBeCloseTo(1.3104, 4);
  });
});

describe('PERCENTILE.INC', () => {
  it('interpolates between closest ranks as a spreadsheet does', () => {
    const v = [-15, -10, -10, -10, -7.5, -5];
    expect(percentileInc(v, 0.1)).toBe(-12.5); // rank 0.5
    expect(percentileInc(v, 0.5)).toBe(-10); // rank 2.5
    expect(percentileInc(v, 0.9)).toBe(-6.25); // rank 4.5
    expect(percentileInc([1, 2, 3, 4, 5], 0.5)).toBe(3);
    expect(percentileInc([7], 0.9)).toBe(7);
  });
});

describe('points', () => {
  it('keeps the window (asOf − days, asOf], one point per UTC day with x ≤ 0', () => {
    const figures = [fig('2019-10-04', 1, '2019-10-04T18:00:00Z', '23:59:59.999'), fig('2019-10-05', 2, '2019-10-05T18:00:00Z', '00:00:00'), fig('2019-11-15', 3), fig('2019-11-16', 4)];
    // asOf − 42 days = 2019-10-04T23:59:59.999Z: a figure at that instant is outside, one just after is in.
    expect(pointsOf(figures, ASOF, 42)).toEqual([
      { date: '2019-10-05', x: -41, y: 2 },
      { date: '2019-11-15', x: 0, y: 3 },
    ]);
  });

  it('takes the day’s last figure by effective time, the later known on a tie', () => {
    const figures = [
      fig('2019-11-14', 10, '2019-11-14T20:00:00Z', '09:00:00'),
      fig('2019-11-14', 20, '2019-11-14T19:00:00Z', '17:00:00'),
      fig('2019-11-15', 30, '2019-11-15T20:00:00Z', '10:00:00'),
      fig('2019-11-15', 40, '2019-11-15T21:00:00Z', '10:00:00'),
    ];
    expect(pointsOf(figures, ASOF, 42)).toEqual([
      { date: '2019-11-14', x: -1, y: 20 },
      { date: '2019-11-15', x: 0, y: 40 },
    ]);
  });
});

describe('OLS by hand: x = -3..0, y = 100, 90, 85, 70', () => {
  it('fits b = Sxy/Sxx and the residual standard deviation', () => {
    // x̄ = -1.5, ȳ = 86.25; Sxx = 2.25+0.25+0.25+2.25 = 5; Sxy = -20.625-1.875-0.625-24.375 = -47.5
    // b = -9.5, a = 86.25 - 9.5·1.5 = 72; residuals -0.5, -1, 3.5, -2; SSE = 17.5; s = √(17.5/2)
    const fit = ols(pointsOf(series([100, 90, 85, 70]), ASOF, 42));
    expect(fit.slope).toBe(-9.5);
    expect(fit.intercept).toBe(72);
    expect(fit.residualStdDev).toBeCloseTo(2.958039892, 9);
    expect(fit.tValue).toBeCloseTo(1.885618083, 6);
    // band at x = 5: t·s·√(1 + 1/4 + 6.5²/5) = 5.577774·√9.7 = 17.3718
    expect(fit.edges[0](5)).toBeCloseTo(24.5 - 17.3718, 3);
  });

  it('projects the return to L = 10 + 5: ŷ(6) = 72 − 57 = 15 is recovered (at or better)', () => {
    const p = project(input({}));
    expect(p).toMatchObject({
      method: 'ols',
      window: { from: '2019-10-04T23:59:59.999Z', to: '2019-11-15T23:59:59.999Z', days: 42 },
      value: 70,
      intercept: 72,
      slopePerDay: -9.5,
      targetLevel: 15,
      targetDate: null,
      status: 'no-target',
      // lower edge: x = 4 gives 34 − 15.07 = 18.93, x = 5 gives 7.13; upper edge: x = 8 gives 20.50, x = 9 gives 13.42
      projectedReturn: { date: '2019-11-21', earliest: '2019-11-20', latest: '2019-11-24' },
      pace: { requiredPerDay: null, actualPerDay: -9.5 },
    });
    expect(p.points).toHaveLength(4);
    expect(p.formula).toContain('ordinary least squares');
    expect(p.formula).toContain('10 + 5');
  });

  it('is on track, at risk or off track against the target date, with the pace needed', () => {
    const onTrack = project(input({ targetDate: '2019-11-30' }));
    expect(onTrack.status).toBe('on-track');
    // (15 − 70) / 15 days
    expect(onTrack.pace.requiredPerDay).toBeCloseTo(-55 / 15, 12);
    expect(project(input({ targetDate: '2019-11-21' })).status).toBe('on-track');
    expect(project(input({ targetDate: '2019-11-20' })).status).toBe('at-risk');
    expect(project(input({ targetDate: '2019-11-19' })).status).toBe('off-track');
    // a target on or before asOf's day: no pace can be required
    expect(project(input({ targetDate: '2019-11-15' })).pace.requiredPerDay).toBeNull();
  });
});

describe('Theil–Sen by hand', () => {
  it('uses the median slope, the median intercept and the 10th/90th percentile slopes', () => {
    // slopes: -10, -7.5, -10, -5, -10, -15 → sorted -15, -10, -10, -10, -7.5, -5
    // b = -10, a = median(70, 70, 75, 70) = 70 → 70 − 10x ≤ 15 from x = 5.5 → 6
    // p10 = -12.5, a = median(62.5, 65, 72.5, 70) = 67.5 → x ≥ 4.2 → 5
    // p90 = -6.25, a = median(81.25, 77.5, 78.75, 70) = 78.125 → x ≥ 10.1 → 11
    const p = project(input({ method: 'theil-sen' }));
    expect(p).toMatchObject({
      method: 'theil-sen',
      intercept: 70,
      slopePerDay: -10,
      residualStdDev: null,
      tValue: null,
      projectedReturn: { date: '2019-11-21', earliest: '2019-11-20', latest: '2019-11-26' },
    });
    const fit = theilSen(p.points);
    expect(fit.range).toEqual({ p10: { slope: -12.5, intercept: 67.5 }, p90: { slope: -6.25, intercept: 78.125 } });
  });

  it('leaves latest null when an edge slope points away', () => {
    // y = 100, 110, 80, 90: slopes sorted -30, -10, -10, -3.33, 10, 10; b = -6.67, a = 85 → x = 11;
    // p10 = -20, a = 65 → x = 3; p90 = +10 never recovers
    const p = project(input({ method: 'theil-sen', figures: series([100, 110, 80, 90]) }));
    expect(p.slopePerDay).toBeCloseTo(-20 / 3, 12);
    expect(p.intercept).toBeCloseTo(85, 12);
    expect(p.projectedReturn).toEqual({ date: '2019-11-26', earliest: '2019-11-18', latest: null });
  });
});

describe('edge cases', () => {
  it('fewer than 4 points: insufficient-data, no fit, no projection', () => {
    const p = project(input({ figures: series([100, 90, 85]), targetDate: '2019-12-31' }));
    expect(p).toMatchObject({ status: 'insufficient-data', intercept: null, slopePerDay: null, projectedReturn: null, pace: { actualPerDay: null } });
    expect(p.pace.requiredPerDay).toBeCloseTo((15 - 85) / 46, 12);
  });

  it('several figures on one day count once', () => {
    const figures = [...series([100, 90, 85]), fig('2019-11-14', 84, '2019-11-14T20:00:00Z', '20:00:00')];
    expect(project(input({ figures })).status).toBe('insufficient-data');
  });

  it('a flat series is not returning (b = 0, s = 0)', () => {
    const p = project(input({ figures: series([50, 50, 50, 50]), targetDate: '2019-12-31' }));
    expect(p).toMatchObject({ status: 'not-returning', slopePerDay: 0, residualStdDev: 0, projectedReturn: null });
  });

  it('a slope pointing away is not returning', () => {
    expect(project(input({ figures: series([70, 85, 90, 100]) })).status).toBe('not-returning');
    expect(project(input({ figures: series([70, 85, 90, 100]), method: 'theil-sen' })).status).toBe('not-returning');
  });

  it('a trend that does not reach L within 730 days: every date null, off track against a target', () => {
    // 999.7 − 0.1x ≤ 15 only from x = 9847; s = 0 so the band is nil too
    const figures = series([1000, 999.9, 999.8, 999.7]);
    expect(project(input({ figures }))).toMatchObject({ status: 'no-target', projectedReturn: { date: null, earliest: null, latest: null } });
    expect(project(input({ figures, targetDate: '2021-12-31' })).status).toBe('off-track');
  });

  it('returned comes first: the value at asOf is at or better than L, even without a window of points', () => {
    expect(project(input({ figures: series([100, 90, 85, 15]) })).status).toBe('returned');
    const old = [fig('2019-01-01', 12)];
    expect(project(input({ figures: old }))).toMatchObject({ status: 'returned', value: 12, points: [], projectedReturn: null });
  });

  it('higher is better: L = baseline − tolerance, the slope must rise', () => {
    // L = 90 − 5 = 85; y = 60, 65, 70, 75 → b = 5, a = 75, s = 0; 75 + 5x ≥ 85 from x = 2
    const higher = { direction: 'higher-is-better' as const, baseline: 90, tolerance: 5, figures: series([60, 65, 70, 75]), targetDate: '2019-11-17' };
    expect(project(input(higher))).toMatchObject({
      targetLevel: 85, status: 'on-track', projectedReturn: { date: '2019-11-17', earliest: '2019-11-17', latest: '2019-11-17' },
    });
    expect(project(input({ ...higher, targetDate: '2019-11-16' })).status).toBe('off-track');
    expect(project(input({ ...higher, figures: series([75, 70, 65, 60]) })).status).toBe('not-returning');
    expect(project(input({ ...higher, figures: series([60, 65, 70, 85]) })).status).toBe('returned');
  });
});
