import { EventEmitter } from 'node:events';
import type { EventStore, RecordedEvent } from '@rm/event-store';
import type { ReadDatabase } from '../database/read-database.js';
import { advanceCheckpoint, readCheckpoints } from './checkpoints.js';
import type { LeaseProvider } from './lease.js';
import { clearPassedFaults, ProjectionStuck, readFaults, recordFault, type ProjectionFault } from './projection-faults.js';
import { pause } from './pause.js';
import { toProjected, type Projection, type ProjectedEvent, type ReadDb } from './projection.js';

export interface RunnerOptions {
  batchSize?: number;
  /** Called with errors the runner recovers from by retrying. */
  onError?: (error: unknown) => void;
  /** Called after every committed batch, e.g. for a progress bar. */
  onProgress?: (through: bigint, applied: number) => void;
  /** The first pause after a failure; it doubles while the same event keeps failing, to at most 30 s. */
  retryMs?: number;
  /** Live: how long to gather appends after a wake-up before applying them in one transaction. */
  settleMs?: number;
  /** The lease this runner takes: a projection group's name; by default one lease for every projection of the schema. */
  leaseKey?: string;
}

const MAX_RETRY_MS = 30_000;

/** A projection failed somewhere in a batch of several events: the runner narrows it down. */
class BatchFailed extends Error {
  constructor(
    readonly projection: string,
    readonly through: bigint,
    readonly error: unknown,
  ) {
    super(`projection ${projection} failed on a batch through ${through}: ${(error as Error)?.message}`);
  }
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
  private stuck = new Map<string, ProjectionFault>();
  /** After a failed batch: apply one event at a time up to here, to find the event at fault. */
  private narrowThrough: bigint | undefined;

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

  /** Projections that cannot apply an event, as this runner last saw them (its own or from the database). */
  get faults(): ProjectionFault[] {
    return [...this.stuck.values()];
  }

  /** The fault that keeps the read models from ever including `position`, if any. */
  faultBefore(position: bigint): ProjectionFault | undefined {
    return this.faults.find((f) => f.position <= position && (this.checkpoints.get(f.projection) ?? 0n) < f.position);
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

  /**
   * Runs until every projection has applied the log up to `target` (the head by default), then
   * stops; rejects with ProjectionStuck as soon as a projection cannot apply an event.
   */
  async catchUp(target?: bigint): Promise<void> {
    const goal = target ?? (await this.store.headPosition());
    this.start();
    try {
      if (await this.waitFor(goal, Number.POSITIVE_INFINITY)) return;
      throw new ProjectionStuck(this.faultBefore(goal)!);
    } finally {
      await this.stop();
    }
  }

  /**
   * Resolves true once the read models include `position`; false after `timeoutMs`, or as soon
   * as a stuck projection keeps them from ever including it (see `faultBefore`).
   */
  async waitFor(position: bigint, timeoutMs: number): Promise<boolean> {
    if (this.position >= position) return true;
    if (!this.running) await this.refreshCheckpoints();
    if (this.position >= position) return true;
    if (this.faultBefore(position)) return false;
    return new Promise((resolve) => {
      const done = (ok: boolean) => {
        clearTimeout(timer);
        this.progress.off('advanced', check);
        resolve(ok);
      };
      const check = () => (this.position >= position ? done(true) : this.faultBefore(position) ? done(false) : undefined);
      const timer = Number.isFinite(timeoutMs) ? setTimeout(() => done(false), timeoutMs) : undefined;
      this.progress.on('advanced', check);
    });
  }

  /**
   * For processes that watch rather than project: the checkpoints and faults the projecting
   * process stored (`stored` when the caller read them already). The holder of the lease keeps
   * its own: a read that started before its last commit would move them back.
   */
  async refreshCheckpoints(stored?: { checkpoints: Map<string, bigint>; faults: ProjectionFault[] }): Promise<void> {
    const { checkpoints, faults } = stored ?? (await readProgress(this.read.db));
    if (this.holdsLease) return;
    for (const p of this.projections) this.checkpoints.set(p.name, checkpoints.get(p.name) ?? 0n);
    const mine = new Set(this.projections.map((p) => p.name));
    this.stuck = new Map(faults.filter((f) => mine.has(f.projection)).map((f) => [f.projection, f]));
  }

  /** The projecting process knows its faults from its own attempts: one left by an earlier process is tried again. */
  private async loadCheckpoints(): Promise<void> {
    await clearPassedFaults(this.read.db);
    const stored = await readCheckpoints(this.read.db);
    for (const p of this.projections) this.checkpoints.set(p.name, stored.get(p.name) ?? 0n);
  }

  private async loop(signal: AbortSignal): Promise<void> {
    while (!signal.aborted) {
      const lease = await this.lease.acquire(this.options.leaseKey ?? `${this.read.schema}:projections`, signal);
      if (!lease) return;
      this.holdsLease = true;
      try {
        await this.follow(lease.lost ? AbortSignal.any([signal, lease.lost]) : signal, () => lease.held);
      } catch (err) {
        const retryMs = await this.failed(err);
        if (retryMs > 0) await pause(retryMs, signal);
      } finally {
        this.holdsLease = false;
        await lease.release();
      }
    }
  }

  /** How long to wait before the next attempt; records the fault when one event is to blame. */
  private async failed(err: unknown): Promise<number> {
    const retryMs = this.options.retryMs ?? 1000;
    if (err instanceof BatchFailed) {
      this.narrowThrough = err.through;
      return 0;
    }
    if (!(err instanceof ProjectionStuck)) {
      this.options.onError?.(err);
      return retryMs;
    }
    const fault = await recordFault(this.read.db, err.fault).catch(() => ({ ...err.fault, attempts: (this.stuck.get(err.fault.projection)?.attempts ?? 0) + 1 }));
    this.stuck.set(fault.projection, fault);
    // Logged when it starts failing, not on every retry.
    if (fault.attempts === 1) this.options.onError?.(err);
    this.progress.emit('advanced');
    return Math.min(MAX_RETRY_MS, retryMs * 2 ** Math.min(fault.attempts - 1, 15));
  }

  private async follow(signal: AbortSignal, leaseHeld: () => boolean): Promise<void> {
    await this.loadCheckpoints();
    this.progress.emit('advanced');
    const types = [...new Set(this.projections.flatMap((p) => p.handles))];
    const narrowing = this.narrowThrough !== undefined && this.position < this.narrowThrough;
    if (!narrowing) this.narrowThrough = undefined;
    const batchSize = narrowing ? 1 : (this.options.batchSize ?? 2000);
    const batches = readAhead(this.store.subscribeBatches({ after: this.position, types, batchSize, signal, settleMs: this.options.settleMs ?? 10 }), (b) => b.events.length >= batchSize);
    for await (const batch of batches) {
      if (!leaseHeld()) return;
      const events = batch.events.map(toProjected);
      const next = new Map<string, bigint>();
      const due = this.projections.flatMap((projection) => {
        const from = this.checkpoints.get(projection.name) ?? 0n;
        if (from >= batch.through) return [];
        const handled = new Set(projection.handles);
        return [{ projection, from, mine: events.filter((e) => e.position > from && handled.has(e.type)) }];
      });
      const advance = async (db: ReadDb) => {
        for (const { projection, mine, from } of due) {
          if (mine.length > 0) await applyOrBlame(projection, mine, db, batch.events, batch.through);
          if (!(await advanceCheckpoint(db, projection.name, from, batch.through))) throw new CheckpointMoved(projection.name);
          next.set(projection.name, batch.through);
        }
      };
      // Nothing to apply (another group's events): only checkpoints move, each a statement of its
      // own that is right whoever makes it, so no transaction's two round trips per group and batch.
      if (due.every((d) => d.mine.length === 0)) await advance(this.read.db);
      else await this.read.transaction(advance);
      for (const [name, position] of next) this.checkpoints.set(name, position);
      if (this.stuck.size > 0) await this.forgetPassedFaults();
      this.options.onProgress?.(batch.through, events.length);
      this.progress.emit('advanced');
      // Past the failed batch: back to full batches.
      if (narrowing && this.position >= this.narrowThrough!) return;
    }
  }

  private async forgetPassedFaults(): Promise<void> {
    await clearPassedFaults(this.read.db);
    for (const [name, fault] of this.stuck) if ((this.checkpoints.get(name) ?? 0n) >= fault.position) this.stuck.delete(name);
  }
}

/** Every checkpoint and every fault still in the way, as stored. */
export async function readProgress(db: ReadDb): Promise<{ checkpoints: Map<string, bigint>; faults: ProjectionFault[] }> {
  const [checkpoints, faults] = await Promise.all([readCheckpoints(db), readFaults(db)]);
  return { checkpoints, faults };
}

/** Applies a projection's events; a failure names the projection and, for a single event, the event. */
async function applyOrBlame(projection: Projection, events: readonly ProjectedEvent[], db: ReadDb, recorded: readonly RecordedEvent[], through: bigint): Promise<void> {
  try {
    await projection.apply(events, db);
  } catch (err) {
    if (events.length > 1) throw new BatchFailed(projection.name, through, err);
    const event = recorded.find((e) => e.position === events[0].position)!;
    const now = new Date();
    throw new ProjectionStuck({
      projection: projection.name, position: event.position, eventId: event.id, streamId: event.streamId, eventType: event.type,
      error: (err as Error)?.message ?? String(err), attempts: 1, firstFailedAt: now, lastFailedAt: now,
    });
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
