import { describeOnServer, TEST_DATABASE_URL } from '@rm/event-store/testing';
import { bearer, daIndicator, startApi, type ApiHarness } from '../support/api-harness.js';
import { post } from '../support/write-api.js';

describeOnServer('reads.e2e: read models over HTTP, at any (asOf, knownAt), read-your-writes', () => {
  let api: ApiHarness;
  let afterFirst: string;
  let lastPosition: string;
  beforeAll(async () => {
    api = await startApi(TEST_DATABASE_URL!, { WAIT_FOR_TIMEOUT_MS: '8000' });
    await post(api, '/api/indicators', daIndicator()).expect(201);
    const figure = await post(api, '/api/indicators/da-risk-assessment/figures', { figureId: 'fieldwork', value: 686, effectiveAt: '2019-11-01', source: 'HMICFRS fieldwork' }).expect(201);
    await post(api, '/api/indicators/da-risk-assessment/figures', { value: 900, effectiveAt: '2019-08-15', source: 'back-filled' }).expect(201);
    await new Promise((r) => setTimeout(r, 5)); // known times are milliseconds: keep the two writes apart
    afterFirst = new Date().toISOString();
    await new Promise((r) => setTimeout(r, 5));
    const correction = await post(api, '/api/indicators/da-risk-assessment/figures/fieldwork/corrections', { value: 700, reason: 'late reconciliation' }).expect(201);
    await post(api, '/api/plans', { id: 'iops-2019', title: 'iOPS recovery', objective: 'back to baseline', targetDate: '2020-03-31' }).expect(201);
    await post(api, '/api/plans/iops-2019/actions', { actionId: 'da-lookback', title: 'DA look-back', owner: 'Public protection', dueDate: '2019-10-31', indicators: ['da-risk-assessment'], questions: [2, 3], successMeasure: 'all assessed' }).expect(201);
    await post(api, '/api/partners', { id: 'cps', name: 'Crown Prosecution Service', kind: 'cps' }).expect(201);
    const survey = await post(api, '/api/workforce/surveys', { date: '2019-11-20', respondents: 300, confidentPercent: 41 }).expect(201);
    lastPosition = survey.body.position;
    expect(BigInt(correction.body.position) < BigInt(lastPosition) || figure.body.position).toBeTruthy();
  });
  afterAll(async () => api?.close());

  const get = (path: string, role: 'board' | 'inspector' | 'programme-office' = 'board') => api.http.get(path).set(bearer(api.tokens[role]));

  it('answers once the read models include waitFor, stating asOf, knownAt and position', async () => {
    const res = await get(`/api/indicators/da-risk-assessment?waitFor=${lastPosition}`).expect(200);
    expect(BigInt(res.body.position) >= BigInt(lastPosition)).toBe(true);
    expect(res.body).toMatchObject({ id: 'da-risk-assessment', value: 700, gap: 700, peak: 900, knownAt: res.body.asOf });
    expect(res.body.recoveredShare).toBeCloseTo((900 - 700) / 900, 5);
  });

  it('replays 15 November 2019 as known before the correction, and as known now', async () => {
    await get(`/api/indicators?waitFor=${lastPosition}`).expect(200);
    const then = await get(`/api/indicators/da-risk-assessment?asOf=2019-11-15&knownAt=${afterFirst}`).expect(200);
    expect(then.body).toMatchObject({ value: 686, asOf: '2019-11-15T23:59:59.999Z', knownAt: afterFirst });
    const now = await get('/api/indicators/da-risk-assessment?asOf=2019-11-15&knownAt=latest').expect(200);
    expect(now.body).toMatchObject({ value: 700, knownAt: 'latest' });
    const before = await get('/api/indicators/da-risk-assessment?asOf=2019-08-31&knownAt=latest').expect(200);
    expect(before.body.value).toBe(900);
    const pinned = await get(`/api/indicators/da-risk-assessment?asOf=2019-11-15&knownAt=latest&position=${then.body.position}`).expect(200);
    expect(pinned.body.value).toBe(now.body.value);
  });

  it('serves the daily history with corrections applied from the figure’s own date', async () => {
    const res = await get(`/api/indicators/da-risk-assessment/history?from=2019-10-30&to=2019-11-02&knownAt=latest&waitFor=${lastPosition}`).expect(200);
    expect(res.body.points).toEqual([
      { date: '2019-10-30', value: 900 },
      { date: '2019-10-31', value: 900 },
      { date: '2019-11-01', value: 700 },
      { date: '2019-11-02', value: 700 },
    ]);
  });

  it('serves plans, actions, partners, workforce, warnings and the scorecard to every reader role', async () => {
    for (const role of ['board', 'inspector', 'programme-office'] as const) {
      const plan = await get(`/api/plans/iops-2019?asOf=2019-11-15&knownAt=latest&waitFor=${lastPosition}`, role).expect(200);
      expect(plan.body.actions[0]).toMatchObject({ actionId: 'da-lookback', status: 'planned', overdue: true });
    }
    expect((await get('/api/actions?status=planned&asOf=2019-11-15&knownAt=latest').expect(200)).body.actions).toHaveLength(1);
    expect((await get('/api/partners').expect(200)).body).toMatchObject({ partners: [{ id: 'cps', notEngagedFor30Days: true }], notEngagedFor30Days: ['cps'] });
    expect((await get('/api/workforce').expect(200)).body.latestConfidence).toMatchObject({ confidentPercent: 41 });
    expect((await get('/api/warnings').expect(200)).body.warnings).toEqual([]);
    const card = await get('/api/scorecard?asOf=2019-11-25&knownAt=latest').expect(200);
    expect(card.body.questions.map((q: { question: number }) => q.question)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(card.body.questions[4]).toMatchObject({ status: 'amber', evidence: { latestSurvey: { confidentPercent: 41 } } });
    expect(card.body.questions[3]).toMatchObject({ status: 'red' });
  });

  it('refuses bad moments with 400, unknown ids with 404, no token with 401, and waits no longer than configured', async () => {
    const bad = await get('/api/indicators?asOf=15/11/2019').expect(400);
    expect(bad.body.errors[0].field).toBe('asOf');
    expect((await get('/api/indicators?knownAt=2019-02-30').expect(400)).body.errors[0].field).toBe('knownAt');
    await get('/api/indicators/no-such-indicator').expect(404);
    await get('/api/plans/no-such-plan').expect(404);
    await api.http.get('/api/scorecard').expect(401);
    const far = (BigInt(lastPosition) * 1000n).toString();
    const late = await get(`/api/indicators?waitFor=${far}`).expect(503);
    expect(late.headers['retry-after']).toBe('1');
    expect(late.headers['content-type']).toMatch(/problem\+json/);
  });

  it('reports projection lag in /health', async () => {
    const res = await api.http.get('/health').expect(200);
    expect(res.body.projections).toMatchObject({ mode: 'in-process', lag: { caughtUp: expect.any(Boolean), seconds: expect.any(Number) } });
  });
});
