// HTTP write throughput and latency on loopback: the app runs in its own process on PostgreSQL,
// autocannon drives 50 connections recording figures. Reference: GET /health on the same server.
import autocannon from 'autocannon';
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { mintToken } from '../apps/api/src/auth/token.js';

const databaseUrl = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL ?? process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const seconds = Number(process.env.BENCH_SECONDS ?? 15);
const connections = 50;
const indicators = 50;
const port = 3900 + Math.floor(Math.random() * 90);
const schema = `bench_api_${randomBytes(4).toString('hex')}`;
const secret = 'bench-secret-of-at-least-thirty-two-characters';
const log = (message: string) => process.stderr.write(`${message}\n`);

async function startServer(): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['dist/apps/api/src/main.js'], {
    env: { ...process.env, PROJECTIONS: process.env.PROJECTIONS ?? 'in-process', PORT: String(port), HOST: '127.0.0.1', DATABASE_URL: databaseUrl, DATABASE_SCHEMA: schema, AUTH_JWT_SECRET: secret, LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  await new Promise<void>((resolve, reject) => {
    child.stdout!.on('data', (chunk: Buffer) => chunk.toString().includes('listening') && resolve());
    child.on('exit', (code) => reject(new Error(`server exited with ${code}`)));
  });
  return child;
}

function run(options: autocannon.Options): Promise<autocannon.Result> {
  return new Promise((resolve, reject) => autocannon(options, (err, result) => (err ? reject(err) : resolve(result))));
}

function line(workload: string, result: autocannon.Result, reference?: autocannon.Result) {
  const errors = result.errors + result.timeouts + result.non2xx;
  const figures: Record<string, unknown> = {
    workload,
    store: 'postgres',
    requestsPerSec: Math.round(result.requests.average),
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    errors,
  };
  if (reference) {
    figures.referenceRequestsPerSec = Math.round(reference.requests.average);
    figures.ratio = Math.round((result.requests.average / reference.requests.average) * 100) / 100;
  }
  console.log(JSON.stringify(figures));
}

const server = await startServer();
try {
  const token = await mintToken(new TextEncoder().encode(secret), { sub: 'bench', name: 'Bench', roles: ['programme-office'] });
  const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
  const base = `http://127.0.0.1:${port}`;
  for (let i = 0; i < indicators; i++) {
    const body = {
      id: `bench-${i}`, name: `Bench backlog ${i}`, description: 'benchmark indicator', unit: 'count', direction: 'lower-is-better',
      baseline: { value: 10, from: '2019-06-01', to: '2019-06-30', source: 'bench' }, tolerance: 5, owner: 'bench', questions: [1],
    };
    const res = await fetch(`${base}/api/indicators`, { method: 'POST', headers, body: JSON.stringify(body) });
    if (res.status !== 201) throw new Error(`registering bench-${i}: ${res.status} ${await res.text()}`);
  }
  let n = 0;
  const recordFigure = {
    method: 'POST' as const,
    setupRequest: (req: autocannon.Request) => {
      const i = n++;
      const day = new Date(Date.UTC(2019, 6, 9) + (i % 2000) * 86_400_000).toISOString().slice(0, 10);
      return { ...req, path: `/api/indicators/bench-${i % indicators}/figures`, body: JSON.stringify({ value: 600 + (i % 100), effectiveAt: day, source: 'bench feed', note: `figure ${i}` }) };
    },
  };
  log(`warming up (${connections} connections, 3 s)`);
  await run({ url: base, connections, duration: 3, headers, requests: [recordFigure] });
  log(`reference: GET one stream's first event (auth + one indexed read, the same stack) for ${seconds} s`);
  const inspector = await mintToken(new TextEncoder().encode(secret), { sub: 'bench-inspector', roles: ['inspector'] });
  const health = await run({ url: `${base}/api/streams/indicator-bench-0?limit=1`, connections, duration: seconds, headers: { authorization: `Bearer ${inspector}` } });
  log(`measuring: POST figures for ${seconds} s`);
  const writes = await run({ url: base, connections, duration: seconds, headers, requests: [recordFigure] });
  line('http-get-stream-reference', health);
  line(`http-record-figure-50-connections${process.env.PROJECTIONS === 'off' ? '-api-only' : ''}`, writes, health);
} finally {
  server.kill('SIGTERM');
  await new Promise((r) => server.once('exit', r));
  const admin = new pg.Client({ connectionString: databaseUrl });
  await admin.connect();
  await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  await admin.end();
}
