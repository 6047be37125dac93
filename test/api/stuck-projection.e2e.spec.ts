import { randomUUID } from 'node:crypto';
import { EVENT_STORE, type EventStore } from '@rm/event-store';
import { TEST_DATABASE_URL } from '@rm/event-store/testing';
import { rebuild } from '../../apps/cli/src/rebuild.command.js';
import { loadConfig } from '@rm/config';
import { bearer, startApi, TEST_SECRET } from '../support/api-harness.js';
import { startEmbeddedApi, type EmbeddedApi } from '../support/embedded-api.js';
import { eventually } from '../support/eventually.js';
import { daIndicator } from '../support/iops-fixtures.js';

const WAIT_FOR_TIMEOUT_MS = 20_000;
const figure = (figureId: string, effectiveAt: string) => ({ figureId, value: 686, effectiveAt, source: 'HMICFRS fieldwork' });

/**
 * An event the domain would refuse, planted straight in the store (as an old import or a hand
 * edit could leave it): year 0 is a date JavaScript reads but PostgreSQL cannot store.
 */
async function plantUnstorableFigure(store: EventStore, indicatorId: string) {
  const id = randomUUID();
  const { position } = await store.append(`indicator-${indicatorId}`, [
    { id, type: 'FigureRecorded', data: { indicatorId, figureId: 'f-planted', value: 1, effectiveAt: '0000-01-01', source: 'planted' }, metadata: { actor: { sub: 'test' }, effectiveAt: '0000-01-01T00:00:00.000Z' } },
  ], { expectedRevision: 'any' });
  return { id, position: String(position) };
}

const servers: [string, () => Promise<EmbeddedApi & { cliConfig?: ReturnType<typeof loadConfig> }>][] = [
  ['embedded PGlite', () => startEmbeddedApi({ WAIT_FOR_TIMEOUT_MS: String(WAIT_FOR_TIMEOUT_MS) })],
];
if (TEST_DATABASE_URL)
  servers.push([
    'a PostgreSQL server',
    async () => {
      const api = await startApi(TEST_DATABASE_URL!, { WAIT_FOR_TIMEOUT_MS: String(WAIT_FOR_TIMEOUT_MS) });
      const cliConfig = loadConfig({ DATABASE_URL: TEST_DATABASE_URL, DATABASE_SCHEMA: api.schema, AUTH_JWT_SECRET: TEST_SECRET });
      return { ...api, cliConfig };
    },
  ]);

describe.each(servers)('stuck-projection.e2e on %s: a projection that cannot apply an event says so', (kind, start) => {
  let api: EmbeddedApi & { cliConfig?: ReturnType<typeof loadConfig> };
  let before: string;
  let planted: { id: string; position: string };
  let after: string;
  beforeAll(async () => {
    api = await start();
    const write = (path: string, body: object) => api.http.post(path).set(bearer(api.tokens['programme-office'])).send(body).expect(201);
    await write('/api/indicators', daIndicator('da-stuck'));
    before = (await write('/api/indicators/da-stuck/figures', figure('f-1', '2019-11-01'))).body.position;
    planted = await plantUnstorableFigure(api.app.get(EVENT_STORE), 'da-stuck');
    after = (await write('/api/indicators/da-stuck/figures', figure('f-2', '2019-11-02'))).body.position;
  });
  afterAll(async () => api?.close());

  const get = (path: string, role: 'inspector' | 'admin' = 'inspector') => api.http.get(path).set(bearer(api.tokens[role]));

  it('reads up to the event before it; a waitFor beyond it answers 503 naming the projection, at once', async () => {
    expect((await get(`/api/indicators/da-stuck?waitFor=${before}`)).status).toBe(200);
    const started = Date.now();
    const res = await get(`/api/indicators/da-stuck?waitFor=${after}`);
    expect(Date.now() - started).toBeLessThan(WAIT_FOR_TIMEOUT_MS / 2);
    expect(res.status).toBe(503);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body).toMatchObject({ code: 'READ_MODELS.PROJECTION_STUCK', stuck: { eventId: planted.id, position: planted.position, eventType: 'FigureRecorded' } });
    expect(res.body.detail).toContain(res.body.stuck.projection);
  });

  it('/health is degraded with the projection, position and error; readiness 503, liveness 200', async () => {
    const health = await eventually(async () => {
      const res = await api.http.get('/health');
      if (res.status !== 503) throw new Error(`health still ${res.status}`);
      return res.body;
    });
    expect(health).toMatchObject({ status: 'degraded', ready: false, database: { reachable: true } });
    expect(health.projections.stuck).toEqual([expect.objectContaining({ projection: expect.stringMatching(/\.v\d+$/), position: planted.position, eventId: planted.id, error: expect.stringMatching(/out of range/) })]);
    expect(BigInt(health.projections.position)).toBeLessThan(BigInt(planted.position));
    const ready = await api.http.get('/health/ready');
    expect(ready.status).toBe(503);
    expect(ready.body).toMatchObject({ status: 'degraded', ready: false, stuck: [expect.objectContaining({ eventId: planted.id })] });
    expect((await api.http.get('/health/live')).status).toBe(200);
  });

  it('an admin sees every checkpoint and the stuck event', async () => {
    expect((await get('/api/admin/projections')).status).toBe(403);
    const res = await get('/api/admin/projections', 'admin').expect(200);
    const stuck = res.body.projections.filter((p: { status: string }) => p.status === 'stuck');
    expect(stuck).toEqual([expect.objectContaining({ status: 'stuck', stuck: expect.objectContaining({ eventId: planted.id, eventType: 'FigureRecorded', position: planted.position }) })]);
    expect(BigInt(stuck[0].checkpoint)).toBeLessThan(BigInt(planted.position));
    expect(res.body.projections.length).toBeGreaterThan(1);
  });

  it('POST /api/admin/rebuild reports the failure and stops', async () => {
    await get('/api/admin/rebuild', 'admin');
    expect((await api.http.post('/api/admin/rebuild').set(bearer(api.tokens.admin))).status).toBe(202);
    const status = await eventually(async () => {
      const res = await get('/api/admin/rebuild', 'admin');
      if (res.body.state === 'running') throw new Error('still running');
      return res.body;
    });
    expect(status).toMatchObject({ state: 'failed', stuck: { eventId: planted.id, position: planted.position } });
    expect(status.error).toContain(planted.id);
  });

  // The embedded database has one owner, the app: its rebuild is the admin route above.
  if (kind === 'a PostgreSQL server')
    it('npm run rebuild reports the failure and stops', async () => {
      const banner = console.error; // the command's banner and progress bar
      console.error = () => undefined;
      try {
        await expect(rebuild(api.cliConfig!)).rejects.toThrow(`cannot apply event ${planted.id} (FigureRecorded) at position ${planted.position}`);
      } finally {
        console.error = banner;
      }
    });
});
