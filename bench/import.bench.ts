// Import throughput on PostgreSQL: a 100,000-row figures CSV and a 100,000-line NDJSON history,
// each POSTed as a stream to the app on loopback (projections off: the import alone is measured).
// Reference in the same run: the store's own batched append (1,000 per call) of the same events.
import type { NestExpressApplication } from '@nestjs/platform-express';
import { randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { finished } from 'node:stream/promises';
import pg from 'pg';
import { EVENT_STORE, type EventStore } from '@rm/event-store';
import { mintToken } from '@rm/auth';
import { createApp } from '../apps/api/src/bootstrap.js';
import { loadConfig } from '@rm/config';
import { csvFigureLines } from '../apps/api/src/imports/csv-figures.js';
import { ndjsonLines } from '../apps/api/src/imports/import-body.js';
import { ImportPlan, type ImportLine, type LineError } from '../apps/api/src/imports/import-plan.js';

const databaseUrl = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL ?? process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const rows = Number(process.env.BENCH_ROWS ?? 100_000);
const indicators = 50;
const secret = 'bench-secret-of-at-least-thirty-two-characters';
const admin = { sub: 'bench-admin', name: 'Bench admin', roles: ['admin' as const] };
const log = (message: string) => process.stderr.write(`${message}\n`);
const MB = 1024 * 1024;

const day = (i: number) => new Date(Date.UTC(2015, 0, 1) + Math.floor(i / indicators) * 86_400_000).toISOString().slice(0, 10);
const indicatorOf = (i: number) => `bench-${i % indicators}`;
const register = (id: string) => ({
  id, name: `Bench backlog ${id}`, description: 'benchmark indicator', unit: 'count', direction: 'lower-is-better',
  baseline: { value: 10, from: '2014-06-01', to: '2014-06-30', source: 'bench' }, tolerance: 5, owner: 'bench', questions: [1],
});

async function writeFile(path: string, lines: Iterable<string>): Promise<number> {
  const out = createWriteStream(path);
  for (const line of lines) if (!out.write(line)) await new Promise<void>((r) => out.once('drain', () => r()));
  out.end();
  await finished(out);
  return (await stat(path)).size;
}

function* csvText(): Iterable<string> {
  yield 'indicator,effectiveAt,value,source\n';
  for (let i = 0; i < rows; i++) yield `${indicatorOf(i)},${day(i)},${(i * 7919) % 5000},weekly return\n`;
}

function* ndjsonText(): Iterable<string> {
  const start = Date.UTC(2014, 11, 1);
  for (let i = 0; i < indicators; i++) yield JSON.stringify({ path: '/api/indicators', body: register(indicatorOf(i)), reportedAt: new Date(start + i * 1000).toISOString() }) + '\n';
  for (let i = 0; i < rows - indicators; i++) {
    const effective = day(i);
    const reportedAt = new Date(Date.parse(effective) + 86_400_000 + i).toISOString();
    yield JSON.stringify({ path: `/api/indicators/${indicatorOf(i)}/figures`, body: { value: (i * 7919) % 5000, effectiveAt: effective, source: 'weekly return' }, reportedAt }) + '\n';
  }
}

/** Resident memory and heap, sampled while work runs; peaks relative to the start. */
function sampleMemory(): () => { peakRssMb: number; peakHeapMb: number; rssGrowthMb: number } {
  const base = process.memoryUsage();
  let rss = base.rss;
  let heap = base.heapUsed;
  const timer = setInterval(() => {
    const m = process.memoryUsage();
    rss = Math.max(rss, m.rss);
    heap = Math.max(heap, m.heapUsed);
  }, 20);
  return () => {
    clearInterval(timer);
    return { peakRssMb: Math.round(rss / MB), peakHeapMb: Math.round(heap / MB), rssGrowthMb: Math.round((rss - base.rss) / MB) };
  };
}

async function withApp<T>(work: (app: NestExpressApplication, base: string, token: string) => Promise<T>): Promise<T> {
  const schema = `bench_import_${randomBytes(4).toString('hex')}`;
  const app = await createApp(loadConfig({ DATABASE_URL: databaseUrl, DATABASE_SCHEMA: schema, AUTH_JWT_SECRET: secret, LOG_LEVEL: 'error', PORT: '0', PROJECTIONS: 'off' }));
  await app.listen(0, '127.0.0.1');
  const address = app.getHttpServer().address() as { port: number };
  const token = await mintToken(new TextEncoder().encode(secret), admin);
  try {
    return await work(app, `http://127.0.0.1:${address.port}`, token);
  } finally {
    await app.close();
    const pool = new pg.Pool({ connectionString: databaseUrl, max: 1 });
    await pool.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await pool.end();
  }
}

async function post(base: string, token: string, path: string, type: string, file: string): Promise<{ status: number; body: Record<string, unknown> }> {
  const body = Readable.toWeb(createReadStream(file, { highWaterMark: 256 * 1024 })) as ReadableStream;
  const res = await fetch(`${base}${path}`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': type }, body, duplex: 'half' } as RequestInit);
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

/** The events the import would write, then the store's own batched append of them, timed. */
async function reference(source: () => AsyncIterable<ImportLine | LineError>, setup?: (base: string, token: string) => Promise<void>): Promise<number> {
  return withApp(async (app, base, token) => {
    await setup?.(base, token);
    const store = app.get<EventStore>(EVENT_STORE);
    const plan = new ImportPlan(store, admin, new Date());
    for await (const line of source()) if (!('message' in line)) await plan.add(line);
    plan.sealRevisions();
    const count = plan.appends.reduce((n, a) => n + a.events.length, 0);
    const started = performance.now();
    for (const a of plan.appends) await store.append(a.streamId, a.events, { expectedRevision: a.expectedRevision ?? 'no-stream' });
    return count / ((performance.now() - started) / 1000);
  });
}

async function registerAll(base: string, token: string) {
  for (let i = 0; i < indicators; i++) {
    const res = await fetch(`${base}/api/indicators`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify(register(indicatorOf(i))) });
    if (res.status !== 201) throw new Error(`register: ${res.status} ${await res.text()}`);
  }
}

async function measure(workload: string, path: string, type: string, file: string, bytes: number, setup?: (base: string, token: string) => Promise<void>) {
  global.gc?.();
  return withApp(async (_app, base, token) => {
    await setup?.(base, token);
    global.gc?.();
    const memory = sampleMemory();
    const started = performance.now();
    const res = await post(base, token, path, type, file);
    const seconds = (performance.now() - started) / 1000;
    const mem = memory();
    if (res.status !== 201) throw new Error(`${workload}: ${res.status} ${JSON.stringify(res.body).slice(0, 500)}`);
    const again = performance.now();
    const rerun = await post(base, token, path, type, file);
    const rerunSeconds = (performance.now() - again) / 1000;
    return { workload, rows, fileMb: Math.round((bytes / MB) * 10) / 10, seconds: Math.round(seconds * 100) / 100, rowsPerSec: Math.round(rows / seconds), written: res.body.written, reimportRowsPerSec: Math.round(rows / rerunSeconds), reimportWritten: rerun.body.written, ...mem };
  });
}

const dir = await mkdtemp(join(tmpdir(), 'rm-import-bench-'));
try {
  const csvFile = join(dir, 'figures.csv');
  const ndjsonFile = join(dir, 'history.ndjson');
  const csvBytes = await writeFile(csvFile, csvText());
  const ndjsonBytes = await writeFile(ndjsonFile, ndjsonText());
  log(`files: ${rows} rows, CSV ${(csvBytes / MB).toFixed(1)} MB, NDJSON ${(ndjsonBytes / MB).toFixed(1)} MB`);
  const csvRef = await reference(() => csvFigureLines(createReadStream(csvFile) as AsyncIterable<Buffer>, true), registerAll);
  const csv = await measure('csv figures import', '/api/imports/figures', 'text/csv', csvFile, csvBytes, registerAll);
  console.log(JSON.stringify({ ...csv, store: 'postgres', referenceEventsPerSec: Math.round(csvRef), ratio: Math.round((csv.rowsPerSec / csvRef) * 100) / 100, target: '>= 10,000 rows/s' }));
  const ndRef = await reference(() => ndjsonLines(createReadStream(ndjsonFile) as AsyncIterable<Buffer>));
  const nd = await measure('ndjson history import', '/api/admin/imports', 'application/x-ndjson', ndjsonFile, ndjsonBytes);
  console.log(JSON.stringify({ ...nd, store: 'postgres', referenceEventsPerSec: Math.round(ndRef), ratio: Math.round((nd.rowsPerSec / ndRef) * 100) / 100 }));
} finally {
  await rm(dir, { recursive: true, force: true });
}
