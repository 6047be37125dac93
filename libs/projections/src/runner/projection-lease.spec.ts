import { randomUUID } from 'node:crypto';
import { describeOnServer, TEST_DATABASE_URL } from '@rm/event-store/testing';
import { openReadModelFixture, type ReadModelFixture } from '../testing/read-model-fixture.js';
import { pgBusyQueries, stallableRelay } from '../testing/pg-busy.js';
import { advisoryLockLease, type LeaseProvider } from './lease.js';
import type { Projection, ReadDb } from './projection.js';
import { ProjectionRunner } from './projection-runner.js';

/** Inserts without ON CONFLICT: a second application of any event fails loudly. */
const strictProjection = (name: string): Projection => ({
  name,
  handles: ['Tick'],
  async apply(events, db: ReadDb) {
    for (const e of events) await db.query(`INSERT INTO ${db.schema}.t_applied (projection, position) VALUES ($1, $2)`, [name, String(e.position)]);
  },
});

const tick = () => ({ id: randomUUID(), type: 'Tick', data: {} });

async function until(condition: () => boolean | Promise<boolean>, timeoutMs: number): Promise<number> {
  const started = Date.now();
  while (!(await condition())) {
    if (Date.now() - started > timeoutMs) throw new Error(`not within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 25));
  }
  return Date.now() - started;
}

describeOnServer('advisoryLockLease heartbeat (PostgreSQL server)', () => {
  it('sends one heartbeat at a time while the server does not answer, and keeps the lease when it does', async () => {
    const relay = await stallableRelay(TEST_DATABASE_URL!);
    const busy = pgBusyQueries();
    const lease = await advisoryLockLease({ connectionString: relay.url }, 10).acquire(`busy-${randomUUID()}`, new AbortController().signal);
    try {
      expect(lease?.held).toBe(true);
      relay.stall();
      // The replies are held for twenty heartbeat intervals: a time to let pass, not a state to probe.
      await new Promise((r) => setTimeout(r, 200));
      relay.resume();
      expect(lease!.held).toBe(true);
    } finally {
      await lease?.release();
      await relay.close();
      busy.stop();
    }
    expect(busy.seen).toEqual([]);
  });
});

describeOnServer('Projection workers sharing a lease (PostgreSQL server)', () => {
  let f: ReadModelFixture;
  const errors: unknown[] = [];
  beforeAll(async () => {
    f = await openReadModelFixture('server');
    await f.read.db.query(`CREATE TABLE ${f.read.schema}.t_applied (projection text, position bigint, PRIMARY KEY (projection, position))`);
  });
  afterAll(async () => f?.dispose());

  const worker = (lease: LeaseProvider, name: string) =>
    new ProjectionRunner(f.t.store, f.read, [strictProjection(name)], lease, { retryMs: 100, onError: (e) => errors.push(e) });
  const applied = async (name: string) =>
    (await f.read.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${f.read.schema}.t_applied WHERE projection = $1`, [name]))[0].n;

  it('one worker applies at a time; a standby takes over within seconds when the holder dies', async () => {
    const lease = advisoryLockLease(f.t.db.clientConfig!, 200);
    const a = worker(lease, 'lease.v1');
    const b = worker(lease, 'lease.v1');
    a.start();
    b.start();
    await until(() => a.leaseHeld || b.leaseHeld, 5000);
    expect(a.leaseHeld && b.leaseHeld).toBe(false);
    const [holder, standby] = a.leaseHeld ? [a, b] : [b, a];
    const first = await f.t.store.append('ticks', [tick(), tick(), tick()]);
    await until(() => holder.position >= first.position, 10_000);
    await holder.stop(); // its lease connection closes, as when the process dies
    const second = await f.t.store.append('ticks', [tick(), tick()]);
    const tookOver = await until(() => standby.leaseHeld && standby.position >= second.position, 10_000);
    expect(tookOver).toBeLessThan(5000);
    expect(await applied('lease.v1')).toBe(5);
    await standby.stop();
    expect(errors).toEqual([]);
  });

  it('even two workers that both believe they hold the lease never both apply an event', async () => {
    const confused: LeaseProvider = { acquire: async () => ({ held: true, release: async () => undefined }) };
    const a = worker(confused, 'fenced.v1');
    const b = worker(confused, 'fenced.v1');
    a.start();
    b.start();
    let last = 0n;
    for (let i = 0; i < 10; i++) last = (await f.t.store.append('fenced', [tick(), tick()])).position;
    await until(() => a.position >= last || b.position >= last, 15_000);
    await Promise.all([a.stop(), b.stop()]);
    const rows = await f.read.db.query<{ position: string }>(`SELECT position FROM ${f.read.schema}.t_applied WHERE projection = 'fenced.v1'`);
    const ticks = await f.t.store.readAll({ types: ['Tick'], limit: 1000 });
    expect(ticks.length).toBeGreaterThanOrEqual(20);
    expect(rows.map((r) => r.position).sort()).toEqual(ticks.map((e) => e.position.toString()).sort());
  });
});
