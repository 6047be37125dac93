/**
 * Probes behind the benchmark's findings (stderr only), on the PostgreSQL server:
 *  1. plan hazard: rm_append from a session that plans it on a populated log (rm_settings unanalyzed),
 *     for the shipped function and for the prototype in lib/prototype-append.ts;
 *  2. catch-up read before and after rm_events has statistics;
 *  3. where a single-event append spends its time: 16 writers through variants that each remove one cost.
 * Run: node --expose-gc dist/bench/store.probe.js  (BENCH_DATABASE_URL; BENCH_EVENTS=4000 per variant round)
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { migrate, openDatabase, PostgresEventStore } from '@rm/event-store';
import { makeEvents, type BenchEvent } from './lib/events.js';
import { prototypeAppendSql } from './lib/prototype-append.js';
import { RawTable } from './lib/raw.js';
import { fmt, log, median, parallel, rate } from './lib/report.js';

const url =
  process.env.BENCH_DATABASE_URL ||
  process.env.TEST_DATABASE_URL ||
  process.env.DATABASE_URL ||
  'postgres://postgres@127.0.0.1:5432/test';
const WRITERS = 16;
const per = Math.round(Number(process.env.BENCH_EVENTS || 4000) / WRITERS);
const payload = (events: readonly BenchEvent[]) =>
  JSON.stringify(
    events.map((e) => ({ id: e.id, type: e.type, data: e.data, metadata: e.metadata })),
  );

const db = await openDatabase({ databaseUrl: url, poolSize: 20 });
const schema = `probe_${randomBytes(4).toString('hex')}`;
const proto = `${schema}_p`;
try {
  for (const s of [schema, proto]) await migrate(db.pool, s);
  await db.pool.query(prototypeAppendSql(proto));
  const store = new PostgresEventStore({ pool: db.pool, schema, listen: db.clientConfig });
  const quiet = new PostgresEventStore({ pool: db.pool, schema });

  // 1 and 2: a log of 100,000 events, never analyzed (autovacuum is off here; it never analyzes rm_settings anyway).
  const filled = makeEvents(100_000);
  for (const s of [schema, proto])
    for (let b = 0; b < 100; b++)
      await db.pool.query(`SELECT * FROM ${s}.rm_append($1, 'any', $2::jsonb)`, [
        `fill-${b}`,
        payload(filled.slice(b * 1000, (b + 1) * 1000)),
      ]);
  const msPerAppend = async (s: string, label: string) => {
    const client = new pg.Client({ connectionString: url }); // a new session plans afresh, as a new pool connection does
    await client.connect();
    const time = async (n: number, size: number) => {
      const start = process.hrtime.bigint();
      for (let i = 0; i < n; i++)
        await client.query(`SELECT * FROM ${s}.rm_append($1, 'any', $2::jsonb)`, [
          `jit-${size}`,
          payload(makeEvents(size)),
        ]);
      return (Number(process.hrtime.bigint() - start) / 1e6 / n).toFixed(1);
    };
    const single = await time(20, 1);
    const batch = await time(10, 1000);
    await client.end();
    log(
      `1. ${s === proto ? 'PROTOTYPE' : 'shipped'} rm_append, ${label}: ${single} ms per single-event append, ${batch} ms per 1,000-event append`,
    );
  };
  const readRate = async (label: string) => {
    const perSec = await rate(filled.length, async () => {
      let seen = 0;
      for await (const event of store.subscribe({ after: 0n, batchSize: 2000 }))
        if (event && ++seen === filled.length) break;
    });
    log(`2. catch-up read of 100,000 events, ${label}: ${fmt(perSec)}`);
  };
  await msPerAppend(schema, 'no statistics at all');
  await readRate('rm_events never analyzed');
  for (const s of [schema, proto]) await db.pool.query(`ANALYZE ${s}.rm_events`);
  await msPerAppend(schema, 'rm_events analyzed, rm_settings not (what autovacuum leaves)');
  await msPerAppend(proto, 'rm_events analyzed, rm_settings not (what autovacuum leaves)');
  await readRate('rm_events analyzed');
  await db.pool.query(`ANALYZE ${schema}.rm_settings`);
  await msPerAppend(schema, 'rm_settings analyzed too');

  // 3: single-event appends by 16 writers, on the analyzed log of section 1.
  const raw = new RawTable(db.pool, `${schema}.raw1`, true);
  await raw.create();
  const indexed = new RawTable(db.pool, `${schema}.raw5`, true);
  await indexed.create();
  await db.pool
    .query(`ALTER TABLE ${schema}.raw5 ADD UNIQUE (stream_id, revision), ADD UNIQUE (stream_id, event_id);
    CREATE INDEX ON ${schema}.raw5 (recorded_at); CREATE INDEX ON ${schema}.raw5 (type, position)`);
  const expected = (k: number) => (k === 0 ? 'no-stream' : String(k - 1));
  const revision = (k: number) => (k === 0 ? ('no-stream' as const) : BigInt(k - 1));
  const variants: Record<string, (s: string, e: BenchEvent, k: number) => Promise<unknown>> = {
    'raw INSERT, primary key only': (s, e, k) => raw.insertOne(s, e, k),
    "raw INSERT, rm_events' 5 indexes": (s, e, k) => indexed.insertOne(s, e, k),
    'store.append (as wired: NOTIFY)': (s, e, k) =>
      store.append(s, [e], { expectedRevision: revision(k) }),
    'store.append without NOTIFY': (s, e, k) =>
      quiet.append(s, [e], { expectedRevision: revision(k) }),
    'rm_append() called directly': (s, e, k) =>
      db.pool.query(`SELECT * FROM ${schema}.rm_append($1, $2, $3::jsonb)`, [
        s,
        expected(k),
        payload([e]),
      ]),
  };
  const results = new Map<string, number[]>();
  for (let round = 0; round < 4; round++) {
    const names = Object.keys(variants);
    if (round % 2) names.reverse();
    for (const name of names) {
      const events = Array.from({ length: WRITERS }, (_, w) => makeEvents(per, w * per));
      const perSec = await rate(per * WRITERS, () =>
        parallel(WRITERS, async (w) => {
          for (let k = 0; k < per; k++)
            await variants[name](`p${round}-${name.replace(/\W+/g, '_')}-${w}`, events[w][k], k);
        }),
      );
      if (round > 0) results.set(name, [...(results.get(name) ?? []), perSec]); // round 0 warms up
    }
  }
  for (const [name, r] of results)
    log(`3. ${WRITERS} writers, single events, ${name}: ${fmt(median(r))}`);
  await store.close();
} finally {
  await db.pool.query(`DROP SCHEMA ${schema} CASCADE; DROP SCHEMA ${proto} CASCADE`);
  await db.close();
}
