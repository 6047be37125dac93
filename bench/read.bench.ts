/**
 * Read-side benchmark (the README's benchmark targets): over a realistic log of BENCH_EVENTS events,
 *  (a) the rebuild of every read model (rebuildReadModels) in events/s with the process's peak
 *      resident memory, beside the raw full-log read of the same log in the same run (reference:
 *      one streaming SELECT of rm_events in position order, a minimal fold); ratio = ours / reference;
 *  (b) time-travel read latency at random (asOf, knownAt) — p50/p95/p99 of indicatorPosition,
 *      indicatorHistory (a one-year window), indicatorPositions (the list), scorecard, one indicator's trend projection, every
 *      indicator's (GET /api/projections) and one's accuracy over a year of weekly forecasts —
 *      beside a trivial indexed SELECT on the same read database (its own line); ratio = our p95 /
 *      the reference's p95.
 * One JSON object per line on stdout; progress on stderr.
 *
 *   BENCH_DATABASE_URL | TEST_DATABASE_URL   server (default postgres://postgres@127.0.0.1:5432/test)
 *   BENCH_STORE=postgres|pglite   pglite: embedded, in a temporary data directory (default postgres)
 *   BENCH_EVENTS=1000000          events generated (PGlite default 200000)
 *   BENCH_APPEND_BATCH=2000       events per append call while generating (one stream per call)
 *   BENCH_READS=300 BENCH_WARMUP=20   timed and untimed rounds of (b)
 *   BENCH_RAW_BATCH=5000          rows per fetch of the raw read
 *   BENCH_KEEP=1 / BENCH_SCHEMA=s development: keep the schema; reuse a kept one (skips generation)
 *   BENCH_REBUILD=0               development, with BENCH_SCHEMA: only (b), on the kept active generation
 *   BENCH_READS=0                 development: only (a), the rebuild (no time-travel reads)
 *   BENCH_KEPT_FACTS=0            (b) with every read loading its facts by SQL (no facts kept per read position)
 */
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type pg from 'pg';
import { migrate, openDatabase, PostgresEventStore, redact, type Database } from '@rm/event-store';
import { activeGeneration, indicatorPositions, keepIndicatorFacts, resolveTimeTravel, READ_MODEL_SCHEMA, ReadDatabase, rebuildReadModels, vacuumAnalyze } from '@rm/projections';
import { generate, type Dataset } from './read/generate.js';
import { collectGarbage, emit, latencies, loadAverage, log, rawFullRead, round2, timed, withPeakRss } from './read/measure.js';
import { DAY } from './read/shapes.js';
import { timeTravelReads, type ReadName } from './read/time-travel.js';

const env = process.env;
const serverUrl = env.BENCH_DATABASE_URL || env.TEST_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/test';
const storeName = env.BENCH_STORE === 'pglite' ? 'pglite' : 'postgres';
const positive = (name: string, fallback: number): number => {
  const value = env[name] === undefined || env[name] === '' ? fallback : Number(env[name]);
  if (!Number.isInteger(value) || value < 1) throw new Error(`${name} must be a positive integer`);
  return value;
};
const events = positive('BENCH_EVENTS', storeName === 'pglite' ? 200_000 : 1_000_000);
const appendBatch = positive('BENCH_APPEND_BATCH', 2000);
const timeTravel = env.BENCH_READS !== '0';
const reads = timeTravel ? positive('BENCH_READS', 300) : 0;
const warmUp = positive('BENCH_WARMUP', 20);
const rawBatch = positive('BENCH_RAW_BATCH', 5000);
const keep = env.BENCH_KEEP === '1';
const reuse = env.BENCH_SCHEMA;
const rebuild = !(reuse && env.BENCH_REBUILD === '0');
const keptFacts = env.BENCH_KEPT_FACTS !== '0';

/** The raw reference on PGlite: keyset pages through the pool (no cursor over its bridge). */
async function rawPagedRead(db: Database, schema: string, batch: number): Promise<number> {
  let rows = 0;
  let after = '0';
  for (;;) {
    const page = await db.pool.query<{ position: string; type: string }>(
      `SELECT position, stream_id, revision, event_id, type, data, metadata, recorded_at FROM ${schema}.rm_events WHERE position > $1 ORDER BY position LIMIT $2`,
      [after, batch],
    );
    if (page.rows.length === 0) return rows;
    rows += page.rows.length;
    after = page.rows[page.rows.length - 1].position;
  }
}

async function rawRate(db: Database, schema: string): Promise<number> {
  collectGarbage();
  const start = performance.now();
  const cpu = process.cpuUsage();
  const rows = db.kind === 'server' ? (await rawFullRead(db.pool as unknown as pg.Pool, schema, rawBatch)).rows : await rawPagedRead(db, schema, rawBatch);
  log(`raw read: ${cpuSeconds(cpu)} s of this process's CPU`);
  return rows / ((performance.now() - start) / 1000);
}

/** This process's CPU (user and system) since `from`, in seconds: steadier than wall time on a loaded machine. */
const cpuSeconds = (from: NodeJS.CpuUsage): string => {
  const used = process.cpuUsage(from);
  return ((used.user + used.system) / 1e6).toFixed(1);
};

/** What a kept schema holds, recovered from its events (for BENCH_SCHEMA). */
async function datasetOf(db: Database, schema: string): Promise<Dataset> {
  const { rows } = await db.pool.query<{ n: number; first: string; last: string; ids: string[] }>(
    `SELECT count(*)::int AS n, min(metadata->>'effectiveAt') AS first, max(metadata->>'effectiveAt') FILTER (WHERE type = 'FigureRecorded') AS last,
       array_agg(DISTINCT data->>'indicatorId') FILTER (WHERE type = 'IndicatorRegistered') AS ids FROM ${schema}.rm_events`,
  );
  const end = Date.parse(rows[0].last);
  return { events: rows[0].n, start: end - 1825 * DAY, end, liveFrom: end - 180 * DAY, indicators: rows[0].ids.sort() };
}

async function main(): Promise<void> {
  const dir = storeName === 'pglite' ? await mkdtemp(join(tmpdir(), 'rm-bench-read-')) : undefined;
  const db = await openDatabase(dir ? { dataDir: dir } : { databaseUrl: serverUrl, poolSize: 10 });
  const schema = reuse ?? (storeName === 'pglite' ? 'bench' : `bench_read_${randomBytes(4).toString('hex')}`);
  log(`${storeName === 'pglite' ? `PGlite ${dir}` : redact(serverUrl)}, schema ${schema}; ${loadAverage()} load`);
  const store = new PostgresEventStore({ pool: db.pool, schema, listen: db.clientConfig });
  try {
    let data: Dataset;
    if (reuse) {
      data = await datasetOf(db, schema);
      log(`reusing ${data.events} events in ${schema}`);
    } else {
      await migrate(db.pool, schema);
      const started = performance.now();
      let shown = 0;
      data = await generate(store, events, appendBatch, (n) => {
        if (n - shown >= 50_000) log(`generated ${(shown = n)} events`);
      });
      log(`generated and appended ${data.events} events in ${Math.round((performance.now() - started) / 1000)} s`);
      await db.pool.query(`VACUUM ANALYZE ${schema}.rm_events`);
    }

    if (rebuild) await rebuildWorkload(db, store, schema);
    if (!timeTravel) return;
    // (b) Time travel, on the new generation opened as the API opens it. A rebuild leaves it
    // vacuumed and analysed; a reused one (BENCH_REBUILD=0) is brought to that state here.
    const generation = await activeGeneration(db.pool, schema);
    if (!rebuild) await vacuumAnalyze(db.pool, generation.schema);
    const read = await ReadDatabase.open(db, generation.schema, READ_MODEL_SCHEMA);
    try {
      // Reads fold indicator facts kept in memory per read position, as the API does; the first
      // read at a position loads them (timed here), the log does not move while reads are timed.
      const readDb = keptFacts ? keepIndicatorFacts(read.db) : read.db;
      if (keptFacts) {
        const checkpoint = (await read.db.query<{ p: string }>(`SELECT min(position)::text AS p FROM ${read.db.schema}.rm_projection_checkpoints`))[0].p;
        const ms = await timed(() => indicatorPositions(readDb, resolveTimeTravel({}, new Date(), BigInt(checkpoint))));
        emit({ workload: 'kept-facts-first-load-with-indicator-list', store: storeName, ms: round2(ms), loadAverage: loadAverage() });
      }
      const readLoad = loadAverage();
      const { result: measured, peakRssMb: readRss } = await withPeakRss(() =>
        timeTravelReads(readDb, data, { reads, warmUp }, (n) => n % 50 === 0 && log(`time travel: ${n}/${reads} rounds`)),
      );
      const ref = latencies(measured.samples.get('reference-checkpoint-lookup')!);
      const line = (name: ReadName) => {
        const figures = latencies(measured.samples.get(name)!);
        return { workload: `time-travel-${name}`, store: storeName, ...figures, peakRssMb: readRss, referenceP95Ms: ref.p95Ms,
          ratio: round2(figures.p95Ms / ref.p95Ms), answered: measured.answered.get(name), reads, loadAverage: readLoad };
      };
      for (const name of ['indicator-position', 'indicator-history', 'indicator-list', 'scorecard', 'projection', 'projections', 'projection-accuracy'] as const) emit(line(name));
      emit({ workload: 'time-travel-reference-checkpoint-lookup', store: storeName, ...ref, peakRssMb: readRss, reads, loadAverage: readLoad });
    } finally {
      await read.close();
    }
  } finally {
    await store.close();
    if (!keep && !reuse) await dropAll(db, schema).catch((err: Error) => log(`could not drop ${schema}: ${err.message}`));
    else log(`kept schema ${schema} (and its read generations)`);
    await db.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  }
}

/** (a) The rebuild, with the raw read just before and just after it (their mean is the reference). */
async function rebuildWorkload(db: Database, store: PostgresEventStore, schema: string): Promise<void> {
  const before = await rawRate(db, schema);
  log(`raw full-log read: ${Math.round(before)} events/s`);
  collectGarbage();
  let lastShown = 0;
  const rebuildLoad = loadAverage();
  const started = performance.now();
  const cpu = process.cpuUsage();
  const { result, peakRssMb, lifetimeMaxRssMb } = await withPeakRss(() =>
    rebuildReadModels(db, store, schema, (p) => {
      if (performance.now() - lastShown > 5000) {
        lastShown = performance.now();
        log(`rebuild: ${p.done} applied, ${p.remaining} to go; rss ${Math.round(process.memoryUsage().rss / 1048576)} MB`);
      }
    }, undefined, (message) => log(`rebuild: ${message}`)),
  );
  const seconds = (performance.now() - started) / 1000;
  log(`rebuild: ${cpuSeconds(cpu)} s of this process's CPU`);
  const after = await rawRate(db, schema);
  log(`rebuild: ${result.events} events in ${seconds.toFixed(1)} s into generation ${result.to}; raw read after: ${Math.round(after)} events/s; lifetime max RSS ${lifetimeMaxRssMb} MB; phases (s) ${JSON.stringify(result.phases)}`);
  const ours = result.events / seconds;
  const reference = (before + after) / 2;
  emit({ workload: 'rebuild-read-models', store: storeName, events: result.events, eventsPerSec: Math.round(ours), peakRssMb,
    referenceEventsPerSec: Math.round(reference), ratio: round2(ours / reference), loadAverage: rebuildLoad });
}

async function dropAll(db: Database, schema: string): Promise<void> {
  const { rows } = await db.pool.query<{ nspname: string }>(`SELECT nspname FROM pg_namespace WHERE nspname LIKE $1`, [`${schema}_rm_read_%`]);
  for (const { nspname } of rows) await db.pool.query(`DROP SCHEMA ${nspname} CASCADE`);
  await db.pool.query(`DROP SCHEMA ${schema} CASCADE`);
}

main().catch((err) => {
  process.stderr.write(`[bench:read] failed: ${(err as Error).stack ?? err}\n`);
  process.exitCode = 1;
});
