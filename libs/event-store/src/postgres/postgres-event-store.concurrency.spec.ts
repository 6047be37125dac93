import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { WrongExpectedRevision } from '../event-store.errors.js';
import type { RecordedEvent } from '../event-store.port.js';
import { event } from '../testing/event-store.contract.js';
import { describeOnServer, openTestStore, TEST_DATABASE_URL, type TestStore } from '../testing/test-database.js';
import { PostgresEventStore } from './postgres-event-store.js';

const payload = (type: string) => JSON.stringify([{ id: randomUUID(), type, data: {}, metadata: {} }]);

describeOnServer('PostgresEventStore under concurrency (PostgreSQL server)', () => {
  let t: TestStore;
  const held: pg.Client[] = [];
  beforeAll(async () => {
    t = await openTestStore('server', { pollFallbackMs: 1000 });
  });
  afterEach(async () => {
    await Promise.all(held.splice(0).map((c) => c.end()));
  });
  afterAll(async () => t?.dispose());

  async function openTransaction(): Promise<pg.Client> {
    const client = new pg.Client({ connectionString: TEST_DATABASE_URL });
    await client.connect();
    held.push(client);
    await client.query('BEGIN');
    return client;
  }

  it('withStreamLock: read-then-append writers of one stream on two pools take turns; none meets a stale revision', async () => {
    const stream = `indicator-${randomUUID()}`;
    const other = new pg.Pool({ connectionString: TEST_DATABASE_URL, max: 4 });
    const stores = [t.db.pool, other].map((pool) => new PostgresEventStore({ pool, schema: t.schema, streamLocks: true }));
    try {
      const writes = Array.from({ length: 40 }, (_, i) =>
        stores[i % 2].withStreamLock(stream, async (writer) => {
          const current = await writer.readStream(stream, { direction: 'backwards', maxCount: 1 });
          return writer.append(stream, [event()], { expectedRevision: current[0]?.revision ?? 'no-stream' });
        }),
      );
      const results = await Promise.allSettled(writes);
      expect(results.filter((r) => r.status === 'rejected').map((r) => String((r as PromiseRejectedResult).reason))).toEqual([]);
      expect((await t.store.readStream(stream)).map((e) => e.revision)).toEqual(Array.from({ length: 40 }, (_, i) => BigInt(i)));
    } finally {
      await Promise.all(stores.map((s) => s.close()));
      await other.end();
    }
  });

  it('withStreamLock: an append before any read (state from a cache) takes the lock with it; a stale revision fails, the retry under the lock lands, text arrives intact', async () => {
    const stream = `indicator-${randomUUID()}`;
    const locked = new PostgresEventStore({ pool: t.db.pool, schema: t.schema, streamLocks: true });
    const text = `it's a back\\slash \\' and ''quotes'', a tab\t, é 😀 and $1 $$ ;`;
    const data = { text, [text]: [text] };
    try {
      await locked.withStreamLock(stream, (writer) => writer.append(stream, [{ ...event(), data }], { expectedRevision: 'no-stream' }));
      await t.store.append(stream, [event()], { expectedRevision: 0n });
      const attempts: string[] = [];
      const result = await locked.withStreamLock(stream, async (writer) => {
        try {
          return await writer.append(stream, [{ ...event(), data }], { expectedRevision: 0n });
        } catch (err) {
          attempts.push(err instanceof WrongExpectedRevision ? 'stale' : String(err));
          const [last] = await writer.readStream(stream, { direction: 'backwards', maxCount: 1 });
          return writer.append(stream, [{ ...event(), data }], { expectedRevision: last.revision });
        }
      });
      expect(attempts).toEqual(['stale']);
      expect(result.revision).toBe(2n);
      const stored = await t.store.readStream(stream);
      expect(stored.map((e) => e.data)).toEqual([data, stored[1].data, data]);
    } finally {
      await locked.close();
    }
  });

  it('of many writers racing with the same expected revision, exactly one wins', async () => {
    const stream = `indicator-${randomUUID()}`;
    await t.store.append(stream, [event()]);
    const results = await Promise.allSettled(
      Array.from({ length: 20 }, () => t.store.append(stream, [event()], { expectedRevision: 0n })),
    );
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const rejected = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(rejected).toHaveLength(19);
    for (const r of rejected) expect(r.reason).toBeInstanceOf(WrongExpectedRevision);
    expect(await t.store.readStream(stream)).toHaveLength(2);
  });

  it("16 writers appending with 'any' to one stream lose, duplicate and reorder nothing", async () => {
    const stream = `indicator-${randomUUID()}`;
    const ids: string[][] = [];
    await Promise.all(
      Array.from({ length: 16 }, async (_, w) => {
        ids[w] = [];
        for (let i = 0; i < 25; i++) {
          const e = event('FigureRecorded', { writer: w, i });
          ids[w].push(e.id);
          await t.store.append(stream, [e]);
        }
      }),
    );
    const read = await t.store.readStream(stream);
    expect(read.map((e) => e.revision)).toEqual(Array.from({ length: 400 }, (_, i) => BigInt(i)));
    expect(new Set(read.map((e) => e.id)).size).toBe(400);
    for (let w = 0; w < 16; w++) expect(read.filter((e) => e.data.writer === w).map((e) => e.id)).toEqual(ids[w]);
  });

  it('concurrent identical retries store the events once and both get the original result', async () => {
    const stream = `indicator-${randomUUID()}`;
    const batch = [event(), event()];
    const results = await Promise.all(Array.from({ length: 8 }, () => t.store.append(stream, batch)));
    for (const r of results) expect(r).toEqual(results[0]);
    expect(await t.store.readStream(stream)).toHaveLength(2);
  });

  it('a reader never sees past a transaction that began earlier and is still open', async () => {
    const early = await openTransaction();
    await early.query('SELECT pg_current_xact_id()'); // takes its transaction id now, writes later
    const head = await t.store.headPosition();
    const later = await t.store.append(`indicator-${randomUUID()}`, [event('Later')]);
    expect((await t.store.readAll({ after: head })).map((e) => e.type)).toEqual([]);

    await early.query(`SELECT * FROM ${t.schema}.rm_append($1, 'any', $2::jsonb)`, [`indicator-${randomUUID()}`, payload('Early')]);
    await early.query('COMMIT');
    // Another session on the shared server may hold visibility back a little longer.
    let all = await t.store.readAll({ after: head });
    for (let i = 0; i < 600 && all.length < 2; i++) {
      await new Promise((r) => setTimeout(r, 25));
      all = await t.store.readAll({ after: head });
    }
    expect(all.map((e) => e.type)).toEqual(['Early', 'Later']);
    expect(all[1].position).toBe(later.position);
  });

  it('a live subscriber receives every event exactly once, in position order, while transactions commit out of order', async () => {
    const head = await t.store.headPosition();
    const controller = new AbortController();
    const total = 3 * 4 + 60;
    const seen: RecordedEvent[] = [];
    const subscriber = (async () => {
      for await (const e of t.store.subscribe({ after: head, batchSize: 7, signal: controller.signal })) {
        seen.push(e);
        if (seen.length === total) break;
      }
    })();
    const holders = Array.from({ length: 3 }, async (_, h) => {
      const client = await openTransaction();
      for (let i = 0; i < 4; i++)
        await client.query(`SELECT * FROM ${t.schema}.rm_append($1, 'any', $2::jsonb)`, [`held-${h}`, payload(`Held${h}`)]);
      await new Promise((r) => setTimeout(r, 100 + h * 150));
      await client.query('COMMIT');
    });
    const writers = Array.from({ length: 6 }, async (_, w) => {
      for (let i = 0; i < 10; i++) await t.store.append(`writer-${w}-${randomUUID()}`, [event('Quick')]);
    });
    await Promise.all([...holders, ...writers]);
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise((_, reject) => (timer = setTimeout(() => reject(new Error(`only ${seen.length} of ${total} seen`)), 20000)));
    await Promise.race([subscriber, timeout]).finally(() => clearTimeout(timer));
    controller.abort();
    const stored = await t.store.readAll({ after: head, limit: 1000 });
    expect(seen.map((e) => e.position)).toEqual(stored.map((e) => e.position));
    expect(stored).toHaveLength(total);
    for (let i = 1; i < seen.length; i++) expect(seen[i].position > seen[i - 1].position).toBe(true);
  });
});
