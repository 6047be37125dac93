import { describeOnServer, TEST_DATABASE_URL } from '@rm/event-store/testing';
import { bearer, daIndicator, startApi, type ApiHarness } from '../support/api-harness.js';
import { expectProblem, post } from '../support/write-api.js';

describeOnServer('changes.e2e: what changed since the last board, over HTTP on PostgreSQL', () => {
  let api: ApiHarness;
  let last = '0';
  let beforeRestatement = '';
  const get = (path: string) => api.http.get(path).set(bearer(api.tokens.board));
  const write = async (path: string, body: object) => {
    const res = await post(api, path, body);
    if (res.status !== 201) throw new Error(`${path}: ${res.status} ${JSON.stringify(res.body)}`);
    last = res.body.position;
  };
  const action = (actionId: string, dueDate: string) => ({ actionId, title: actionId, owner: 'Ops', dueDate, indicators: ['da'], questions: [3], successMeasure: 'done' });

  beforeAll(async () => {
    api = await startApi(TEST_DATABASE_URL!, { WAIT_FOR_TIMEOUT_MS: '8000' });
    for (const id of ['da', 'rising', 'steady']) await write('/api/indicators', daIndicator(id));
    await write('/api/indicators/da/figures', { figureId: 'nov-1', value: 500, effectiveAt: '2019-11-01', source: 'return' });
    await write('/api/indicators/da/figures', { value: 300, effectiveAt: '2019-11-20', source: 'return' });
    await write('/api/indicators/rising/figures', { value: 100, effectiveAt: '2019-11-05', source: 'return' });
    await write('/api/indicators/rising/figures', { value: 600, effectiveAt: '2019-11-15', source: 'return' });
    await write('/api/indicators/steady/figures', { value: 50, effectiveAt: '2019-10-01', source: 'return' });
    for (const id of ['da', 'rising']) await write(`/api/indicators/${id}/thresholds`, { thresholdId: 'level-400', kind: 'level', limit: 400, inForceFrom: '2019-07-01' });
    await write('/api/plans', { id: 'recovery', title: 'Recovery', objective: 'back to baseline', targetDate: '2030-12-31' });
    await write('/api/plans/recovery/actions', action('late', '2019-11-15'));
    await write('/api/plans/recovery/actions', action('done', '2019-11-30'));
    await write('/api/plans/recovery/actions/done/complete', { completedOn: '2019-11-18', evidence: 'report' });
    await write('/api/plans/recovery/actions', action('moved', '2030-01-31'));
    await new Promise((r) => setTimeout(r, 5)); // known times are milliseconds: keep the writes apart
    beforeRestatement = new Date().toISOString();
    await new Promise((r) => setTimeout(r, 5));
    await write('/api/indicators/da/figures/nov-1/corrections', { value: 520, reason: 'late reconciliation' });
    await write('/api/plans/recovery/actions/moved/reschedule', { dueDate: '2030-03-02', reason: 'supplier delay' });
  });
  afterAll(async () => api?.close());

  it('lists indicators that moved, actions completed and newly overdue, warnings raised and cleared, between two dates', async () => {
    const res = await get(`/api/changes?since=2019-11-10&until=2019-11-25&knownAt=latest&waitFor=${last}`).expect(200);
    expect(res.body).toMatchObject({ since: '2019-11-10T23:59:59.999Z', until: '2019-11-25T23:59:59.999Z', knownAt: 'latest', position: expect.stringMatching(/^\d+$/) });
    expect(res.body.indicators).toEqual([
      { id: 'da', from: { value: 520, gap: 520, withinTolerance: false }, to: { value: 300, gap: 300, withinTolerance: false } },
      { id: 'rising', from: { value: 100, gap: 100, withinTolerance: false }, to: { value: 600, gap: 600, withinTolerance: false } },
    ]);
    expect(res.body.actions).toEqual({
      completed: [{ planId: 'recovery', actionId: 'done', completedOn: '2019-11-18' }],
      slipped: [],
      newlyOverdue: [{ planId: 'recovery', actionId: 'late', dueDate: '2019-11-15' }],
    });
    expect(res.body.warnings.raised).toEqual([expect.objectContaining({ indicatorId: 'rising', thresholdId: 'level-400', raisedAt: '2019-11-15T00:00:00.000Z' })]);
    expect(res.body.warnings.cleared).toEqual([expect.objectContaining({ indicatorId: 'da', thresholdId: 'level-400', clearedAt: '2019-11-20T00:00:00.000Z' })]);
    expect(res.body.restatements).toEqual([]);
  });

  it('as known at until by default: in 2019 nothing of this was known', async () => {
    const res = await get('/api/changes?since=2019-11-10&until=2019-11-25').expect(200);
    expect(res.body).toMatchObject({ indicators: [], actions: { completed: [], slipped: [], newlyOverdue: [] }, warnings: { raised: [], cleared: [] }, restatements: [] });
  });

  it('lists restatements and slips known since the last board, old → new with the reason', async () => {
    const res = await get(`/api/changes?since=${beforeRestatement}&waitFor=${last}`).expect(200);
    expect(res.body.restatements).toEqual([
      { indicatorId: 'da', figureId: 'nov-1', effectiveAt: '2019-11-01T00:00:00.000Z', from: 500, to: 520, reason: 'late reconciliation', knownAt: expect.any(String) },
    ]);
    expect(Date.parse(res.body.restatements[0].knownAt)).toBeGreaterThan(Date.parse(beforeRestatement));
    expect(res.body.actions.slipped).toEqual([{ planId: 'recovery', actionId: 'moved', from: '2030-01-31', to: '2030-03-02', days: 30, reason: 'supplier delay' }]);
    // The 2019 figures did not move between these two recent moments; nothing else is listed.
    expect(res.body.indicators).toEqual([]);
  });

  it('refuses a missing or bad since, a bad until, and since after until', async () => {
    expectProblem(await get('/api/changes'), 400, 'VALIDATION.FAILED', ['since']);
    expectProblem(await get('/api/changes?since=yesterday'), 400, 'VALIDATION.FAILED', ['since']);
    expectProblem(await get('/api/changes?since=2019-11-10&until=2019-13-01'), 400, 'VALIDATION.FAILED', ['until']);
    expectProblem(await get('/api/changes?since=2019-11-10&until=2019-11-01'), 400, 'VALIDATION.FAILED', ['since']);
    await api.http.get('/api/changes?since=2019-11-10').expect(401);
  });
});
