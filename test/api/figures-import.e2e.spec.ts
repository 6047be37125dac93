import { TEST_DATABASE_URL } from '@rm/event-store/testing';
import type { Role } from '../../apps/api/src/auth/roles.js';
import { bearer, daIndicator, type ApiHarness } from '../support/api-harness.js';
import { logVisibleThrough } from '../support/eventually.js';
import { startImportApi } from '../support/import-harness.js';
import { eventsAfter, post } from '../support/write-api.js';

const stores = TEST_DATABASE_URL ? (['pglite', 'postgres'] as const) : (['pglite'] as const);

describe.each(stores)('figures-import.e2e: the weekly return as CSV on %s', (kind) => {
  let api: ApiHarness;
  beforeAll(async () => {
    api = await startImportApi(kind, TEST_DATABASE_URL);
    await post(api, '/api/indicators', daIndicator('da-csv')).expect(201);
  });
  afterAll(async () => api?.close());

  const upload = (csv: string, role: Role = 'programme-office', dryRun = false) =>
    api.http.post(`/api/imports/figures${dryRun ? '?dryRun=true' : ''}`).set(bearer(api.tokens[role])).set('Content-Type', 'text/csv').send(csv);
  const figures = async () => (await eventsAfter(api)).filter((e) => e.type === 'FigureRecorded');

  it('imports rows as figures, two identical rows being one figure, and a re-import writes nothing', async () => {
    const csv = [
      'indicator,effectiveAt,value,source,note',
      'da-csv,2019-10-04,612,weekly return,',
      'da-csv,2019-10-11,"650",weekly return,"late, after a system outage"',
      'da-csv,2019-10-11,650,weekly return,"late, after a system outage"',
      'da-csv,2019-10-18,686,weekly return,',
    ].join('\r\n');
    const dry = await upload(csv, 'programme-office', true);
    expect(dry.status).toBe(200);
    expect(dry.body).toEqual({ rows: 4, written: 0, wouldWrite: 3 });
    expect(await figures()).toHaveLength(0);

    const res = await upload(csv);
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ rows: 4, written: 3, unchanged: 1, firstPosition: expect.stringMatching(/^\d+$/) });
    await logVisibleThrough(api, res.body.lastPosition);
    const recorded = await figures();
    expect(recorded.map((e) => e.data.value)).toEqual([612, 650, 686]);
    expect(recorded[1].data).toMatchObject({ note: 'late, after a system outage', source: 'weekly return', effectiveAt: '2019-10-11' });
    for (const e of recorded) {
      expect(e.knownAt).toBe(e.recordedAt);
      expect(e.metadata.imported).toBeUndefined();
    }

    const again = await upload(csv);
    expect(again.status).toBe(200);
    expect(again.body).toEqual({ rows: 4, written: 0, unchanged: 4, firstPosition: null, lastPosition: null });
    expect(await figures()).toHaveLength(3);

    const read = await api.http.get(`/api/indicators/da-csv?asOf=2019-10-31&knownAt=latest&waitFor=${res.body.lastPosition}`).set(bearer(api.tokens.board)).expect(200);
    expect(read.body).toMatchObject({ value: 686, peak: 686 });
  });

  it('takes a reportedAt column from an admin only (403 otherwise): the rows become history known then', async () => {
    const csv = 'indicator,effectiveAt,value,source,figureId,reportedAt\nda-csv,2019-11-01,690,fieldwork,fw-1,2019-11-02T09:00:00Z\n';
    const refused = await upload(csv, 'programme-office');
    expect(refused.status).toBe(403);
    expect(refused.headers['content-type']).toMatch(/problem\+json/);
    const res = await upload(csv, 'admin');
    expect(res.status).toBe(201);
    await logVisibleThrough(api, res.body.lastPosition);
    const [figure] = (await figures()).filter((e) => e.data.figureId === 'fw-1');
    expect(figure).toMatchObject({ knownAt: '2019-11-02T09:00:00.000Z', metadata: { imported: true, reportedAt: '2019-11-02T09:00:00.000Z', importedBy: { sub: 'admin-1' } } });
    const then = await api.http.get(`/api/indicators/da-csv?asOf=2019-11-03&knownAt=latest&waitFor=${res.body.lastPosition}`).set(bearer(api.tokens.inspector)).expect(200);
    expect(then.body.value).toBe(690);
  });

  it('reports every bad row by its line (the header is line 1) and writes nothing', async () => {
    const before = await eventsAfter(api);
    const csv = [
      'indicator,effectiveAt,value,source',
      'da-csv,2019-12-06,700,weekly return', // 2: fine
      'da-csv,2019-12-13,lots,weekly return', // 3
      'no-such-indicator,2019-12-13,5,weekly return', // 4
      'da-csv,2099-12-13,5,weekly return', // 5: in the future
      'da-csv,2019-12-20,5', // 6: a column short
      'da-csv,not-a-date,5,weekly return', // 7
      'Bad Id,2019-12-20,5,weekly return', // 8
    ].join('\n');
    const res = await upload(csv);
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('IMPORT.INVALID');
    expect(res.body.errors.map(({ line, field }: { line: number; field: string }) => ({ line, field }))).toEqual([
      { line: 3, field: 'value' },
      { line: 4, field: 'indicator' },
      { line: 5, field: 'effectiveAt' },
      { line: 6, field: '(row)' },
      { line: 7, field: 'effectiveAt' },
      { line: 8, field: 'indicator' },
    ]);
    const header = await upload('indicator,when,value\nda-csv,2019-12-06,700\n');
    expect(header.status).toBe(400);
    expect(header.body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ line: 1, field: 'effectiveAt' }), expect.objectContaining({ line: 1, field: 'when' })]));
    expect(await eventsAfter(api)).toEqual(before);
  });

  it('refuses roles that may not import and bodies that are not CSV', async () => {
    for (const role of ['inspector', 'board'] as const) expect((await upload('indicator,effectiveAt,value,source\n', role)).status).toBe(403);
    const json = await api.http.post('/api/imports/figures').set(bearer(api.tokens['programme-office'])).send({ rows: [] });
    expect(json.status).toBe(415);
  });
});
