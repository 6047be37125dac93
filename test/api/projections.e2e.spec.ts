import { describeOnServer, TEST_DATABASE_URL } from '@rm/event-store/testing';
import fc from 'fast-check';
import { bearer, startApi, type ApiHarness } from '../support/api-harness.js';
import { expectProblem, post } from '../support/write-api.js';

// As forecasting's spec: 12–15 November 2019, x = -3..0; L = 10 + 5; OLS ŷ = 72 − 9.5x returns on the 21st
// (earliest the 20th, latest the 24th).
const DAYS = ['2019-11-12', '2019-11-13', '2019-11-14', '2019-11-15'];
const ASOF = '2019-11-15';
const today = new Date().toISOString().slice(0, 10);
const addDays = (day: string, n: number) => new Date(Date.parse(day) + n * 86_400_000).toISOString().slice(0, 10);
const indicator = (id: string, direction = 'lower-is-better') => ({
  id, name: id, description: `trend ${id}`, unit: 'count', direction,
  baseline: { value: 10, from: '2019-06-01', to: '2019-06-30', source: 'June 2019 returns' }, tolerance: 5, owner: 'Board', questions: [3],
});

describeOnServer('projections.e2e: trend projections over HTTP on PostgreSQL', () => {
  let api: ApiHarness;
  let last = '0';
  let beforeCorrection = '';
  const get = (path: string) => api.http.get(path).set(bearer(api.tokens.board));
  const write = async (path: string, body: object) => {
    const res = await post(api, path, body);
    if (res.status !== 201) throw new Error(`${path}: ${res.status} ${JSON.stringify(res.body)}`);
    last = res.body.position;
    return res.body;
  };
  const series = async (id: string, values: number[], direction?: string) => {
    await write('/api/indicators', indicator(id, direction));
    for (const [i, value] of values.entries()) await write(`/api/indicators/${id}/figures`, { figureId: `f${i}`, value, effectiveAt: `${DAYS[i]}T12:00:00Z`, source: 'weekly return' });
  };

  beforeAll(async () => {
    api = await startApi(TEST_DATABASE_URL!, { WAIT_FOR_TIMEOUT_MS: '8000' });
    await series('returned', [100, 90, 85, 12]);
    await series('too-few', [100, 90, 85]);
    await series('rising', [70, 85, 90, 100]);
    await series('on-track', [100, 90, 85, 70]);
    await series('at-risk', [100, 90, 85, 70]);
    await series('off-track', [100, 90, 85, 70]);
    await series('no-target', [100, 90, 85, 70]);
    await series('corrected', [100, 90, 85, 70]);
    await write('/api/indicators', indicator('recent'));
    for (const [i, value] of [100, 90, 85, 70].entries()) await write('/api/indicators/recent/figures', { value, effectiveAt: addDays(today, i - 4), source: 'daily return' });
    await write('/api/plans', { id: 'recovery', title: 'Recovery', objective: 'back to baseline', targetDate: '2019-12-31' });
    await write('/api/plans/recovery/actions', { actionId: 'a1', title: 'Clear it', owner: 'Ops', dueDate: '2019-12-01', indicators: ['on-track', 'at-risk', 'off-track'], questions: [3], successMeasure: 'cleared' });
    // A trajectory's last date takes precedence over the plan's target date.
    await write('/api/plans/recovery/trajectories', { indicatorId: 'at-risk', points: [{ date: '2019-11-16', value: 60 }, { date: '2019-11-20', value: 15 }] });
    await write('/api/plans/recovery/trajectories', { indicatorId: 'off-track', points: [{ date: '2019-11-19', value: 15 }] });
    await new Promise((r) => setTimeout(r, 5)); // known times are milliseconds: keep the writes apart
    beforeCorrection = new Date().toISOString();
    await new Promise((r) => setTimeout(r, 5));
    await write('/api/indicators/corrected/figures/f3/corrections', { value: 14, reason: 'reconciled with the crime system' });
  });
  afterAll(async () => api?.close());

  it('reaches every status with data written through the API', async () => {
    const res = await get(`/api/projections?asOf=${ASOF}&knownAt=latest&waitFor=${last}`).expect(200);
    const status = Object.fromEntries(res.body.projections.map((p: { indicatorId: string; status: string }) => [p.indicatorId, p.status]));
    expect(status).toEqual({
      returned: 'returned', 'too-few': 'insufficient-data', rising: 'not-returning', 'on-track': 'on-track',
      'at-risk': 'at-risk', 'off-track': 'off-track', 'no-target': 'no-target', corrected: 'returned', recent: 'insufficient-data',
    });
  });

  it('answers the contract fields with the hand-computed numbers and the method in words', async () => {
    const res = await get(`/api/indicators/on-track/projection?asOf=${ASOF}&knownAt=latest&waitFor=${last}`).expect(200);
    expect(res.body).toMatchObject({
      indicatorId: 'on-track', method: 'ols', window: { from: '2019-10-04T23:59:59.999Z', to: '2019-11-15T23:59:59.999Z', days: 42 },
      intercept: 72, slopePerDay: -9.5, targetLevel: 15, targetDate: '2019-12-31', status: 'on-track',
      projectedReturn: { date: '2019-11-21', earliest: '2019-11-20', latest: '2019-11-24' },
      pace: { actualPerDay: -9.5 }, asOf: '2019-11-15T23:59:59.999Z', knownAt: 'latest', position: expect.stringMatching(/^\d+$/),
    });
    expect(res.body.points).toEqual(DAYS.map((date, i) => ({ date, x: i - 3, y: [100, 90, 85, 70][i] })));
    expect(res.body.residualStdDev).toBeCloseTo(Math.sqrt(8.75), 9);
    expect(res.body.tValue).toBeCloseTo(1.885618, 5);
    expect(res.body.pace.requiredPerDay).toBeCloseTo((15 - 70) / 46, 9);
    expect(res.body.formula).toMatch(/least squares/);
    const ts = await get(`/api/indicators/on-track/projection?asOf=${ASOF}&knownAt=latest&method=theil-sen&window=10`).expect(200);
    expect(ts.body).toMatchObject({ method: 'theil-sen', intercept: 70, slopePerDay: -10, window: { days: 10 }, projectedReturn: { date: '2019-11-21', earliest: '2019-11-20', latest: '2019-11-26' } });
  });

  it('applies a correction as known now, and not as known before it', async () => {
    const now = await get(`/api/indicators/corrected/projection?asOf=${ASOF}&knownAt=latest&waitFor=${last}`).expect(200);
    expect(now.body).toMatchObject({ status: 'returned', value: 14, projectedReturn: null });
    const before = await get(`/api/indicators/corrected/projection?asOf=${ASOF}&knownAt=${beforeCorrection}`).expect(200);
    expect(before.body).toMatchObject({ status: 'no-target', value: 70, slopePerDay: -9.5, knownAt: beforeCorrection });
  });

  it('lists exactly the single reads', async () => {
    const q = `asOf=${ASOF}&knownAt=latest&method=theil-sen&window=30&waitFor=${last}`;
    const list = await get(`/api/projections?${q}`).expect(200);
    expect(list.body.projections).toHaveLength(9);
    for (const p of list.body.projections) {
      const one = await get(`/api/indicators/${p.indicatorId}/projection?${q}&position=${list.body.position}`).expect(200);
      expect(one.body).toEqual(p);
    }
  });

  it('is what the board would have been shown at a past (asOf, knownAt): nothing known then', async () => {
    await get('/api/indicators/on-track/projection?asOf=2019-11-15').expect(404);
    const list = await get(`/api/projections?asOf=${ASOF}`).expect(200);
    expect(list.body.projections).toEqual([]);
  });

  it('scores each forecast as known then: nothing was known in 2019 of figures written today', async () => {
    const res = await get(`/api/indicators/on-track/projection/accuracy?asOf=2019-11-16&knownAt=latest&from=2019-11-14&to=2019-11-15&every=1&horizon=1&waitFor=${last}`).expect(200);
    expect(res.body.points).toEqual([
      { forecastDate: '2019-11-14', targetDate: '2019-11-15', predicted: null, low: null, high: null, actual: 70, error: null },
      { forecastDate: '2019-11-15', targetDate: '2019-11-16', predicted: null, low: null, high: null, actual: 70, error: null },
    ]);
    expect(res.body).toMatchObject({ meanAbsoluteError: null, coverage: null, every: 1, horizon: 1 });
    const weekly = await get(`/api/indicators/on-track/projection/accuracy?asOf=2019-11-16&knownAt=latest&from=2019-11-01&to=2019-11-10&every=3&horizon=1`).expect(200);
    expect(weekly.body.points.map((p: { forecastDate: string }) => p.forecastDate)).toEqual(['2019-11-01', '2019-11-04', '2019-11-07', '2019-11-10']);
  });

  it('scores a forecast made today against the value tomorrow', async () => {
    // Figures on the four days before today, x = -4..-1: ŷ(x) = 72 − 9.5(x + 1), so ŷ(1) = 53;
    // band at x = 1: 5.577774 · √(1.25 + 3.5²/5) = 10.729; the actual tomorrow is 70 carried forward.
    const res = await get(`/api/indicators/recent/projection/accuracy?asOf=${addDays(today, 1)}&knownAt=latest&from=${today}&to=${today}&every=1&horizon=1&waitFor=${last}`).expect(200);
    const [point] = res.body.points;
    expect(point).toMatchObject({ forecastDate: today, targetDate: addDays(today, 1), actual: 70 });
    expect(point.predicted).toBeCloseTo(53, 9);
    expect(point.low).toBeCloseTo(53 - 10.729, 2);
    expect(point.high).toBeCloseTo(53 + 10.729, 2);
    expect(point.error).toBeCloseTo(17, 9);
    expect(res.body.meanAbsoluteError).toBeCloseTo(17, 9);
    expect(res.body.coverage).toBe(0);
  });

  it('scores question 3 by the share of indicators on-track or returned', async () => {
    const res = await get(`/api/scorecard?asOf=${ASOF}&knownAt=latest&waitFor=${last}`).expect(200);
    const q3 = res.body.questions[2];
    // returned, corrected (returned) and on-track out of 9
    expect(q3).toMatchObject({ question: 3, status: 'red', evidence: { indicators: 9, onTrack: 1, returned: 2, share: 0.333, overdue: 0 } });
    expect(q3.evidence.byStatus).toEqual({ returned: 2, 'insufficient-data': 2, 'not-returning': 1, 'on-track': 1, 'at-risk': 1, 'off-track': 1, 'no-target': 1 });
    expect(q3.rule).toMatch(/on-track or returned/);
    const before = await get(`/api/scorecard?asOf=${ASOF}&knownAt=${beforeCorrection}`).expect(200);
    expect(before.body.questions[2].evidence).toMatchObject({ onTrack: 1, returned: 1 });
  });

  it('refuses bad parameters naming the field, and unknown indicators', async () => {
    expectProblem(await get('/api/projections?method=linear'), 400, 'VALIDATION.FAILED', ['method']);
    expectProblem(await get('/api/indicators/on-track/projection?window=0'), 400, 'VALIDATION.FAILED', ['window']);
    expectProblem(await get('/api/indicators/on-track/projection?window=4.5'), 400, 'VALIDATION.FAILED', ['window']);
    expectProblem(await get('/api/projections?window=731'), 400, 'VALIDATION.FAILED', ['window']);
    expectProblem(await get('/api/indicators/on-track/projection/accuracy?every=0'), 400, 'VALIDATION.FAILED', ['every']);
    expectProblem(await get('/api/indicators/on-track/projection/accuracy?horizon=731'), 400, 'VALIDATION.FAILED', ['horizon']);
    expectProblem(await get('/api/indicators/on-track/projection/accuracy?from=2019-02-30'), 400, 'VALIDATION.FAILED', ['from']);
    expectProblem(await get('/api/indicators/on-track/projection/accuracy?from=2019-11-10&to=2019-11-01'), 400, 'VALIDATION.FAILED', ['to']);
    expectProblem(await get('/api/indicators/nobody/projection?knownAt=latest'), 404, 'INDICATOR.NOT_FOUND');
    await api.http.get('/api/projections').expect(401);
  });

  it('never answers a 5xx to random query parameters', async () => {
    const value = fc.oneof(fc.string({ maxLength: 12 }), fc.integer({ min: -5, max: 5000 }).map(String), fc.constantFrom('ols', 'theil-sen', '2019-11-15', 'latest', '1e3', '0x10', ' 7'));
    const route = fc.constantFrom('/api/projections', '/api/indicators/on-track/projection', '/api/indicators/on-track/projection/accuracy', '/api/changes');
    const param = fc.constantFrom('method', 'window', 'every', 'horizon', 'from', 'to', 'since', 'until', 'asOf', 'knownAt');
    await fc.assert(
      fc.asyncProperty(route, fc.array(fc.tuple(param, value), { maxLength: 4 }), async (path, params) => {
        const query = params.map(([k, v]) => `${k}=${encodeURIComponent(v)}`).join('&');
        const res = await get(`${path}?${query}`);
        if (res.status >= 500) throw new Error(`${res.status} for ${path}?${query}: ${res.text.slice(0, 300)}`);
      }),
      { numRuns: 60 },
    );
  });

  it('describes the new routes in the OpenAPI document', async () => {
    const res = await api.http.get('/api/docs-json').expect(200);
    const paths = res.body.paths as Record<string, { get?: { parameters?: { name: string; schema?: { enum?: string[] } }[] } }>;
    for (const path of ['/api/projections', '/api/indicators/{id}/projection', '/api/indicators/{id}/projection/accuracy', '/api/changes']) expect(paths[path]?.get).toBeDefined();
    const method = paths['/api/indicators/{id}/projection'].get!.parameters!.find((p) => p.name === 'method');
    expect(method?.schema?.enum).toEqual(['ols', 'theil-sen']);
    expect(paths['/api/changes'].get!.parameters!.map((p) => p.name)).toEqual(expect.arrayContaining(['since', 'until', 'knownAt', 'position', 'waitFor']));
  });
});
