// HTTP throughput and latency on loopback: the app runs in its own process on PostgreSQL,
// autocannon drives 50 connections reading (an indicator of 400 figures, the list, the scorecard,
// current and at random (asOf, knownAt)) and recording figures. Reference: an authenticated
// one-row read through the same stack, measured in the same run. Each line carries the load average
// and the CPU time per request of the server and of autocannon (same 2 cores), which a busy machine skews less.
import autocannon from 'autocannon';
import { loadavg } from 'node:os';
import { readFileSync } from 'node:fs';
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { mintToken } from '@rm/auth';
import { readWorkloads, recordFigures } from './api/read-workloads.js';

const databaseUrl = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL ?? process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const seconds = Number(process.env.BENCH_SECONDS ?? 15);
const readSeconds = Number(process.env.BENCH_READ_SECONDS ?? 10);
const connections = 50;
const indicators = 50;
const port = 3900 + Math.floor(Math.random() * 90);
const schema = `bench_api_${randomBytes(4).toString('hex')}`;
const secret = 'bench-secret-of-at-least-thirty-two-characters';
const log = (message: string) => process.stderr.write(`${message}\n`);

async function startServer(): Promise<ChildProcess> {
  // BENCH_CPU_PROF=<dir>: a V8 CPU profile of the server for the whole run, to see where the time goes.
  const profile = process.env.BENCH_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`] : [];
  const child = spawn(process.execPath, [...profile, 'dist/apps/api/src/main.js'], {
    env: { ...process.env, PROJECTIONS: process.env.PROJECTIONS ?? 'in-process', PORT: String(port), HOST: '127.0.0.1', DATABASE_URL: databaseUrl, DATABASE_SCHEMA: schema, AUTH_JWT_SECRET: secret, LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  await new Promise<void>((resolve, reject) => {
    child.stdout!.on('data', (chunk: Buffer) => chunk.toString().includes('listening') && resolve());
    child.on('exit', (code) => reject(new Error(`server exited with ${code}`)));
  });
  return child;
}

/** CPU time (user + system, µs) of the server and of this process (the load generator): less sensitive to a busy machine than requests/s. */
interface Cpu {
  server?: number;
  client: number;
}
type Measured = autocannon.Result & { cpu?: { server?: number; client: number } };

function cpuNow(): Cpu {
  const { user, system } = process.cpuUsage();
  let server: number | undefined;
  try {
    // /proc/<pid>/stat fields 14 and 15 (utime, stime) in clock ticks of 10 ms; the name field may hold spaces.
    const stat = readFileSync(`/proc/${serverPid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    server = (Number(fields[11]) + Number(fields[12])) * 10_000;
  } catch {
    server = undefined;
  }
  return { server, client: user + system };
}

async function run(options: autocannon.Options): Promise<Measured> {
  const before = cpuNow();
  const result: Measured = await new Promise((resolve, reject) => autocannon(options, (err, r) => (err ? reject(err) : resolve(r))));
  const after = cpuNow();
  result.cpu = { server: after.server !== undefined && before.server !== undefined ? after.server - before.server : undefined, client: after.client - before.client };
  return result;
}

function line(workload: string, result: Measured, reference?: autocannon.Result) {
  const errors = result.errors + result.timeouts + result.non2xx;
  const figures: Record<string, unknown> = {
    workload,
    store: 'postgres',
    requestsPerSec: Math.round(result.requests.average),
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    errors,
    ...(result.cpu && result.requests.total > 0 && {
      serverCpuUsPerRequest: result.cpu.server === undefined ? undefined : Math.round(result.cpu.server / result.requests.total),
      loadGeneratorCpuUsPerRequest: Math.round(result.cpu.client / result.requests.total),
    }),
    loadAverage: loadavg().map((l) => Math.round(l * 100) / 100),
  };
  if (reference) {
    figures.referenceRequestsPerSec = Math.round(reference.requests.average);
    figures.ratio = Math.round((result.requests.average / reference.requests.average) * 100) / 100;
  }
  console.log(JSON.stringify(figures));
}

const server = await startServer();
const serverPid = server.pid;
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
  const inspector = await mintToken(new TextEncoder().encode(secret), { sub: 'bench-inspector', roles: ['inspector'] });
  const reader = { authorization: `Bearer ${inspector}` };
  const known = await recordFigures(base, headers, 'bench-0');
  const caughtUp = await fetch(`${base}/api/indicators/bench-0?waitFor=${known.position}`, { headers: reader });
  if (caughtUp.status !== 200) throw new Error(`waiting for the figures: ${caughtUp.status} ${await caughtUp.text()}`);
  const reference = () => run({ url: `${base}/api/streams/indicator-bench-0?limit=1`, connections, duration: readSeconds, headers: reader });
  log(`reference: GET one stream's first event (auth + one indexed read, the same stack) for ${readSeconds} s`);
  await run({ url: `${base}/api/streams/indicator-bench-0?limit=1`, connections, duration: 3, headers: reader });
  const ref = await reference();
  line('http-get-stream-reference', ref);
  line('http-get-health', await run({ url: `${base}/health`, connections, duration: readSeconds }), ref);
  // BENCH_ONLY=<regular expression>: only the workloads it matches (the reference is always measured).
  const only = new RegExp(process.env.BENCH_ONLY ?? '.');
  for (const w of readWorkloads('bench-0', known).filter((w) => only.test(w.name))) {
    log(`measuring: ${w.name} for ${readSeconds} s`);
    const result = await run({ url: w.path ? `${base}${w.path}` : base, connections, duration: readSeconds, headers: { ...reader, ...w.headers }, ...(w.requests && { requests: w.requests }) });
    line(w.name, result, ref);
  }
  if (only.test('http-record-figure')) {
    log(`warming up writes (${connections} connections, 3 s)`);
    await run({ url: base, connections, duration: 3, headers, requests: [recordFigure] });
    log(`measuring: POST figures for ${seconds} s`);
    const writes = await run({ url: base, connections, duration: seconds, headers, requests: [recordFigure] });
    line(`http-record-figure-50-connections${process.env.PROJECTIONS === 'off' ? '-api-only' : ''}`, writes, ref);
  }
} finally {
  server.kill('SIGTERM');
  await new Promise((r) => server.once('exit', r));
  const admin = new pg.Client({ connectionString: databaseUrl });
  await admin.connect();
  // The log's schema and the read-model generations beside it (<schema>_rm_read_<n>).
  const { rows } = await admin.query<{ nspname: string }>(`SELECT nspname FROM pg_namespace WHERE nspname = $1 OR nspname LIKE $2`, [schema, `${schema}\\_rm\\_read\\_%`]);
  for (const { nspname } of rows) await admin.query(`DROP SCHEMA IF EXISTS ${nspname} CASCADE`);
  await admin.end();
}
