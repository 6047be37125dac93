import type { Database, EventStore } from '@rm/event-store';
import { activeGeneration, dropGeneration, generationSchema, switchGeneration } from '../database/generations.js';
import { ReadDatabase } from '../database/read-database.js';
import { soleProcessLease } from '../runner/lease.js';
import { ProjectionRunner } from '../runner/projection-runner.js';
import { ALL_PROJECTIONS, READ_MODEL_SCHEMA } from '../read-models/registry.js';
import { applyInBulk } from './apply-in-bulk.js';
import { buildIndexes, deferSecondaryIndexes, vacuumAnalyze, type DeferredIndex } from './bulk-load.js';
import { deriveInSql, InexactInSql, visibleThrough } from './derive-in-sql.js';

export interface RebuildProgress {
  /**
   * Events applied so far, and an estimate of those left to the head: the events applied so far
   * scaled by the share of the log's position range still ahead (no store counts its log cheaply).
   */
  done: number;
  remaining: number;
}

export interface RebuildResult {
  from: number;
  to: number;
  events: number;
  seconds: number;
  /** Where the time went, in seconds: applying the log, building the deferred indexes, the tail, statistics. */
  phases: { apply: number; indexes: number; tail: number; analyze: number };
}

/**
 * Connections a rebuild writes over at once (and builds indexes, gathers statistics over):
 * PostgreSQL works on as many cores while this process reads and decodes the log.
 */
const WRITERS = 2;

/**
 * Rebuilds every read model from the log into a new generation's schema while the active one
 * keeps serving — bulk-loaded: secondary indexes built once near the end, then statistics —
 * and moves the pointer once the new one has caught up. The generation before
 * the previous one is dropped; the previous one stays for readers still on it.
 */
export async function rebuildReadModels(
  db: Database,
  store: EventStore,
  base: string,
  onProgress: (p: RebuildProgress) => void = () => undefined,
  // Measured on 1M events (bench/read.bench.ts), the bulk load: at 1,000 a batch garbage
  // collection takes a sixth of its time at 10,000 (a batch's events die young instead of being
  // promoted while it is applied and the next one read): 30% less CPU here, 240 MB resident, not 460.
  batchSize = 1_000,
  /** Told why the bulk load took a slower way than it could (e.g. a log not derivable in SQL). */
  note: (message: string) => void = () => undefined,
): Promise<RebuildResult> {
  const started = performance.now();
  const active = await activeGeneration(db.pool, base);
  const next = active.number + 1;
  const schema = generationSchema(base, next);
  const fresh = async () => {
    await dropGeneration(db.pool, base, next);
    const read = await ReadDatabase.open(db, schema, READ_MODEL_SCHEMA, 2 + WRITERS, { bulkLoad: true });
    return { read, deferred: await deferSecondaryIndexes(db.pool, schema) };
  };
  let { read, deferred } = await fresh();
  let done = 0;
  const [first] = await store.readAll({ limit: 1 });
  const start = first ? first.position - 1n : 0n;
  let head = await store.headPosition();
  let remaining = 0;
  let lastHead = performance.now();
  const progressed = (through: bigint, applied: number) => {
    done += applied;
    if (performance.now() - lastHead > 2000) {
      lastHead = performance.now();
      void store.headPosition().then((h) => (head = h));
    }
    const ahead = head > through ? Number(head - through) : 0;
    remaining = Math.round((done * ahead) / Math.max(1, Number(through - start)));
    onProgress({ done, remaining });
  };
  const phases = { apply: 0, indexes: 0, tail: 0, analyze: 0 };
  let mark = performance.now();
  const lap = (phase: keyof typeof phases) => {
    phases[phase] = Math.round(performance.now() - mark) / 1000;
    mark = performance.now();
  };
  const runner = () => new ProjectionRunner(store, read, ALL_PROJECTIONS, soleProcessLease, { batchSize, onProgress: progressed });
  const bulk = { after: 0n, batchSize, connections: WRITERS, onBatch: progressed };
  // A PostgreSQL log in the read database: what projections derive in SQL is not read out. Also
  // embedded, one share at a time on its one session (measured on 200,000 events: the rebuild
  // in half the time, PGlite deriving in SQL cheaper than this process decoding the events).
  const log = store.logInDatabase?.(db.pool);
  const parts = db.kind === 'server' ? WRITERS : 1;
  const loads = ALL_PROJECTIONS.flatMap((p) => (p.sqlBulkLoad ? [p.sqlBulkLoad] : []));
  const inSqlAndBulk = async () => {
    const through = await visibleThrough(db.pool, log!);
    const tables = new Set(loads.flatMap((l) => l.tables));
    const own = (d: DeferredIndex) => tables.has(d.table);
    const [derived, applied] = await Promise.allSettled([
      deriveInSql(db.pool, log!, schema, loads, through, parts, deferred.filter(own)),
      applyInBulk(db, store, read, ALL_PROJECTIONS, { ...bulk, through, sqlLoaded: true }),
    ]);
    if (derived.status === 'rejected') throw derived.reason;
    if (applied.status === 'rejected') throw applied.reason;
    done += derived.value;
    deferred = deferred.filter((d) => !own(d));
  };
  try {
    try {
      // The log up to the head in one pass; what is appended meanwhile is the tail, applied as live.
      if (!log || loads.length === 0) await applyInBulk(db, store, read, ALL_PROJECTIONS, bulk);
      else
        await inSqlAndBulk().catch(async (err: unknown) => {
          if (!(err instanceof InexactInSql)) throw err;
          note(`${err.message}: the whole log is applied by this process instead`);
          await read.close();
          ({ read, deferred } = await fresh());
          done = 0;
          await applyInBulk(db, store, read, ALL_PROJECTIONS, bulk);
        });
    } catch {
      // A bulk load neither retries nor says which event failed (its writes land later, on other
      // connections): the generation starts over, applied as live, which retries what passes and
      // narrows a fault down to its event (ProjectionStuck).
      await read.close();
      ({ read, deferred } = await fresh());
      done = 0;
      await runner().catchUp(await store.headPosition());
    }
    lap('apply');
    await buildIndexes(db.pool, deferred, WRITERS);
    lap('indexes');
    await runner().catchUp(await store.headPosition());
    lap('tail');
  } catch (err) {
    // A projection that cannot apply an event (ProjectionStuck) or a lost database: nothing to switch to.
    await read.close();
    await dropGeneration(db.pool, base, next).catch(() => undefined);
    throw err;
  }
  await read.close();
  await vacuumAnalyze(db.pool, schema, WRITERS);
  lap('analyze');
  if (!(await switchGeneration(db.pool, base, active.number, next)))
    throw new Error(`another rebuild switched generations first; generation ${next} is left unused`);
  if (active.number > 1) await dropGeneration(db.pool, base, active.number - 1);
  onProgress({ done, remaining: 0 });
  return { from: active.number, to: next, events: done, seconds: (performance.now() - started) / 1000, phases };
}
