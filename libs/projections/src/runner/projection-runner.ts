import { EventEmitter } from 'node:events';
import type { EventStore } from '@rm/event-store';
import type { ReadDatabase } from '../database/read-database.js';
import { advanceCheckpoint, readCheckpoints } from './checkpoints.js';
import type { LeaseProvider } from './lease.js';
import { toProjected, type Projection } from './projection.js';

export interface RunnerOptions {
  batchSize?: number;
  /** Called with errors the runner recovers from by retrying. */
  onError?: (error: unknown) => void;
  /** Called after every committed batch, e.g. for a progress bar. */
  onProgress?: (through: bigint, applied: number) => void;
  retryMs?: number;
  /** Live: how long to gather appends after a wake-up before applying them in one transaction. */
  settleMs?: number;
}

export class CheckpointMoved extends Error {
  constructor(name: string) {
    super(`checkpoint of ${name} was moved by another worker: this one no longer holds the lease`);
  }
}

/**
 * Applies every projection from one pass over the log: each batch, and every projection's new
 * checkpoint, in one transaction. A projection whose checkpoint is behind the others (a new
 * version) gets only the events after its own checkpoint.
 */
export class ProjectionRunner {
  private readonly progress = new EventEmitter();
  private readonly checkpoints = new Map<string, bigint>();
  private controller: AbortController | undefined;
  private running: Promise<void> | undefined;
  private holdsLease = false;

  constructor(
    private readonly store: EventStore,
    private readonly read: ReadDatabase,
    readonly projections: readonly Projection[],
    private readonly lease: LeaseProvider,
    private readonly options: RunnerOptions = {},
  ) {
    this.progress.setMaxListeners(0);
  }

  /** The lowest checkpoint: every projection has applied the log up to here. */
  get position(): bigint {
    let min: bigint | undefined;
    for (const p of this.projections) {
      const c = this.checkpoints.get(p.name) ?? 0n;
      if (min === undefined || c < min) min = c;
    }
    return min ?? 0n;
  }

  get leaseHeld(): boolean {
    return this.holdsLease;
  }

  start(): void {
    if (this.running) return;
    this.controller = new AbortController();
    this.running = this.loop(this.controller.signal);
  }

  async stop(): Promise<void> {
    this.controller?.abort();
    await this.running;
    this.running = undefined;
  }

  /** Runs until every projection has applied the log up to `target` (the head by default), then stops. */
  async catchUp(target?: bigint): Promise<void> {
    const goal = target ?? (await this.store.headPosition());
    this.start();
    await this.waitFor(goal, Number.POSITIVE_INFINITY);
    await this.stop();
  }

  /** Resolves true once the read models include `position`, false after `timeoutMs`. */
  async waitFor(position: bigint, timeoutMs: number): Promise<boolean> {
    if (this.position >= position) return true;
    if (!this.running) await this.refreshCheckpoints();
    if (this.position >= position) return true;
    return new Promise((resolve) => {
      const done = (ok: boolean) => {
        clearTimeout(timer);
        this.progress.off('advanced', check);
        resolve(ok);
      };
      const check = () => this.position >= position && done(true);
      const timer = Number.isFinite(timeoutMs) ? setTimeout(() => done(false), timeoutMs) : undefined;
      this.progress.on('advanced', check);
    });
  }

  async refreshCheckpoints(): Promise<void> {
    const stored = await readCheckpoints(this.read.db);
    for (const p of this.projections) this.checkpoints.set(p.name, stored.get(p.name) ?? 0n);
  }

  private async loop(signal: AbortSignal): Promise<void> {
    while (!signal.aborted) {
      const lease = await this.lease.acquire(`${this.read.schema}:projections`, signal);
      if (!lease) return;
      this.holdsLease = true;
      try {
        await this.follow(signal, () => lease.held);
      } catch (err) {
        this.options.onError?.(err);
        await pause(this.options.retryMs ?? 1000, signal);
      } finally {
        this.holdsLease = false;
        await lease.release();
      }
    }
  }

  private async follow(signal: AbortSignal, leaseHeld: () => boolean): Promise<void> {
    await this.refreshCheckpoints();
    this.progress.emit('advanced');
    const types = [...new Set(this.projections.flatMap((p) => p.handles))];
    const batchSize = this.options.batchSize ?? 2000;
    const batches = readAhead(this.store.subscribeBatches({ after: this.position, types, batchSize, signal, settleMs: this.options.settleMs ?? 10 }), (b) => b.events.length >= batchSize);
    for await (const batch of batches) {
      if (!leaseHeld()) return;
      const events = batch.events.map(toProjected);
      const next = new Map<string, bigint>();
      await this.read.transaction(async (db) => {
        for (const projection of this.projections) {
          const from = this.checkpoints.get(projection.name) ?? 0n;
          if (from >= batch.through) continue;
          const handled = new Set(projection.handles);
          const mine = events.filter((e) => e.position > from && handled.has(e.type));
          if (mine.length > 0) await projection.apply(mine, db);
          if (!(await advanceCheckpoint(db, projection.name, from, batch.through))) throw new CheckpointMoved(projection.name);
          next.set(projection.name, batch.through);
        }
      });
      for (const [name, position] of next) this.checkpoints.set(name, position);
      this.options.onProgress?.(batch.through, events.length);
      this.progress.emit('advanced');
    }
  }
}

/**
 * The same batches, the next one already being read while the caller applies this one, as long
 * as the last one was full (catching up): reading and writing overlap. A short batch means the
 * head is reached; then nothing is read ahead, so the source waits for new events only when asked.
 * The store's reads have no side effects: a batch read ahead and not wanted is dropped.
 */
async function* readAhead<T>(source: AsyncIterable<T>, full: (batch: T) => boolean): AsyncGenerator<T> {
  const it = source[Symbol.asyncIterator]();
  let ahead: Promise<IteratorResult<T>> | undefined;
  try {
    for (;;) {
      const result = await (ahead ?? it.next());
      ahead = undefined;
      if (result.done) return;
      if (full(result.value)) {
        ahead = it.next();
        ahead.catch(() => undefined); // a failed read surfaces when awaited, as without reading ahead
      }
      yield result.value;
    }
  } finally {
    if (ahead) await ahead.catch(() => undefined);
    await it.return?.();
  }
}

function pause(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const t = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => (clearTimeout(t), resolve()), { once: true });
  });
}
