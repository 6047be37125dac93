/**
 * Probes behind the benchmark's findings (stderr only), on the PostgreSQL server:
 *  1. plan hazard: rm_append on a session that plans it while rm_settings has no statistics;
 *  2. catch-up read before and after rm_events has statistics;
 *  3. where a single-event append spends its time: 16 writers through variants that each remove one cost.
 * Run: node --expose-gc dist/bench/store.probe.js  (BENCH_DATABASE_URL; BENCH_EVENTS=4000 per variant round)
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { migrate, openDatabase, PostgresEventStore } from '@rm/event-store';
import { makeEvents, type BenchEvent } from './lib/events.js';
import { leanAppendSql } from './lib/lean-append.js';
import { RawTable } from './lib/raw.js';
import { fmt, log, median, parallel, rate } from './lib/report.js';

const url = process.env.BENCH_DATABASE_URL || process.env.TEST_DATABASE_URL || process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/test';
const WRITERS = 16;
const per = Math.round(Number(process.env.BENCH_EVENTS || 4000) / WRITERS);

const db = await openDatabase({ databaseUrl: url, poolSize: 20 });
const schema = `probe_${randomBytes(4).toString('hex')}`;
try {
  await migrate(db.pool, schema);
  const store = new PostgresEventStore({ pool: db.pool, schema, listen: db.clientConfig });
  const quiet = new PostgresEventStore({ pool: db.pool, schema });
  const payload = (e: BenchEvent) => JSON.stringify([{ id: e.id, type: e.type, data: e.data, metadata: e.metadata }]);

  // 1 and 2: a log of 100,000 events, never analyzed (autovacuum is off here, and it never analyzes rm_settings anyway).
  const log1 = makeEvents(100_000);
  for (let b = 0; b < 100; b++) await quiet.append(`fill-${b}`, log1.slice(b * 1000, (b + 1) * 1000));
  const msPerAppend = async (label: string) => {
    const client = new pg.Client({ connectionString: url }); // a new session plans afresh
    await client.connect();
    const events = makeEvents(20);
    const start = process.hrtime.bigint();
    for (const e of events) await client.query(`SELECT * FROM ${schema}.rm_append($1, 'any', $2::jsonb)`, [`jit-${label}`, payload(e)]);
    const ms = Number(process.hrtime.bigint() - start) / 1e6 / events.length;
    const plan = await client.query(`EXPLAIN SELECT max(e.position) FROM (SELECT position_base + 1 AS first_slot FROM ${schema}.rm_settings) b
      LEFT JOIN ${schema}.rm_events e ON e.position > b.first_slot AND e.position < b.first_slot + 1048576 GROUP BY b.first_slot`);
    await client.end();
    log(`1. rm_append, ${label}: ${ms.toFixed(2)} ms per append; slot lookup plan: ${String(plan.rows[0]['QUERY PLAN']).trim()}`);
  };
  const readRate = async (label: string) => {
    const perSec = await rate(log1.length, async () => {
      let seen = 0;
      for await (const _ of store.subscribe({ after: 0n, batchSize: 2000 })) if (++seen === log1.length) break;
    });
    log(`2. catch-up read of 100,000 events, ${label}: ${fmt(perSec)}`);
  };
  await msPerAppend('no statistics at all');
  await readRate('rm_events never analyzed');
  await db.pool.query(`ANALYZE ${schema}.rm_events`);
  await msPerAppend('rm_events analyzed, rm_settings not (what autovacuum leaves)');
  await readRate('rm_events analyzed');
  await db.pool.query(`ANALYZE ${schema}.rm_settings`);
  await msPerAppend('rm_settings analyzed too');

  // 3: single-event appends by 16 writers.
  await db.pool.query(leanAppendSql(schema));
  const raw = new RawTable(db.pool, `${schema}.raw1`, true);
  await raw.create();
  const indexed = new RawTable(db.pool, `${schema}.raw5`, true);
  await indexed.create();
  await db.pool.query(`ALTER TABLE ${schema}.raw5 ADD UNIQUE (stream_id, revision), ADD UNIQUE (stream_id, event_id);
    CREATE INDEX ON ${schema}.raw5 (recorded_at); CREATE INDEX ON ${schema}.raw5 (type, position)`);
  const expected = (k: number) => (k === 0 ? 'no-stream' : String(k - 1));
  const revision = (k: number) => (k === 0 ? ('no-stream' as const) : BigInt(k - 1));
  const variants: Record<string, (s: string, e: BenchEvent, k: number) => Promise<unknown>> = {
    'raw INSERT, primary key only': (s, e, k) => raw.insertOne(s, e, k),
    "raw INSERT, rm_events' 5 indexes": (s, e, k) => indexed.insertOne(s, e, k),
    'store.append (as wired: NOTIFY)': (s, e, k) => store.append(s, [e], { expectedRevision: revision(k) }),
    'store.append without NOTIFY': (s, e, k) => quiet.append(s, [e], { expectedRevision: revision(k) }),
    'rm_append() called directly': (s, e, k) => db.pool.query(`SELECT * FROM ${schema}.rm_append($1, $2, $3::jsonb)`, [s, expected(k), payload(e)]),
    'lean rm_append() called directly': (s, e, k) => db.pool.query(`SELECT * FROM ${schema}.rm_append_lean($1, $2, $3::jsonb)`, [s, expected(k), payload(e)]),
  };
  const results = new Map<string, number[]>();
  for (let round = 0; round < 4; round++) {
    const names = Object.keys(variants);
    if (round % 2) names.reverse();
    for (const name of names) {
      const events = Array.from({ length: WRITERS }, (_, w) => makeEvents(per, w * per));
      const perSec = await rate(per * WRITERS, () =>
        parallel(WRITERS, async (w) => {
          for (let k = 0; k < per; k++) await variants[name](`p${round}-${name.replace(/\W+/g, '_')}-${w}`, events[w][k], k);
        }),
      );
      if (round > 0) results.set(name, [...(results.get(name) ?? []), perSec]); // round 0 warms up
    }
  }
  for (const [name, r] of results) log(`3. ${WRITERS} writers, single events, ${name}: ${fmt(median(r))}`);
  await store.close();
} finally {
  await db.pool.query(`DROP SCHEMA ${schema} CASCADE`);
  await db.close();
}
