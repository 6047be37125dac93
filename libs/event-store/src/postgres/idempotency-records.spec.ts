import { randomBytes } from 'node:crypto';
import { openDatabase, type Database } from './database.js';
import { IdempotencyRecords } from './idempotency-records.js';
import { migrate } from './migrations.js';
import { PostgresEventStore } from './postgres-event-store.js';
import { event } from '../testing/event-store.contract.js';
import { TEST_DATABASE_URL } from '../testing/test-database.js';

const kinds = TEST_DATABASE_URL ? (['embedded', 'server'] as const) : (['embedded'] as const);

describe.each(kinds)('IdempotencyRecords on %s PostgreSQL', (kind) => {
  let db: Database;
  let schema: string;

  beforeEach(async () => {
    db = await openDatabase(kind === 'server' ? { databaseUrl: TEST_DATABASE_URL, poolSize: 4 } : { dataDir: 'memory://' });
    schema = kind === 'server' ? `t_${randomBytes(6).toString('hex')}` : 'public';
  });
  afterEach(async () => {
    if (kind === 'server') await db.pool.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await db.close();
  });

  const response = { requestHash: 'h1', status: 201, bodyJson: '{"streamId":"indicator-a","revision":0}', etag: '"0"' };

  it('moves the records an earlier version kept as events out of the domain log, still replayable', async () => {
    await migrate(db.pool, schema, { throughVersion: 2 });
    const store = new PostgresEventStore({ pool: db.pool, schema });
    const key = 'a'.repeat(40);
    await store.append(`idempotency-${key}`, [{ ...event('IdempotentRequestCompleted', { ...response }), metadata: {} }], { expectedRevision: 'no-stream' });
    const domain = await store.append('indicator-a', [event()]);

    await migrate(db.pool, schema);

    const { rows } = await db.pool.query<{ stream_id: string; type: string }>(`SELECT stream_id, type FROM ${schema}.rm_events`);
    expect(rows).toEqual([{ stream_id: 'indicator-a', type: 'FigureRecorded' }]);
    const streams = await db.pool.query<{ stream_id: string }>(`SELECT stream_id FROM ${schema}.rm_streams`);
    expect(streams.rows).toEqual([{ stream_id: 'indicator-a' }]);
    expect(await store.headPosition()).toBe(domain.position);
    expect(await new IdempotencyRecords(db.pool, schema).claim(key, 'h1')).toEqual({ kind: 'completed', response });
    await store.close();
  });

  it('lets one request claim a key; others see it pending, then the completed response', async () => {
    await migrate(db.pool, schema);
    const records = new IdempotencyRecords(db.pool, schema);
    const first = await records.claim('k1', 'h1');
    expect(first.kind).toBe('claimed');
    expect(await records.claim('k1', 'h1')).toEqual({ kind: 'pending' });
    expect(await records.complete('k1', (first as { token: string }).token, response)).toBe(true);
    expect(await records.claim('k1', 'h2')).toEqual({ kind: 'completed', response });
  });

  it('frees the key of an abandoned (rejected) request', async () => {
    await migrate(db.pool, schema);
    const records = new IdempotencyRecords(db.pool, schema);
    const first = (await records.claim('k2', 'h1')) as { kind: 'claimed'; token: string };
    await records.abandon('k2', first.token);
    const { rows } = await db.pool.query(`SELECT * FROM ${schema}.rm_idempotency`);
    expect(rows).toEqual([]);
    expect((await records.claim('k2', 'h2')).kind).toBe('claimed');
  });

  it('hands a lapsed claim (its process died) to the next request; the late first one cannot overwrite it', async () => {
    await migrate(db.pool, schema);
    const records = new IdempotencyRecords(db.pool, schema, 1);
    const first = (await records.claim('k3', 'h1')) as { kind: 'claimed'; token: string };
    await db.pool.query('SELECT pg_sleep(0.01)');
    const second = (await records.claim('k3', 'h1')) as { kind: 'claimed'; token: string };
    expect(second.kind).toBe('claimed');
    expect(await records.complete('k3', first.token, { ...response, status: 500 })).toBe(false);
    expect(await records.complete('k3', second.token, response)).toBe(true);
    const { rows } = await db.pool.query<{ status: number; expires_at: Date; created_at: Date }>(`SELECT status, expires_at, created_at FROM ${schema}.rm_idempotency`);
    expect(rows.map((r) => r.status)).toEqual([201]);
    expect(rows[0].expires_at.getTime() - rows[0].created_at.getTime()).toBe(24 * 3600_000);
  });
});
