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
/** Streams appended at once: enough to overlap round trips, few enough to leave the pool to requests. */
const APPEND_STREAMS = 4;

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
   * Each stream's batches in order; up to APPEND_STREAMS streams at once (no decider reads another
   * stream). The first position is the lowest of the streams' first events, the last the highest.
   */
  private async appendAll(appends: readonly PendingAppend[]): Promise<{ first?: bigint; last?: bigint }> {
    const byStream = new Map<string, PendingAppend[]>();
    for (const a of appends) {
      const batches = byStream.get(a.streamId);
      if (batches) batches.push(a);
      else byStream.set(a.streamId, [a]);
    }
    const queue = [...byStream.values()];
    let first: bigint | undefined;
    let last: bigint | undefined;
    const worker = async () => {
      for (let batches = queue.shift(); batches; batches = queue.shift()) {
        for (const [i, append] of batches.entries()) {
          const result = await this.appendOne(append);
          if (i === 0) {
            const position = await this.positionOfFirst(append.streamId, result.revision - BigInt(append.events.length - 1), result.position, append.events.length);
            if (first === undefined || position < first) first = position;
          }
          if (last === undefined || result.position > last) last = result.position;
        }
      }
    };
    await Promise.all(Array.from({ length: APPEND_STREAMS }, worker));
    return { first, last };
  }

  private async appendOne(append: PendingAppend): Promise<{ revision: bigint; position: bigint }> {
    try {
      return await this.store.append(append.streamId, append.events, { expectedRevision: append.expectedRevision ?? 'no-stream' });
    } catch (err) {
      if (!(err instanceof WrongExpectedRevision)) throw err;
      throw new ProblemException(409, 'IMPORT.CONCURRENT_WRITE', 'Conflict', `${append.streamId} changed while the file was being imported; run the same import again: what was written is kept and the rest is completed`);
    }
  }

  private async positionOfFirst(streamId: string, revision: bigint, lastPosition: bigint, count: number): Promise<bigint> {
    if (count === 1) return lastPosition;
    const [event] = await this.store.readStream(streamId, { fromRevision: revision, maxCount: 1 });
    return event.position;
  }
}
