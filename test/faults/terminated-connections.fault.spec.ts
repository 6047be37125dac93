import { describeOnServer, TEST_DATABASE_URL } from '@rm/event-store/testing';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { bearer, daIndicator, startApi, type ApiHarness } from '../support/api-harness.js';
import { eventually } from '../support/eventually.js';
import { expectWrite, post, streamEvents } from '../support/write-api.js';

const WRITERS = 6;
const STORM_MS = 3000;

describeOnServer('terminated-connections.fault: PostgreSQL drops every connection of the app mid-load', () => {
  // The app's connections carry a name of their own, so that only they are terminated on a shared server.
  const appName = `rm_fault_${randomBytes(4).toString('hex')}`;
  const url = new URL(TEST_DATABASE_URL!);
  url.searchParams.set('application_name', appName);
  const admin = new pg.Pool({ connectionString: TEST_DATABASE_URL, max: 1 });
  let api: ApiHarness;

  beforeAll(async () => {
    api = await startApi(url.toString(), { DATABASE_POOL_SIZE: '6' });
    expectWrite(await post(api, '/api/indicators', daIndicator('storm')));
  });
  afterAll(async () => {
    await api?.close();
    await admin.end();
  });

  it('answers 503 problem+json (never 500) while connections fail, recovers without a restart, and loses no acknowledged write', async () => {
    let storming = true;
    let terminated = 0;
    const acknowledged: string[] = [];
    const unavailable: number[] = [];
    const unexpected: string[] = [];
    const writer = async (w: number) => {
      for (let i = 0; storming; i++) {
        const source = `writer ${w} #${i}`;
        const res = await post(api, '/api/indicators/storm/figures', { value: i, effectiveAt: '2019-11-01', source });
        if (res.status === 201) acknowledged.push(source);
        else if (res.status === 503 && res.headers['content-type']?.startsWith('application/problem+json') && res.headers['retry-after']) unavailable.push(res.status);
        else unexpected.push(`${res.status} ${res.headers['content-type']} ${res.text}`);
      }
    };
    const storm = async () => {
      const until = Date.now() + STORM_MS;
      while (Date.now() < until) {
        const { rows } = await admin.query<{ n: number }>(
          'SELECT count(pg_terminate_backend(pid))::int AS n FROM pg_stat_activity WHERE application_name = $1',
          [appName],
        );
        terminated += rows[0].n;
        await new Promise((r) => setTimeout(r, 20));
      }
      storming = false;
    };
    await Promise.all([storm(), ...Array.from({ length: WRITERS }, (_, w) => writer(w))]);

    expect(unexpected).toEqual([]);
    expect(terminated).toBeGreaterThan(0);
    expect(unavailable.length).toBeGreaterThan(0);

    // Back without a restart: a write lands, and the projections (whose connections died too) catch up.
    const after = await eventually(async () => expectWrite(await post(api, '/api/indicators/storm/figures', { value: 1, effectiveAt: '2019-11-02', source: 'after the storm' })));
    acknowledged.push('after the storm');
    const read = await eventually(async () => {
      const res = await api.http.get(`/api/indicators/storm?waitFor=${after.position}`).set(bearer(api.tokens.board));
      if (res.status !== 200) throw new Error(`read after the storm: ${res.status} ${res.text}`);
      return res.body as { value: number };
    });
    expect(read.value).toBe(1);

    const stored = (await streamEvents(api, 'indicator-storm')).map((e) => e.data.source as string | undefined);
    const counts = new Map<string | undefined, number>();
    for (const s of stored) counts.set(s, (counts.get(s) ?? 0) + 1);
    expect(acknowledged.filter((s) => counts.get(s) !== 1)).toEqual([]);
  }, 60_000);
});
