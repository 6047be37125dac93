import { Inject, Injectable } from '@nestjs/common';
import { effectiveTimeOf, type Decider, type DomainCommand, type DomainEvent, type RecoveryMonitorEvent } from '@rm/domain';
import { EVENT_STORE, WrongExpectedRevision, type EventMetadata, type EventStore, type NewEvent, type RecordedEvent, type StreamWriter } from '@rm/event-store';
import { ProblemException } from '../http/problem.js';
import type { CommandContext } from './command-context.js';
import { deterministicUuid } from './deterministic-id.js';
import { StateCache, type CachedStream } from './state-cache.js';

export interface WriteResult {
  streamId: string;
  /** Stream revision after the command (undefined: the stream does not exist). */
  revision: bigint | undefined;
  position: bigint | undefined;
  /** False when the command repeated something already done and wrote nothing. */
  changed: boolean;
}

const MAX_ATTEMPTS = 8;

/** One stream's command in a batch that `runMany` writes all or nothing. */
export interface StreamCommand<C, E, S> {
  decider: Decider<C, E, S>;
  streamId: string;
  command: C;
}

/** Streams read with one query when a batch's states are not all cached. */
const READ_CHUNK = 1000;

/**
 * Read, decide, append. Commands on one stream run one at a time in this process, and, where the
 * store offers a stream lock (a database server), one at a time across processes too: a write
 * without If-Match never fails because another process wrote the stream. A write the lock does
 * not cover (a store without one, an import) is caught by the expected revision and the command
 * is decided again, unless the caller pinned the revision with If-Match.
 */
@Injectable()
export class CommandRunner {
  private readonly cache = new StateCache(10_000);
  private readonly queues = new Map<string, Promise<unknown>>();

  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  /**
   * `streamLock: false` for streams that are rarely written by two processes at once (an item's):
   * a race is then caught by the expected revision and decided again, without a lock's round trips.
   */
  run<C extends DomainCommand, E extends DomainEvent, S>(decider: Decider<C, E, S>, streamId: string, command: C, ctx: CommandContext, options: { streamLock?: boolean } = {}): Promise<WriteResult> {
    const previous = this.queues.get(streamId) ?? Promise.resolve();
    const work = (writer: StreamWriter) => this.decideAndAppend(writer, decider, streamId, command, ctx);
    const locked = this.store.withStreamLock && options.streamLock !== false;
    const next = previous.catch(() => undefined).then(() => (locked ? this.store.withStreamLock!(streamId, work) : work(this.store)));
    this.queues.set(streamId, next);
    void next.finally(() => {
      if (this.queues.get(streamId) === next) this.queues.delete(streamId);
    }).catch(() => undefined);
    return next;
  }

  /**
   * A stream's state as a write would decide on it, for a command that reads one stream and
   * writes others (an item feed reads its indicator); `fresh` skips the cache.
   */
  current<C, E, S>(decider: Decider<C, E, S>, streamId: string, fresh = false): Promise<CachedStream<S>> {
    const cached = fresh ? undefined : this.cache.get<S>(streamId);
    return cached ? Promise.resolve(cached) : this.load(this.store, decider, streamId);
  }

  /**
   * Decides every command on its stream's state, then writes all their events with one
   * `appendMany`: a command its state refuses (after a fresh read) refuses the batch before
   * anything is written, and a concurrent write to any of the streams fails the whole append,
   * which is then decided again from fresh state. Results follow the commands' order; a
   * command with nothing to do reports its stream as it is. Not queued per stream like `run`:
   * the expected revisions catch every race.
   */
  async runMany<C extends DomainCommand, E extends DomainEvent, S>(commands: readonly StreamCommand<C, E, S>[], ctx: CommandContext): Promise<WriteResult[]> {
    let fresh = false;
    for (let attempt = 1; ; attempt++) {
      const states = await this.currentMany(commands, fresh);
      const refused: number[] = [];
      const events = commands.map((c, i) => {
        try {
          return c.decider.decide(c.command, states[i].state);
        } catch (err) {
          if (fresh) throw err;
          refused.push(i); // decided on the cache: read again before refusing
          return [];
        }
      });
      const reread = await this.currentMany(refused.map((i) => commands[i]), true);
      refused.forEach((i, k) => {
        states[i] = reread[k];
        events[i] = commands[i].decider.decide(commands[i].command, reread[k].state);
      });
      const decided = commands.map((_, i) => ({ current: states[i], events: events[i] }));
      fresh = true;
      const writing = decided.map((d, i) => ({ ...d, c: commands[i], i })).filter((d) => d.events.length > 0);
      const results: WriteResult[] = decided.map((d, i) => ({ streamId: commands[i].streamId, revision: d.current.revision, position: d.current.position, changed: false }));
      if (writing.length === 0) return results;
      try {
        const appended = await this.store.appendMany(
          writing.map(({ c, current, events }) => ({
            streamId: c.streamId,
            events: events.map((e, i) => this.toNewEvent(e, i, c.streamId, ctx)),
            expectedRevision: current.revision ?? 'no-stream',
          })),
        );
        writing.forEach(({ c, current, events, i }, k) => {
          const result = appended[k];
          const expected = (current.revision ?? -1n) + BigInt(events.length);
          if (result.revision === expected) this.cache.set(c.streamId, { ...result, state: events.reduce(c.decider.evolve, current.state) });
          else this.cache.delete(c.streamId); // an earlier attempt of this batch was already stored
          results[i] = { streamId: c.streamId, ...result, changed: true };
        });
        return results;
      } catch (err) {
        if (!(err instanceof WrongExpectedRevision)) throw err;
        for (const { c } of writing) this.cache.delete(c.streamId);
        if (attempt >= MAX_ATTEMPTS) throw err;
        await new Promise((r) => setTimeout(r, Math.random() * 5 * attempt));
      }
    }
  }

  private async decideAndAppend<C, E extends DomainEvent, S>(writer: StreamWriter, decider: Decider<C, E, S>, streamId: string, command: C, ctx: CommandContext): Promise<WriteResult> {
    // The cached state is trusted optimistically: a write by another process since then makes
    // the append's expected revision fail, and anything the cache decides against is re-read first.
    let fresh = false;
    for (let attempt = 1; ; attempt++) {
      const current = fresh ? await this.load(writer, decider, streamId) : (this.cache.get<S>(streamId) ?? (await this.load(writer, decider, streamId)));
      fresh = true;
      if (ctx.ifMatch !== undefined && ctx.ifMatch !== current.revision) {
        if (attempt === 1) continue;
        throw preconditionFailed(streamId, ctx.ifMatch, current.revision);
      }
      let events: E[];
      try {
        events = decider.decide(command, current.state);
      } catch (err) {
        if (attempt === 1) continue;
        throw err;
      }
      if (events.length === 0) {
        if (attempt === 1) continue; // confirm the no-op and report the current revision
        return { streamId, revision: current.revision, position: current.position, changed: false };
      }
      try {
        const result = await writer.append(streamId, events.map((e, i) => this.toNewEvent(e, i, streamId, ctx)), {
          expectedRevision: current.revision ?? 'no-stream',
        });
        const expected = (current.revision ?? -1n) + BigInt(events.length);
        if (result.revision === expected) this.cache.set(streamId, { ...result, state: events.reduce(decider.evolve, current.state) });
        else this.cache.delete(streamId); // an earlier attempt of this command was already stored
        return { streamId, ...result, changed: true };
      } catch (err) {
        this.cache.delete(streamId);
        if (!(err instanceof WrongExpectedRevision)) throw err;
        if (ctx.ifMatch !== undefined) throw preconditionFailed(streamId, ctx.ifMatch, err.actual);
        if (attempt >= MAX_ATTEMPTS) throw err;
        // Another process is writing this stream too: back off a little, with jitter. (No retry
        // library: each attempt re-reads and decides again, which is this loop's real work.)
        await new Promise((r) => setTimeout(r, Math.random() * 5 * attempt));
      }
    }
  }

  /** The stream's state: from the cache, brought up to date by reading forward. */
  private async load<C, E, S>(writer: StreamWriter, decider: Decider<C, E, S>, streamId: string): Promise<CachedStream<S>> {
    const cached = this.cache.get<S>(streamId);
    const events = await writer.readStream(streamId, { fromRevision: nextRevision(cached) });
    return this.caughtUp(decider, streamId, cached, events);
  }

  /** Many streams' states, those not taken from the cache (all when `fresh`) read forward with one query per chunk. */
  private async currentMany<C, E, S>(commands: readonly StreamCommand<C, E, S>[], fresh: boolean): Promise<CachedStream<S>[]> {
    const states = commands.map((c) => (fresh ? undefined : this.cache.get<S>(c.streamId)));
    const missing = states.flatMap((state, i) => (state ? [] : [i]));
    for (let k = 0; k < missing.length; k += READ_CHUNK) {
      const part = missing.slice(k, k + READ_CHUNK);
      const cached = part.map((i) => this.cache.get<S>(commands[i].streamId));
      const read = await this.store.readStreams(part.map((i, j) => ({ streamId: commands[i].streamId, fromRevision: nextRevision(cached[j]) })));
      part.forEach((i, j) => (states[i] = this.caughtUp(commands[i].decider, commands[i].streamId, cached[j], read[j])));
    }
    return states as CachedStream<S>[];
  }

  private caughtUp<C, E, S>(decider: Decider<C, E, S>, streamId: string, cached: CachedStream<S> | undefined, events: readonly RecordedEvent[]): CachedStream<S> {
    if (events.length === 0 && cached) return cached;
    const last = events[events.length - 1];
    const state = events.reduce((s, e) => decider.evolve(s, { type: e.type, data: e.data } as unknown as E), cached?.state ?? decider.initialState());
    const loaded = { revision: last?.revision, position: last?.position, state };
    // A stream not there yet is cached too: an item feed reads each new item before writing it.
    this.cache.set(streamId, loaded);
    return loaded;
  }

  private toNewEvent(event: DomainEvent, index: number, streamId: string, ctx: CommandContext): NewEvent {
    const metadata: EventMetadata = {
      actor: ctx.actor.name ? { sub: ctx.actor.sub, name: ctx.actor.name } : { sub: ctx.actor.sub },
      commandId: ctx.commandId,
      correlationId: ctx.correlationId,
      effectiveAt: effectiveTimeOf(event as RecoveryMonitorEvent) ?? ctx.now,
    };
    if (ctx.causationId) metadata.causationId = ctx.causationId;
    return { id: deterministicUuid(ctx.commandId, streamId, String(index)), type: event.type, data: event.data as Record<string, unknown>, metadata };
  }
}

const nextRevision = (cached: CachedStream<unknown> | undefined): bigint => (cached?.revision !== undefined ? cached.revision + 1n : 0n);

function preconditionFailed(streamId: string, expected: bigint, actual: bigint | undefined): ProblemException {
  const now = actual === undefined ? 'does not exist' : `is at revision ${actual}`;
  return new ProblemException(412, 'REVISION.MISMATCH', 'Precondition failed', `If-Match expected revision ${expected} of ${streamId}, which ${now}`, undefined, actual === undefined ? {} : { ETag: `"${actual}"` });
}
