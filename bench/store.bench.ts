/**
 * Event store benchmark: our PostgreSQL store on a server and on embedded PGlite, and Emmett's
 * PostgreSQL store as a peer, each workload beside a raw reference measured in the same run on the
 * same database. One JSON object per figure on stdout; progress on stderr.
 *
 *   BENCH_DATABASE_URL | TEST_DATABASE_URL | DATABASE_URL   server (default postgres://postgres@127.0.0.1:5432/test)
 *   BENCH_STORES=postgres,pglite,emmett-postgresql          which stores to run (default all three)
 *   BENCH_EVENTS=200000     batched-append and catch-up events on the server (PGlite ¼, single appends ⅒, PGlite single 1/40)
 *   BENCH_ROUNDS=3          measured rounds per workload on our stores (median reported); BENCH_PEER_ROUNDS=2 on Emmett
 *   BENCH_SINGLE_SECONDS=10 time box of one single-append run (events/s counts what was done)
 *   BENCH_READ_BATCH=1000   catch-up batch size (the store's default; 1000-2000 measured best);  BENCH_READ_SWEEP=500,1000,...  sizes tried once ('' to skip)
 *   BENCH_PGLITE_DIR        PGlite data directory (default: a fresh temporary directory; memory:// works)
 */
import { redact } from '@rm/event-store';
import { emit, fmt, log, round2, type Figure, type StoreName } from './lib/report.js';
import { openOursOnPglite, openOursOnServer } from './lib/ours.js';
import { runWorkloads, type Plan, type Subject } from './lib/workloads.js';

const env = process.env;
const serverUrl =
  env.BENCH_DATABASE_URL ||
  env.TEST_DATABASE_URL ||
  env.DATABASE_URL ||
  'postgres://postgres@127.0.0.1:5432/test';
const ALL: StoreName[] = ['postgres', 'pglite', 'emmett-postgresql'];
const stores = (env.BENCH_STORES || ALL.join(','))
  .split(',')
  .map((s) => s.trim())
  .filter(Boolean)
  .map((s) => (s === 'emmett' ? 'emmett-postgresql' : s) as StoreName);
for (const s of stores)
  if (!ALL.includes(s))
    throw new Error(`BENCH_STORES: unknown store '${s}' (known: ${ALL.join(', ')})`);

const positive = (name: string, fallback: number): number => {
  const value = env[name] === undefined || env[name] === '' ? fallback : Number(env[name]);
  if (!Number.isInteger(value) || value < 1) throw new Error(`${name} must be a positive integer`);
  return value;
};
const events = positive('BENCH_EVENTS', 200_000);
const scaled = env.BENCH_EVENTS !== undefined && env.BENCH_EVENTS !== '';
const rounds = positive('BENCH_ROUNDS', 3);
const peerRounds = positive('BENCH_PEER_ROUNDS', 2);
const singleSeconds = positive('BENCH_SINGLE_SECONDS', 10);
const readBatch = positive('BENCH_READ_BATCH', 1000);
const sweep = (env.BENCH_READ_SWEEP ?? '500,1000,2000,5000,10000')
  .split(',')
  .filter(Boolean)
  .map(Number);

const server = {
  batchEvents: events,
  singleEvents: scaled ? Math.round(events / 10) : 20_000,
  singleSeconds,
  readBatch,
};
const plans: Record<StoreName, Plan> = {
  postgres: { ...server, rounds, sweep },
  pglite: {
    batchEvents: scaled ? Math.round(events / 4) : 50_000,
    singleEvents: scaled ? Math.round(events / 40) : 5_000,
    singleSeconds,
    rounds,
    readBatch,
    sweep,
  },
  // Emmett's catch-up rescans its log for every batch: no sweep, and fewer rounds to keep the run short.
  'emmett-postgresql': { ...server, rounds: peerRounds, sweep: [] },
};

async function open(store: StoreName): Promise<Subject> {
  if (store === 'postgres') return openOursOnServer(serverUrl);
  if (store === 'pglite') return openOursOnPglite(env.BENCH_PGLITE_DIR || undefined);
  // Imported late: Emmett's driver changes pg's global type parsers when it creates a pool.
  const { openEmmett } = await import('./lib/emmett.js');
  return openEmmett(serverUrl);
}

async function main(): Promise<void> {
  log(
    `server ${redact(serverUrl)}; stores ${stores.join(', ')}; catch-up batch ${readBatch}`,
  );
  const started = Date.now();
  const results = new Map<StoreName, Figure[]>();
  // Our stores first, Emmett last (see open()).
  for (const store of ALL.filter((s) => stores.includes(s))) {
    const subject = await open(store);
    try {
      const { figures, sweep: swept } = await runWorkloads(subject, plans[store]);
      if (swept.size > 0) {
        const [best] = [...swept].sort((a, b) => b[1] - a[1]);
        log(
          `${store} catch-up batch sizes: ${[...swept].map(([size, r]) => `${size}=${fmt(r)}`).join(', ')}; best ${best[0]}`,
        );
      }
      results.set(store, figures);
      for (const f of figures) emit(f);
    } finally {
      await subject.close();
    }
  }
  const ours = results.get('postgres');
  const peer = results.get('emmett-postgresql');
  if (ours && peer) {
    for (const f of ours) {
      const p = peer.find((x) => x.workload === f.workload)!;
      emit({
        workload: f.workload,
        store: 'postgres',
        peer: 'emmett-postgresql',
        eventsPerSec: f.eventsPerSec,
        peerEventsPerSec: p.eventsPerSec,
        ratio: round2(f.eventsPerSec / p.eventsPerSec),
      });
    }
  }
  log(`done in ${Math.round((Date.now() - started) / 1000)} s`);
}

main().catch((err) => {
  process.stderr.write(`[bench] failed: ${(err as Error).stack ?? err}\n`);
  process.exitCode = 1;
});
