/**
 * Probe: where does a single-event append spend its time? 16 writers append single events through
 * variants that each remove one cost, on the same server, interleaved; events/s per variant on stderr.
 * Run: node --expose-gc dist/bench/single-append.probe.js  (BENCH_DATABASE_URL, BENCH_EVENTS=4000 per variant-round)
 */
import { randomBytes } from 'node:crypto';
import { migrate, openDatabase, PostgresEventStore } from '@rm/event-store';
import { makeEvents, type BenchEvent } from './lib/events.js';
import { RawTable } from './lib/raw.js';
import { fmt, log, median, parallel, rate } from './lib/report.js';
import { leanAppendSql } from './lib/lean-append.js';

const url = process.env.BENCH_DATABASE_URL || process.env.TEST_DATABASE_URL || process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/test';
const total = Number(process.env.BENCH_EVENTS || 4000);
const WRITERS = 16;
const per = Math.round(total / WRITERS);

const db = await openDatabase({ databaseUrl: url, poolSize: 20 });
const schema = `probe_${randomBytes(4).toString('hex')}`;
await migrate(db.pool, schema);
await db.pool.query(leanAppendSql(schema));
const withListen = new PostgresEventStore({ pool: db.pool, schema, listen: db.clientConfig });
const noListen = new PostgresEventStore({ pool: db.pool, schema });
const raw = new RawTable(db.pool, `${schema}.raw1`, true);
await raw.create();
const indexed = new RawTable(db.pool, `${schema}.raw5`, true);
await indexed.create();
await db.pool.query(`ALTER TABLE ${schema}.raw5 ADD UNIQUE (stream_id, revision), ADD UNIQUE (stream_id, event_id);
  CREATE INDEX ON ${schema}.raw5 (recorded_at); CREATE INDEX ON ${schema}.raw5 (type, position)`);

const payload = (e: BenchEvent) => JSON.stringify([{ id: e.id, type: e.type, data: e.data, metadata: e.metadata }]);
const expected = (k: number) => (k === 0 ? 'no-stream' : String(k - 1));
type Variant = (stream: string, e: BenchEvent, k: number) => Promise<unknown>;
const variants: Record<string, Variant> = {
  'raw insert, 1 index': (s, e, k) => raw.insertOne(s, e, k),
  'raw insert, rm_events indexes': (s, e, k) => indexed.insertOne(s, e, k),
  'store.append (NOTIFY)': (s, e, k) => withListen.append(s, [e], { expectedRevision: k === 0 ? 'no-stream' : BigInt(k - 1) }),
  'store.append (no NOTIFY)': (s, e, k) => noListen.append(s, [e], { expectedRevision: k === 0 ? 'no-stream' : BigInt(k - 1) }),
  'rm_append() direct': (s, e, k) => db.pool.query(`SELECT * FROM ${schema}.rm_append($1, $2, $3::jsonb)`, [s, expected(k), payload(e)]),
  'lean rm_append() direct': (s, e, k) => db.pool.query(`SELECT * FROM ${schema}.rm_append_lean($1, $2, $3::jsonb)`, [s, expected(k), payload(e)]),
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
    log(`round ${round} ${name}: ${fmt(perSec)}`);
  }
}
for (const [name, r] of results) log(`median ${name}: ${fmt(median(r))}`);
await withListen.close();
await db.pool.query(`DROP SCHEMA ${schema} CASCADE`);
await db.close();
