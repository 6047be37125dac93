import { Inject, Injectable } from '@nestjs/common';
import { EVENT_STORE, WrongExpectedRevision, type EventStore } from '@rm/event-store';
import type { Actor } from '../auth/roles.js';
import { ProblemException } from '../http/problem.js';
import { ImportPlan, type ImportLine, type LineError, type PendingAppend } from './import-plan.js';

export interface ImportResult {
  lines: number;
  written: number;
  unchanged: number;
  firstPosition: string | null;
  lastPosition: string | null;
}

export interface DryRunResult {
  lines: number;
  written: 0;
  wouldWrite: number;
}

/** The most line errors one answer lists; the detail says how many there were. */
const MAX_REPORTED_ERRORS = 1000;
/**
 * Events per appendMany: one transaction for many small streams (an item feed's items) instead
 * of one each, small enough that a transaction stays short.
 */
const CHUNK_EVENTS = 5000;

/**
 * All-or-nothing imports: every line is validated and decided first (in memory, against the log
 * and the earlier lines), and only a file without a bad line is appended. Event ids derive from the
 * lines' content, so a re-run writes nothing twice and completes an interrupted run.
 */
@Injectable()
export class ImportService {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async run(source: AsyncIterable<ImportLine | LineError>, importer: Actor, options: { dryRun: boolean; now?: Date }): Promise<ImportResult | DryRunResult> {
    const plan = new ImportPlan(this.store, importer, options.now ?? new Date());
    for await (const item of source) {
      if ('message' in item) {
        plan.lines++;
        plan.errors.push(item);
      } else await plan.add(item);
    }
    if (plan.errors.length > 0) {
      plan.errors.sort((a, b) => a.line - b.line);
      const count = plan.errors.length;
      const shown = plan.errors.slice(0, MAX_REPORTED_ERRORS);
      const detail = `${count} of ${plan.lines} lines are not valid; nothing was written${count > shown.length ? ` (the first ${shown.length} are listed)` : ''}`;
      throw new ProblemException(400, 'IMPORT.INVALID', 'Bad request', detail, shown);
    }
    if (options.dryRun) return { lines: plan.lines, written: 0, wouldWrite: plan.wouldWrite };
    plan.sealRevisions();
    const { first, last } = await this.appendAll(plan.appends);
    return { lines: plan.lines, written: plan.wouldWrite, unchanged: plan.unchanged, firstPosition: first?.toString() ?? null, lastPosition: last?.toString() ?? null };
  }

  /**
   * In chunks of whole per-stream batches, each chunk one `appendMany` (all or nothing where the
   * store's is), chunks one after another so that a stream's batches land in order. The first
   * position is the lowest of the streams' first events, the last the highest.
   */
  private async appendAll(appends: readonly PendingAppend[]): Promise<{ first?: bigint; last?: bigint }> {
    let first: bigint | undefined;
    let last: bigint | undefined;
    const started = new Set<string>();
    for (const chunk of chunksOf(appends)) {
      const results = await this.appendChunk(chunk);
      for (const [i, append] of chunk.entries()) {
        const result = results[i];
        if (!started.has(append.streamId)) {
          started.add(append.streamId);
          const position = await this.positionOfFirst(append.streamId, result.revision - BigInt(append.events.length - 1), result.position, append.events.length);
          if (first === undefined || position < first) first = position;
        }
        if (last === undefined || result.position > last) last = result.position;
      }
    }
    return { first, last };
  }

  private async appendChunk(chunk: readonly PendingAppend[]): Promise<{ revision: bigint; position: bigint }[]> {
    try {
      return await this.store.appendMany(chunk.map((a) => ({ streamId: a.streamId, events: a.events, expectedRevision: a.expectedRevision ?? 'no-stream' })));
    } catch (err) {
      if (!(err instanceof WrongExpectedRevision)) throw err;
      throw new ProblemException(409, 'IMPORT.CONCURRENT_WRITE', 'Conflict', `${err.streamId} changed while the file was being imported; run the same import again: what was written is kept and the rest is completed`);
    }
  }

  private async positionOfFirst(streamId: string, revision: bigint, lastPosition: bigint, count: number): Promise<bigint> {
    if (count === 1) return lastPosition;
    const [event] = await this.store.readStream(streamId, { fromRevision: revision, maxCount: 1 });
    return event.position;
  }
}

/** Consecutive appends, a stream at most once per chunk: a stream's next batch starts the next chunk. */
function chunksOf(appends: readonly PendingAppend[]): PendingAppend[][] {
  const chunks: PendingAppend[][] = [];
  let chunk: PendingAppend[] = [];
  let streams = new Set<string>();
  let events = 0;
  for (const append of appends) {
    if (chunk.length > 0 && (streams.has(append.streamId) || events + append.events.length > CHUNK_EVENTS)) {
      chunks.push(chunk);
      chunk = [];
      streams = new Set();
      events = 0;
    }
    chunk.push(append);
    streams.add(append.streamId);
    events += append.events.length;
  }
  if (chunk.length > 0) chunks.push(chunk);
  return chunks;
}
