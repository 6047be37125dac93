import { describeOnServer, TEST_DATABASE_URL } from '@rm/event-store/testing';
import pg from 'pg';
import { daIndicator, startApi, type ApiHarness } from '../support/api-harness.js';
import { expectWrite, post } from '../support/write-api.js';

const INDICATORS = 10;
const WRITES = 100;

describeOnServer('idempotency-pool.e2e: Idempotency-Key never waits on the pool it holds', () => {
  let api: ApiHarness | undefined;
  const admin = new pg.Pool({ connectionString: TEST_DATABASE_URL, max: 1 });
  afterAll(async () => {
    await api?.close();
    await admin.end();
  });

  it(`completes ${WRITES} concurrent keyed writes on a pool of 4, keeps the domain log to domain events, and shuts down`, async () => {
    api = await startApi(TEST_DATABASE_URL!, { DATABASE_POOL_SIZE: '4' });
    for (let i = 0; i < INDICATORS; i++) expectWrite(await post(api, '/api/indicators', daIndicator(`pool-${i}`)));
    const before = await api.eventCount();

    const writes = await Promise.all(
      Array.from({ length: WRITES }, (_, i) =>
        post(api!, `/api/indicators/pool-${i % INDICATORS}/figures`, { value: i, effectiveAt: '2019-11-01', source: `return ${i}` }, { idempotencyKey: `key-${i}` }),
      ),
    );
    expect(writes.map((w) => w.status)).toEqual(writes.map(() => 201));
    expect(await api.eventCount()).toBe(before + WRITES);

    const { rows } = await admin.query<{ type: string }>(`SELECT DISTINCT type FROM ${api.schema}.rm_events ORDER BY type`);
    expect(rows.map((r) => r.type)).toEqual(['FigureRecorded', 'IndicatorRegistered']);
    const records = await admin.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${api.schema}.rm_idempotency WHERE status = 201`);
    expect(records.rows[0].n).toBe(WRITES);

    const replay = await post(api, '/api/indicators/pool-7/figures', { value: 7, effectiveAt: '2019-11-01', source: 'return 7' }, { idempotencyKey: 'key-7' });
    expect(replay.headers['idempotent-replayed']).toBe('true');
    expect(replay.body).toEqual(writes[7].body);

    const closed = api.close().then(() => 'closed');
    api = undefined;
    const timeout = new Promise((r) => setTimeout(() => r('shutdown hung for 10 s'), 10_000).unref());
    expect(await Promise.race([closed, timeout])).toBe('closed');
  }, 120_000);
});
