import { expectedSum, makeEvents, type BenchEvent } from './events.js';
import type { RawTable } from './raw.js';
import { figure, fmt, log, parallel, rate, type Figure, type StoreName } from './report.js';

/** A store under test, beside its raw reference on the same database. */
export interface Subject {
  store: StoreName;
  raw: RawTable;
  location: string;
  /** Empties the store's tables. */
  reset(): Promise<void>;
  vacuum(): Promise<void>;
  /** Appends a batch to a new stream. */
  appendBatch(streamId: string, events: readonly BenchEvent[]): Promise<void>;
  /** Appends one event at (zero-based) `revision` of the stream, checked against the expected revision. */
  appendOne(streamId: string, event: BenchEvent, revision: number): Promise<void>;
  /** Catches up from the start of the log until `count` events were received; returns the fold. */
  catchUp(count: number, batchSize: number): Promise<number>;
  close(): Promise<void>;
}

export interface Plan {
  /** Events appended in batches of BATCH, then read back by the catch-up workload. */
  batchEvents: number;
  /** Events appended one per call by WRITERS concurrent writers, at most `singleSeconds` per run. */
  singleEvents: number;
  singleSeconds: number;
  /** Measured rounds per workload, each beside its reference; the median is reported. */
  rounds: number;
  readBatch: number;
  /** Catch-up batch sizes tried once each (reported on stderr). */
  sweep: readonly number[];
}

export const BATCH = 1000;
export const WRITERS = 16;

export async function runWorkloads(
  s: Subject,
  plan: Plan,
): Promise<{ figures: Figure[]; sweep: Map<number, number> }> {
  log(
    `${s.store} (${s.location}): ${plan.batchEvents} batched, ${plan.singleEvents} single events, ${plan.rounds} rounds`,
  );
  const batched = await appendBatches(s, plan);
  const { read, sweep } = await catchUp(s, plan, batched);
  const single = await appendSingles(s, plan);
  return { figures: [batched.figure, single, read], sweep };
}

/** Ours in sequence against the reference, alternating which goes first to cancel drift. */
async function rounds(
  s: Subject,
  workload: string,
  count: number,
  n: number,
  prepare: (round: number) => Promise<void>,
  ours: (round: number) => Promise<unknown>,
  reference: (round: number) => Promise<unknown>,
): Promise<{ ours: number[]; reference: number[] }> {
  const result = { ours: [] as number[], reference: [] as number[] };
  for (let r = 0; r < n; r++) {
    await prepare(r);
    const order = r % 2 === 0 ? (['ours', 'reference'] as const) : (['reference', 'ours'] as const);
    for (const which of order) {
      const perSec = await rate(count, () => (which === 'ours' ? ours(r) : reference(r)));
      result[which].push(perSec);
      log(
        `  ${s.store} ${workload} round ${r + 1}: ${which === 'ours' ? s.store : 'raw'} ${fmt(perSec)}`,
      );
    }
  }
  return result;
}

async function appendBatches(
  s: Subject,
  plan: Plan,
): Promise<{ figure: Figure; sum: number; count: number }> {
  const batches = Math.max(1, Math.round(plan.batchEvents / BATCH));
  const count = batches * BATCH;
  const warm = makeEvents(Math.min(count, 20 * BATCH));
  for (let b = 0; b * BATCH < warm.length; b++) {
    await s.appendBatch(`warmup-${b}`, warm.slice(b * BATCH, (b + 1) * BATCH));
    await s.raw.insertBatch(`warmup-${b}`, warm.slice(b * BATCH, (b + 1) * BATCH));
  }
  let events: BenchEvent[] = [];
  const slices = () =>
    Array.from({ length: batches }, (_, b) => events.slice(b * BATCH, (b + 1) * BATCH));
  let parts: BenchEvent[][] = [];
  const timed = await rounds(
    s,
    'append-batch-1000',
    count,
    plan.rounds,
    async () => {
      await s.reset();
      await s.raw.reset();
      events = makeEvents(count);
      parts = slices();
    },
    async (r) => {
      for (let b = 0; b < batches; b++) await s.appendBatch(`figures-${r}-${b}`, parts[b]);
    },
    async (r) => {
      for (let b = 0; b < batches; b++) await s.raw.insertBatch(`figures-${r}-${b}`, parts[b]);
    },
  );
  return {
    figure: figure('append-batch-1000', s.store, timed.ours, timed.reference),
    sum: expectedSum(events),
    count,
  };
}

/** Reads back the log the last batched round left (the same rows in the store and the raw table). */
async function catchUp(
  s: Subject,
  plan: Plan,
  written: { sum: number; count: number },
): Promise<{ read: Figure; sweep: Map<number, number> }> {
  const { sum, count } = written;
  await s.vacuum();
  await s.raw.vacuum();
  const check = (what: string) => (got: number) => {
    if (got !== sum) throw new Error(`${s.store} ${what}: fold ${got}, expected ${sum}`);
  };
  // Warm-up: the first tenth of the log, each.
  await s.catchUp(Math.ceil(count / 10), plan.readBatch);
  await s.raw.read(Math.ceil(count / 10), plan.readBatch);
  const sweep = new Map<number, number>();
  for (const size of plan.sweep) {
    const perSec = await rate(count, async () =>
      check(`batch ${size}`)(await s.catchUp(count, size)),
    );
    sweep.set(size, perSec);
    log(`  ${s.store} catch-up-read batchSize ${size}: ${fmt(perSec)}`);
  }
  const timed = await rounds(
    s,
    'catch-up-read',
    count,
    plan.rounds,
    async () => undefined,
    async () => check('read')(await s.catchUp(count, plan.readBatch)),
    async () => check('raw read')(await s.raw.read(count, plan.readBatch)),
  );
  return { read: figure('catch-up-read', s.store, timed.ours, timed.reference), sweep };
}

/**
 * Single-event appends into the populated log the catch-up workload read (N events, analyzed as
 * autovacuum would), each writer to a new stream per round. Time-boxed: a run stops at the deadline.
 */
async function appendSingles(s: Subject, plan: Plan): Promise<Figure> {
  const perWriter = Math.max(1, Math.round(plan.singleEvents / WRITERS));
  const count = perWriter * WRITERS;
  let events: BenchEvent[][] = [];
  const fresh = (n: number) => Array.from({ length: WRITERS }, (_, w) => makeEvents(n, w * n));
  const writers = async (
    append: (w: number, k: number) => Promise<void>,
    n: number,
    seconds: number,
  ) => {
    const deadline = Date.now() + seconds * 1000;
    let done = 0;
    await parallel(WRITERS, async (w) => {
      for (let k = 0; k < n && Date.now() < deadline; k++, done++) await append(w, k);
    });
    if (done < n * WRITERS)
      log(
        `  ${s.store} append-single-16-writers: time box of ${seconds} s reached after ${done} events`,
      );
    return done;
  };
  // Warm-up: a few events per writer on both.
  const warm = Math.min(perWriter, 50);
  events = fresh(warm);
  await writers(
    (w, k) => s.appendOne(`warmup-writer-${w}`, events[w][k], k),
    warm,
    plan.singleSeconds / 2,
  );
  await writers(
    (w, k) => s.raw.insertOne(`warmup-writer-${w}`, events[w][k], k),
    warm,
    plan.singleSeconds / 2,
  );
  const timed = await rounds(
    s,
    'append-single-16-writers',
    count,
    plan.rounds,
    async () => {
      events = fresh(perWriter);
    },
    (r) =>
      writers(
        (w, k) => s.appendOne(`writer-${r}-${w}`, events[w][k], k),
        perWriter,
        plan.singleSeconds,
      ),
    (r) =>
      writers(
        (w, k) => s.raw.insertOne(`writer-${r}-${w}`, events[w][k], k),
        perWriter,
        plan.singleSeconds,
      ),
  );
  return figure('append-single-16-writers', s.store, timed.ours, timed.reference);
}
