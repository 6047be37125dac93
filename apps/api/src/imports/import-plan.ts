import { DomainError, effectiveTimeOf, isPlainDate, toEpochMs, type DomainEvent, type RecoveryMonitorEvent } from '@rm/domain';
import type { EventMetadata, EventStore, NewEvent } from '@rm/event-store';
import type { Actor } from '../auth/roles.js';
import { deterministicUuid } from '../commands/deterministic-id.js';
import { OlderItems } from '../indicators/older-items.js';
import { matchImportRoute, type RoutedCommand } from './import-routes.js';
import { validateBody } from './validate-body.js';

/** One write of an import file, as parsed from its line or row. */
export interface ImportLine {
  /** 1 = the file's first line (a CSV's header). */
  line: number;
  path: string;
  body: unknown;
  /** When the fact was first reported; absent: a live write, decided and known now. */
  reportedAt?: unknown;
  actor?: unknown;
  /** The line's command id, from its content: equal lines at the same occurrence give the same events. */
  key: string;
  /** How CSV columns or NDJSON fields are named in errors: body fields of a CSV row are bare columns. */
  bodyPrefix: string;
  /** The column that names the path's resource in a CSV row (`indicator`); NDJSON names `path`. */
  pathField?: string;
}

export interface LineError {
  line: number;
  field: string;
  message: string;
}

interface StreamDraft {
  decider: RoutedCommand['decider'];
  state: unknown;
  /** The stream's revision when loaded (undefined: no stream). */
  revision: bigint | undefined;
  /** Command ids already in the log or earlier in this file: a repeated line is unchanged. */
  commandIds: Set<string>;
}

export interface PendingAppend {
  streamId: string;
  expectedRevision: bigint | undefined;
  events: NewEvent[];
}

const APPEND_BATCH = 1000;
const EFFECTIVE_FIELDS = ['effectiveAt', 'assessedAt', 'startedOn', 'reportedOn', 'completedOn', 'date', 'decidedOn', 'inForceFrom', 'items'];

/**
 * The dry pass of an import: every line validated and decided in file order against the log and
 * the earlier lines, in memory. Nothing is written here; `appends` is what a clean file writes.
 */
export class ImportPlan {
  readonly errors: LineError[] = [];
  readonly appends: PendingAppend[] = [];
  lines = 0;
  wouldWrite = 0;
  unchanged = 0;
  private readonly streams = new Map<string, StreamDraft>();
  private readonly openAppends = new Map<string, PendingAppend>();
  private lastReported: { ms: number; text: string } | undefined;
  /** One object shared by every event's metadata: an import can hold a million of them. */
  private readonly importedBy: { sub: string; name?: string };
  private readonly olderItems: OlderItems;

  constructor(
    private readonly store: EventStore,
    importer: Actor,
    private readonly now: Date,
  ) {
    this.importedBy = importer.name ? { sub: importer.sub, name: importer.name } : { sub: importer.sub };
    this.olderItems = new OlderItems(store);
  }

  async add(input: ImportLine): Promise<void> {
    this.lines++;
    const fail = (field: string, message: string) => void this.errors.push({ line: input.line, field, message });
    const reported = this.reportedAt(input, fail);
    const actor = this.actorOf(input.actor, fail);
    if (typeof input.path !== 'string') return fail('path', 'must be a string naming a POST route of this API');
    const match = matchImportRoute(input.path.split('?')[0]);
    if ('error' in match) return input.pathField ? fail(input.pathField, 'must be the id of an indicator: 1-64 lower-case letters, digits and dashes') : fail('path', match.error);
    const validated = validateBody(match.route.dto, input.body);
    if ('errors' in validated) {
      for (const e of validated.errors) fail(e.field && e.field !== '(body)' ? `${input.bodyPrefix}${e.field}` : 'body', e.message);
      return;
    }
    const body = validated.body;
    if (reported === null || actor === null) return;
    const commandId = input.key;
    const now = reported?.text ?? this.now.toISOString();
    const routed = match.route.build(match.params, body, commandId, now);
    const failWith = (err: unknown) => {
      if (!(err instanceof DomainError)) throw err;
      fail(err.field ? `${input.bodyPrefix}${err.field}` : (input.pathField ?? 'body'), err.message);
    };
    let commands: RoutedCommand[];
    try {
      if ('checked' in routed) {
        const indicator = (await this.load(routed.checked)).state;
        commands = routed.commands(indicator, await this.olderItems.of(routed.indicatorId, indicator));
      } else commands = [routed];
    } catch (err) {
      return failWith(err);
    }
    // Every stream of the line decided before any draft moves: a refused item refuses the line.
    const decided: { routed: RoutedCommand; draft: StreamDraft; events: DomainEvent[] }[] = [];
    for (const command of commands) {
      const draft = await this.load(command);
      if (draft.commandIds.has(commandId)) continue;
      try {
        const events = command.decider.decide(command.command, draft.state);
        if (events.length > 0) decided.push({ routed: command, draft, events });
      } catch (err) {
        return failWith(err);
      }
    }
    if (decided.length === 0) return void this.unchanged++;
    if (reported) {
      const late = decided.flatMap((d) => d.events).map((e) => effectiveTimeOf(e as RecoveryMonitorEvent)).find((t) => t !== undefined && Date.parse(t) > reported.ms);
      if (late !== undefined) return fail(this.effectiveField(body, reported.ms, input.bodyPrefix), `the effective time ${late} lies after reportedAt ${reported.text}: a fact cannot be effective after it was reported`);
    }
    this.wouldWrite++;
    for (const { routed: command, draft, events } of decided) {
      draft.state = events.reduce(command.decider.evolve, draft.state);
      draft.commandIds.add(commandId);
      this.queue(command.streamId, events.map((e, i) => this.toNewEvent(e, i, command.streamId, commandId, actor, reported?.text, now)));
    }
  }

  // Appends are batched per stream, in file order within each stream: no decider reads another
  // stream (an item feed reads its indicator's, written earlier in file order), so the order
  // across streams does not change what is decided.
  private queue(streamId: string, newEvents: NewEvent[]): void {
    const open = this.openAppends.get(streamId);
    if (open && open.events.length + newEvents.length <= APPEND_BATCH) open.events.push(...newEvents);
    else {
      const append = { streamId, expectedRevision: undefined, events: newEvents };
      this.openAppends.set(streamId, append);
      this.appends.push(append);
    }
  }

  /** The stream revision each append expects: the loaded one plus what earlier appends add. */
  sealRevisions(): void {
    const next = new Map<string, bigint | undefined>([...this.streams].map(([id, d]) => [id, d.revision]));
    for (const append of this.appends) {
      append.expectedRevision = next.get(append.streamId);
      next.set(append.streamId, (append.expectedRevision ?? -1n) + BigInt(append.events.length));
    }
  }

  private async load(routed: Omit<RoutedCommand, 'command'>): Promise<StreamDraft> {
    const known = this.streams.get(routed.streamId);
    if (known) return known;
    const recorded = await this.store.readStream(routed.streamId);
    const draft: StreamDraft = { decider: routed.decider, state: routed.decider.initialState(), revision: recorded[recorded.length - 1]?.revision, commandIds: new Set() };
    for (const e of recorded) {
      draft.state = routed.decider.evolve(draft.state, { type: e.type, data: e.data });
      if (typeof e.metadata.commandId === 'string') draft.commandIds.add(e.metadata.commandId);
    }
    this.streams.set(routed.streamId, draft);
    return draft;
  }

  /** undefined: no reportedAt (a live write); null: a bad one, already reported. */
  private reportedAt(input: ImportLine, fail: (field: string, message: string) => void): { ms: number; text: string } | undefined | null {
    if (input.reportedAt === undefined) return undefined;
    const ms = toEpochMs(input.reportedAt);
    if (ms === undefined || isPlainDate(String(input.reportedAt))) {
      fail('reportedAt', 'must be a full ISO 8601 timestamp with a zone, e.g. 2019-11-15T09:30:00Z');
      return null;
    }
    const text = new Date(ms).toISOString();
    if (ms > this.now.getTime()) {
      fail('reportedAt', `must not lie in the future (it is ${this.now.toISOString()} now)`);
      return null;
    }
    if (this.lastReported && ms < this.lastReported.ms) {
      fail('reportedAt', `must not decrease within a file: an earlier line was reported at ${this.lastReported.text}`);
      return null;
    }
    this.lastReported = { ms, text };
    return { ms, text };
  }

  /** The line's actor, else the importer; null: a bad one, already reported. */
  private actorOf(actor: unknown, fail: (field: string, message: string) => void): { sub: string; name?: string } | null {
    if (actor === undefined) return this.importedBy;
    const a = actor as { sub?: unknown; name?: unknown };
    const valid = actor !== null && typeof actor === 'object' && !Array.isArray(actor) && Object.keys(actor).every((k) => k === 'sub' || k === 'name');
    if (!valid || typeof a.sub !== 'string' || !/^\S.{0,199}$/.test(a.sub) || (a.name !== undefined && (typeof a.name !== 'string' || a.name.length > 200))) {
      fail('actor', 'must be { "sub": "<non-empty id>", "name": "<optional name>" } and nothing else');
      return null;
    }
    return a.name === undefined ? { sub: a.sub } : { sub: a.sub, name: a.name };
  }

  private effectiveField(body: Record<string, unknown>, reportedMs: number, prefix: string): string {
    const field = EFFECTIVE_FIELDS.find((f) => {
      const ms = toEpochMs(body[f]);
      return ms !== undefined ? ms > reportedMs : f === 'items';
    });
    return field ? `${prefix}${field}` : 'reportedAt';
  }

  private toNewEvent(event: DomainEvent, index: number, streamId: string, commandId: string, actor: { sub: string; name?: string }, reportedAt: string | undefined, now: string): NewEvent {
    const metadata: EventMetadata = {
      actor,
      commandId,
      // Derived, not per request: a re-run must write exactly what the first run would have.
      correlationId: commandId,
      effectiveAt: effectiveTimeOf(event as RecoveryMonitorEvent) ?? now,
      importedBy: this.importedBy,
    };
    if (reportedAt !== undefined) Object.assign(metadata, { imported: true, reportedAt });
    return { id: deterministicUuid(commandId, streamId, String(index)), type: event.type, data: event.data as Record<string, unknown>, metadata };
  }
}
