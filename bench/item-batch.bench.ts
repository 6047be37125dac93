// Item feed batches over HTTP on PostgreSQL: each request opens 1,000 new items of one indicator
// (one stream per item). BENCH_COMPARE_DIR=<another built checkout> runs that checkout's API
// beside this one's, alternating batches between the two in the same run, on schemas of their
// own; `ratio` is this checkout's batches per second over the other's. Each line carries the load average.
import { loadavg } from 'node:os';
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { resolve } from 'node:path';
import pg from 'pg';
import { mintToken } from '@rm/auth';

const databaseUrl = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL ?? process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const rounds = Number(process.env.BENCH_ROUNDS ?? 10);
const itemsPerBatch = Number(process.env.BENCH_ITEMS ?? 1000);
const secret = 'bench-secret-of-at-least-thirty-two-characters';
const log = (message: string) => process.stderr.write(`${message}\n`);

interface Api {
  label: string;
  url: string;
  schema: string;
  child: ChildProcess;
  ms: number[];
}

async function startApi(label: string, dir: string): Promise<Api> {
  const port = 3900 + Math.floor(Math.random() * 90);
  const schema = `bench_items_${randomBytes(4).toString('hex')}`;
  const child = spawn(process.execPath, [resolve(dir, 'dist/apps/api/src/main.js')], {
    cwd: dir,
    env: { ...process.env, PROJECTIONS: 'off', PORT: String(port), HOST: '127.0.0.1', DATABASE_URL: databaseUrl, DATABASE_SCHEMA: schema, AUTH_JWT_SECRET: secret, LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  await new Promise<void>((ok, fail) => {
    child.stdout!.on('data', (chunk: Buffer) => chunk.toString().includes('listening') && ok());
    child.on('exit', (code) => fail(new Error(`${label} API exited with ${code}`)));
  });
  return { label, url: `http://127.0.0.1:${port}`, schema, child, ms: [] };
}

async function post(api: Api, path: string, body: unknown, token: string): Promise<void> {
  const res = await fetch(`${api.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify(body) });
  if (res.status >= 300) throw new Error(`${api.label} ${path}: ${res.status} ${await res.text()}`);
}

const indicator = {
  id: 'bench-items',
  name: 'Bench items',
  description: 'Items opened by the benchmark',
  unit: 'count',
  direction: 'lower-is-better',
  baseline: { value: 0, from: '2019-06-01', to: '2019-06-30', source: 'bench' },
  tolerance: 10,
  owner: 'Bench',
  questions: [1],
};

const batch = (round: number) => ({ items: Array.from({ length: itemsPerBatch }, (_, i) => ({ ref: `R${round}-${i}`, event: 'opened', at: '2019-08-01' })) });

const percentile = (values: number[], p: number) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor((p / 100) * values.length))];

const apis: Api[] = [];
const pool = new pg.Pool({ connectionString: databaseUrl, max: 1 });
try {
  const token = await mintToken(new TextEncoder().encode(secret), { sub: 'bench', name: 'Bench', roles: ['programme-office'] });
  apis.push(await startApi('this', '.'));
  if (process.env.BENCH_COMPARE_DIR) apis.push(await startApi('compared', process.env.BENCH_COMPARE_DIR));
  for (const api of apis) {
    await post(api, '/api/indicators', indicator, token);
    await post(api, '/api/indicators/bench-items/items', batch(-1), token); // warm-up, not counted
  }
  for (let round = 0; round < rounds; round++)
    for (const api of round % 2 ? [...apis].reverse() : apis) {
      const started = performance.now();
      await post(api, '/api/indicators/bench-items/items', batch(round), token);
      api.ms.push(performance.now() - started);
    }
  const medianOf = (api: Api) => percentile(api.ms, 50);
  for (const api of apis) {
    const median = medianOf(api);
    const figures: Record<string, unknown> = {
      workload: 'item-batch-1000-new',
      store: 'postgres',
      api: api.label,
      batches: api.ms.length,
      itemsPerBatch,
      medianMs: Math.round(median),
      p90Ms: Math.round(percentile(api.ms, 90)),
      itemsPerSec: Math.round((itemsPerBatch * 1000) / median),
      loadAverage: loadavg().map((l) => Math.round(l * 100) / 100),
    };
    if (apis.length > 1 && api === apis[0]) figures.ratio = Math.round((medianOf(apis[1]) / median) * 100) / 100;
    console.log(JSON.stringify(figures));
  }
} finally {
  for (const api of apis) {
    api.child.kill();
    const { rows } = await pool.query<{ nspname: string }>(`SELECT nspname FROM pg_namespace WHERE nspname = $1 OR nspname LIKE $2`, [api.schema, `${api.schema}\\_rm\\_read\\_%`]);
    for (const { nspname } of rows)
      await pool.query(`DROP SCHEMA IF EXISTS ${nspname} CASCADE`).catch((err: Error) => log(`could not drop ${nspname}: ${err.message}`));
  }
  await pool.end();
}
