import { parse } from 'csv-parse/sync';
import { TEST_DATABASE_URL } from '@rm/event-store/testing';
import { bearer, daIndicator, type ApiHarness } from '../support/api-harness.js';
import { startImportApi } from '../support/import-harness.js';
import { action, iopsPlan } from '../support/iops-fixtures.js';
import { post } from '../support/write-api.js';

const kind = TEST_DATABASE_URL ? 'postgres' : 'pglite';

describe(`csv-export.e2e: list reads as text/csv on ${kind}`, () => {
  let api: ApiHarness;
  let through: string;
  beforeAll(async () => {
    api = await startImportApi(kind, TEST_DATABASE_URL);
    await post(api, '/api/indicators', { ...daIndicator('da-csv'), name: 'Domestic abuse, awaiting "DASH"' }).expect(201);
    await post(api, '/api/indicators/da-csv/figures', { value: 900, effectiveAt: '2019-10-30', source: 'weekly' }).expect(201);
    await post(api, '/api/indicators/da-csv/figures', { value: 686, effectiveAt: '2019-11-01', source: 'HMICFRS fieldwork' }).expect(201);
    await post(api, '/api/plans', iopsPlan('plan-csv')).expect(201);
    through = (await post(api, '/api/plans/plan-csv/actions', action('A1', { dueDate: '2019-11-30', indicators: ['da-csv'] })).expect(201)).body.position;
  });
  afterAll(async () => api?.close());

  const csv = async (path: string) => {
    const res = await api.http.get(`${path}${path.includes('?') ? '&' : '?'}waitFor=${through}`).set(bearer(api.tokens.board)).set('Accept', 'text/csv');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/csv/);
    const { 'x-as-of': asOf, 'x-known-at': knownAt, 'x-position': position } = res.headers;
    expect(position).toMatch(/^\d+$/);
    const file = /filename="([^"]+)"/.exec(res.headers['content-disposition'])![1];
    expect(file).toBe(`${path.split('?')[0].replace('/api/', '').replace(/\//g, '-')}_asOf-${asOf.replace(/:/g, '')}_knownAt-${knownAt.replace(/:/g, '')}_position-${position}.csv`);
    return { rows: parse(res.text, { columns: true }) as Record<string, string>[], asOf, knownAt, position, text: res.text };
  };

  it('answers /api/indicators as CSV, stating asOf, knownAt and position in headers and the file name only', async () => {
    const { rows, asOf, knownAt, position, text } = await csv('/api/indicators?asOf=2019-11-15&knownAt=latest');
    expect([asOf, knownAt]).toEqual(['2019-11-15T23:59:59.999Z', 'latest']);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ id: 'da-csv', name: 'Domestic abuse, awaiting "DASH"', value: '686', peak: '900', 'baseline.value': '0', 'baseline.source': 'GMP pre-go-live returns', questions: '1; 2' });
    expect(text).not.toContain(position);
    const json = await api.http.get('/api/indicators?asOf=2019-11-15&knownAt=latest').set(bearer(api.tokens.board)).expect(200);
    expect(json.body.indicators[0].value).toBe(686);
  });

  it('answers history, actions and the scorecard as CSV', async () => {
    const history = await csv('/api/indicators/da-csv/history?from=2019-10-30&to=2019-11-02&knownAt=latest');
    expect(history.rows).toEqual([
      { date: '2019-10-30', value: '900' },
      { date: '2019-10-31', value: '900' },
      { date: '2019-11-01', value: '686' },
      { date: '2019-11-02', value: '686' },
    ]);
    const actions = await csv('/api/actions?asOf=2019-12-05&knownAt=latest');
    expect(actions.rows).toEqual([expect.objectContaining({ planId: 'plan-csv', actionId: 'A1', dueDate: '2019-11-30', overdue: 'true', indicators: 'da-csv' })]);
    const card = await csv('/api/scorecard?asOf=2019-11-15&knownAt=latest');
    expect(card.rows.map((r) => r.question)).toEqual(['1', '2', '3', '4', '5', '6']);
    expect(Object.keys(card.rows[0])).toEqual(expect.arrayContaining(['status', 'rule']));
  });

  it('answers /api/projections as CSV, one row per indicator, equal to the JSON list', async () => {
    const { rows } = await csv('/api/projections?asOf=2019-11-15&knownAt=latest');
    const json = await api.http.get(`/api/projections?asOf=2019-11-15&knownAt=latest&waitFor=${through}`).set(bearer(api.tokens.board)).expect(200);
    expect(rows.map((r) => r.indicatorId)).toEqual(json.body.projections.map((p: { indicatorId: string }) => p.indicatorId));
    expect(rows[0]).toMatchObject({ indicatorId: 'da-csv', method: 'ols', status: json.body.projections[0].status });
  });

  it('keeps JSON for reads that are not lists and for errors', async () => {
    const one = await api.http.get('/api/indicators/da-csv').set(bearer(api.tokens.board)).set('Accept', 'text/csv');
    expect(one.headers['content-type']).toMatch(/^application\/json/);
    const bad = await api.http.get('/api/indicators?asOf=yesterday').set(bearer(api.tokens.board)).set('Accept', 'text/csv');
    expect(bad.status).toBe(400);
    expect(bad.headers['content-type']).toMatch(/^application\/problem\+json/);
  });
});
