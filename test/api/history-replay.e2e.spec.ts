import { TEST_DATABASE_URL } from '@rm/event-store/testing';
import { bearer, daIndicator, type ApiHarness } from '../support/api-harness.js';
import { importHistory, ndjson, startImportApi } from '../support/import-harness.js';
import { action, iopsPlan } from '../support/iops-fixtures.js';
import { post } from '../support/write-api.js';

const kind = TEST_DATABASE_URL ? 'postgres' : 'pglite';

describe(`history-replay.e2e: replaying history entered as history, on ${kind}`, () => {
  let api: ApiHarness;
  let through: string;
  beforeAll(async () => {
    api = await startImportApi(kind, TEST_DATABASE_URL);
    const history = [
      { path: '/api/indicators', body: daIndicator('da-imported'), reportedAt: '2019-07-01T09:00:00Z' },
      { path: '/api/plans', body: iopsPlan('plan-imported'), reportedAt: '2019-08-01T09:00:00Z' },
      { path: '/api/plans/plan-imported/actions', body: action('A1', { dueDate: '2019-11-30', indicators: ['da-imported'] }), reportedAt: '2019-08-02T09:00:00Z' },
      { path: '/api/indicators/da-imported/thresholds', body: { thresholdId: 'level-500', kind: 'level', limit: 500, inForceFrom: '2019-09-01' }, reportedAt: '2019-10-10T09:00:00Z' },
      { path: '/api/indicators/da-imported/figures', body: { value: 600, effectiveAt: '2019-10-01', source: 'weekly return' }, reportedAt: '2019-10-11T09:00:00Z' },
      { path: '/api/indicators/da-imported/figures', body: { value: 686, effectiveAt: '2019-11-01', source: 'HMICFRS fieldwork' }, reportedAt: '2019-11-04T09:00:00Z' },
    ];
    const res = await importHistory(api, ndjson(history));
    expect(res.status).toBe(201);
    // The slip is recorded today, dated as decided on 10 December 2019.
    const slip = await post(api, '/api/plans/plan-imported/actions/A1/reschedule', { dueDate: '2020-02-28', reason: 'Staff redeployed to the Christmas campaign', decidedOn: '2019-12-10' }).expect(201);
    await post(api, '/api/indicators', daIndicator('da-live')).expect(201);
    const live = await post(api, '/api/indicators/da-live/figures', { value: 686, effectiveAt: '2019-11-01', source: 'entered today' }).expect(201);
    through = [res.body.lastPosition, slip.body.position, live.body.position].reduce((a, b) => (BigInt(a) > BigInt(b) ? a : b));
  });
  afterAll(async () => api?.close());

  const get = (path: string) => api.http.get(`${path}${path.includes('?') ? '&' : '?'}waitFor=${through}`).set(bearer(api.tokens.inspector));

  it('replays imported history as it was known then', async () => {
    const then = await get('/api/indicators/da-imported?asOf=2019-11-15').expect(200);
    expect(then.body).toMatchObject({ value: 686, peak: 686, knownAt: '2019-11-15T23:59:59.999Z' });
    expect(then.body.openWarnings.map((w: { thresholdId: string; raisedAt: string }) => [w.thresholdId, w.raisedAt])).toEqual([['level-500', '2019-10-01T00:00:00.000Z']]);
    const before = await get('/api/indicators/da-imported?asOf=2019-11-03').expect(200);
    expect(before.body.value).toBe(600);
  });

  it('shows a slip from the date it was decided, whenever it was recorded', async () => {
    const action = async (asOf: string) => ((await get(`/api/actions?planId=plan-imported&asOf=${asOf}&knownAt=latest`).expect(200)).body.actions as Record<string, unknown>[])[0];
    expect(await action('2019-12-05')).toMatchObject({ dueDate: '2019-11-30', slips: 0, overdue: true });
    expect(await action('2019-12-10')).toMatchObject({ dueDate: '2020-02-28', originalDueDate: '2019-11-30', slips: 1, daysSlipped: 90, overdue: false });
  });

  it('answers a replay before anything was known with a 404 that says so and how to ask with knownAt=latest', async () => {
    const res = await get('/api/indicators/da-live?asOf=2019-11-15');
    expect(res.status).toBe(404);
    expect(res.body.code).toBe('INDICATOR.NOT_FOUND');
    expect(res.body.detail).toContain('nothing was known about indicator "da-live" at 2019-11-15T23:59:59.999Z');
    expect(res.body.detail).toContain('/api/indicators/da-live?asOf=2019-11-15&knownAt=latest');
    const now = await get('/api/indicators/da-live?asOf=2019-11-15&knownAt=latest').expect(200);
    expect(now.body.value).toBe(686);
    const history = await get('/api/indicators/da-live/history?asOf=2019-11-15');
    expect(history.status).toBe(404);
    expect(history.body.detail).toContain('knownAt=latest');
    const never = await get('/api/indicators/never-registered?asOf=2019-11-15');
    expect(never.status).toBe(404);
    expect(never.body.detail).toBe('no indicator "never-registered" is known at 2019-11-15T23:59:59.999Z');
  });
});
