import type pg from 'pg';
import type { SqlClient, SqlPool, SqlResult } from './sql-pool.js';
import { EventIdConflict, InvalidAppend, WrongExpectedRevision } from '../event-store.errors.js';
import type {
  AppendResult,
  EventBatch,
  EventStore,
  ExpectedRevision,
  LogRelation,
  NewEvent,
  ReadAllOptions,
  ReadStreamOptions,
  RecordedEvent,
  StreamAppend,
  StreamWriter,
  SubscribeOptions,
} from '../event-store.port.js';
import { assertExpectedRevision, assertLimit, assertReadAll, assertStreamId, validateBatch, validateWrites } from '../event-store.validation.js';
import { eventsOfBatches } from '../events-of-batches.js';
import { sameContent } from '../same-content.js';
import { WakeUp } from './wake-up.js';

interface EventRow {
  position: string;
  stream_id: string;
  revision: string;
  event_id: string;
  type: string;
  data: RecordedEvent['data'];
  metadata: RecordedEvent['metadata'];
  recorded_at: Date;
}

const COLUMNS = 'position, stream_id, revision, event_id, type, data, metadata, recorded_at';
const UNIQUE_VIOLATION = '23505';
const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

export interface PostgresEventStoreOptions {
  pool: SqlPool;
  /** PostgreSQL schema holding the store's tables (default `public`). */
  schema?: string;
  /** Connection settings for LISTEN; omit on the embedded database (one process, woken locally). */
  listen?: pg.ClientConfig;
  /** How long an idle subscription waits before looking again without a wake-up. */
  pollFallbackMs?: number;
  /**
   * Serialise `withStreamLock` writers of one stream across processes with a transaction-scoped
   * advisory lock (a database server). Off on the embedded database: one process owns it.
   */
  streamLocks?: boolean;
}

/** The event store on PostgreSQL (a server through `pg`, or embedded PGlite through its pg bridge). */
export class PostgresEventStore implements EventStore {
  private readonly schema: string;
  private readonly wakeUp: WakeUp;
  private readonly pollFallbackMs: number;

  constructor(private readonly options: PostgresEventStoreOptions) {
    this.schema = options.schema ?? 'public';
    if (!SCHEMA_NAME.test(this.schema)) throw new InvalidAppend('schema', 'must be a lower-case SQL identifier');
    this.wakeUp = new WakeUp(options.pool, `rm_events_${this.schema}`, options.listen);
    this.pollFallbackMs = options.pollFallbackMs ?? 500;
  }

  get pool(): SqlPool {
    return this.options.pool;
  }

  async append(streamId: string, events: readonly NewEvent[], options: { expectedRevision?: ExpectedRevision } = {}): Promise<AppendResult> {
    const result = await this.appendVia(this.pool, streamId, events, options);
    this.wakeUp.appended();
    return result;
  }

  readonly appendManyIsAtomic = true;

  /**
   * One transaction through rm_append_many (one round trip for the writes). Repeated writes are
   * checked like `append`'s, inside the transaction, so that a mismatch still writes nothing.
   */
  async appendMany(writes: readonly StreamAppend[]): Promise<AppendResult[]> {
    const valid = validateWrites(writes);
    const payload =
      '[' +
      valid.map((w) => `{"stream":${JSON.stringify(w.streamId)},"expected":"${String(w.expected)}","events":${eventsJson(w.events, w.serialised)}}`).join(',') +
      ']';
    for (let attempt = 1; ; attempt++) {
      const client = await this.pool.connect();
      try {
        await client.query('BEGIN');
        const { rows } = await client.query<{ out_index: number; out_status: string; out_revision: string | null; out_position: string | null }>(
          `SELECT out_index, out_status, out_revision, out_position FROM ${this.schema}.rm_append_many($1::jsonb)`,
          [payload],
        );
        const conflict = rows.find((r) => r.out_status === 'conflict');
        if (conflict) {
          const w = valid[conflict.out_index - 1];
          throw new WrongExpectedRevision(w.streamId, w.expected, conflict.out_revision === null ? undefined : BigInt(conflict.out_revision));
        }
        const results: AppendResult[] = [];
        for (const row of rows.sort((a, b) => a.out_index - b.out_index)) {
          const w = valid[row.out_index - 1];
          results.push(row.out_status === 'ok' ? { revision: BigInt(row.out_revision!), position: BigInt(row.out_position!) } : await this.replayRetry(client, w.streamId, w.events));
        }
        await client.query('COMMIT');
        if (rows.some((r) => r.out_status === 'ok')) this.wakeUp.appended();
        return results;
      } catch (err) {
        await client.query('ROLLBACK').catch(() => undefined);
        // A concurrent repeat of the same events committed first: the next attempt sees it as one.
        if ((err as { code?: string }).code === UNIQUE_VIOLATION && attempt < 3) continue;
        throw err;
      } finally {
        client.release();
      }
    }
  }

  /**
   * Runs `work` holding a transaction-scoped advisory lock on the stream: every other process
   * writing the stream through this method waits its turn, in order, instead of failing on the
   * expected revision. The lock is taken with `work`'s first read or append and held until its
   * appends commit together, when `work` returns; all of them go through the one connection held.
   */
  async withStreamLock<T>(streamId: string, work: (writer: StreamWriter) => Promise<T>): Promise<T> {
    assertStreamId(streamId);
    if (!this.options.streamLocks) return work(this);
    const client = await this.pool.connect();
    let appended = false;
    // The schema and the stream id are checked identifiers, safe as a literal. The transaction
    // and the lock start with the first statement sent: a write decided on cached state is then
    // two round trips (lock and append, COMMIT) instead of four.
    const lock = `BEGIN; SELECT pg_advisory_xact_lock(hashtextextended('${this.schema}:stream:${streamId}', 0))`;
    let locked = false;
    const writer: StreamWriter = {
      readStream: async (id, options) => {
        if (!locked) await client.query(lock);
        locked = true;
        return this.readStreamVia(client, id, options);
      },
      append: async (id, events, options) => {
        const first = !locked;
        locked = true;
        const result = await this.appendVia(client, id, events, options, first ? lock : undefined);
        appended = true;
        return result;
      },
    };
    try {
      const result = await work(writer);
      if (locked) await client.query('COMMIT');
      if (appended) this.wakeUp.appended();
      return result;
    } catch (err) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw err;
    } finally {
      client.release();
    }
  }

  /** `before`: statements sent ahead of the append in the same round trip (the values then travel as literals). */
  private async appendVia(sql: SqlClient, streamId: string, events: readonly NewEvent[], options: { expectedRevision?: ExpectedRevision } = {}, before?: string): Promise<AppendResult> {
    assertStreamId(streamId);
    const expected = options.expectedRevision ?? 'any';
    assertExpectedRevision(expected);
    const payload = eventsJson(events, validateBatch(events));
    type Row = { status: string; out_revision: string | null; out_position: string | null };
    const append = (s: string, e: string, p: string) => `SELECT status, out_revision, out_position FROM ${this.schema}.rm_append(${s}, ${e}, ${p}::jsonb)`;
    try {
      const { rows } = before
        ? ((await sql.query(`${before}; ${append(literal(streamId), literal(String(expected)), literal(payload))}`)) as unknown as SqlResult<Row>[]).at(-1)!
        : await sql.query<Row>(append('$1', '$2', '$3'), [streamId, String(expected), payload]);
      const [row] = rows;
      if (row.status === 'ok') return { revision: BigInt(row.out_revision!), position: BigInt(row.out_position!) };
      if (row.status === 'conflict')
        throw new WrongExpectedRevision(streamId, expected, row.out_revision === null ? undefined : BigInt(row.out_revision));
      return await this.replayRetry(sql, streamId, events);
    } catch (err) {
      // A concurrent retry of the same events lost the race on (stream_id, event_id). Inside a
      // transaction the statement's failure aborted it: the caller's retry starts a new one.
      if ((err as { code?: string }).code === UNIQUE_VIOLATION && sql === this.pool) return this.replayRetry(sql, streamId, events);
      throw err;
    }
  }

  /** Some event ids are already stored: a whole, identical retry returns the original result. */
  private async replayRetry(sql: SqlClient, streamId: string, events: readonly NewEvent[]): Promise<AppendResult> {
    const ids = events.map((e) => e.id.toLowerCase());
    const { rows } = await sql.query<EventRow>(
      `SELECT ${COLUMNS} FROM ${this.schema}.rm_events WHERE stream_id = $1 AND event_id = ANY($2::uuid[]) ORDER BY revision`,
      [streamId, ids],
    );
    const stored = new Map(rows.map((r) => [r.event_id, r]));
    for (const event of events) {
      const row = stored.get(event.id.toLowerCase());
      if (!row) throw new EventIdConflict(streamId, event.id, 'a retry must repeat exactly the events of the original append; this one is new');
      if (row.type !== event.type || !sameContent(row.data, event.data))
        throw new EventIdConflict(streamId, event.id, 'already stored with a different type or data');
    }
    const last = stored.get(ids[ids.length - 1])!;
    return { revision: BigInt(last.revision), position: BigInt(last.position) };
  }

  readStream(streamId: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    return this.readStreamVia(this.pool, streamId, options);
  }

  async readStreams(reads: readonly { streamId: string; fromRevision?: bigint }[]): Promise<RecordedEvent[][]> {
    if (!Array.isArray(reads)) throw new InvalidAppend('reads', 'must be an array');
    reads.forEach((r, i) => {
      assertStreamId(r?.streamId, `reads[${i}].streamId`);
      if (r.fromRevision !== undefined && (typeof r.fromRevision !== 'bigint' || r.fromRevision < 0n))
        throw new InvalidAppend(`reads[${i}].fromRevision`, 'must be a non-negative bigint revision');
    });
    if (reads.length === 0) return [];
    const { rows } = await this.pool.query<EventRow>(
      `SELECT ${COLUMNS.split(', ').map((c) => `e.${c}`).join(', ')} FROM unnest($1::text[], $2::bigint[]) AS r(stream_id, from_revision)
        JOIN ${this.schema}.rm_events e ON e.stream_id = r.stream_id AND e.revision >= r.from_revision
        ORDER BY e.stream_id, e.revision`,
      [reads.map((r) => r.streamId), reads.map((r) => String(r.fromRevision ?? 0n))],
    );
    const byStream = new Map<string, RecordedEvent[]>();
    for (const row of rows) {
      const events = byStream.get(row.stream_id);
      if (events) events.push(toRecorded(row));
      else byStream.set(row.stream_id, [toRecorded(row)]);
    }
    return reads.map((r) => byStream.get(r.streamId) ?? []);
  }

  private async readStreamVia(sql: SqlClient, streamId: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    assertStreamId(streamId);
    assertLimit(options.maxCount, 'maxCount');
    const backwards = options.direction === 'backwards';
    if (options.direction !== undefined && options.direction !== 'forwards' && !backwards)
      throw new InvalidAppend('direction', "must be 'forwards' or 'backwards'");
    const params: unknown[] = [streamId];
    const where = ['stream_id = $1'];
    if (options.fromRevision !== undefined) {
      params.push(String(options.fromRevision));
      where.push(`revision ${backwards ? '<=' : '>='} $${params.length}`);
    }
    const limit = options.maxCount ? ` LIMIT ${options.maxCount}` : '';
    const { rows } = await sql.query<EventRow>(
      `SELECT ${COLUMNS} FROM ${this.schema}.rm_events WHERE ${where.join(' AND ')} ORDER BY revision ${backwards ? 'DESC' : 'ASC'}${limit}`,
      params,
    );
    return rows.map(toRecorded);
  }

  async readAll(options: ReadAllOptions = {}): Promise<RecordedEvent[]> {
    return (await this.readBatch(options)).events;
  }

  /** One page of the global log, and the horizon below which every event is visible to this read. */
  private async readBatch(options: ReadAllOptions): Promise<{ events: RecordedEvent[]; horizon: bigint }> {
    assertReadAll(options);
    const params: unknown[] = [String(options.after ?? 0n), options.limit ?? 1000];
    const where = ['e.position > $1'];
    if (options.types) {
      params.push(options.types);
      where.push(`e.type = ANY($${params.length}::text[])`);
    }
    const { rows } = await this.pool.query<EventRow & { horizon: string }>(
      // LIMIT first, horizon after: visible rows are a prefix in position order, and this keeps
      // the plan an ordered index scan even on a log whose statistics are stale.
      `WITH h AS MATERIALIZED (SELECT ${this.schema}.rm_visible_horizon() AS horizon)
       SELECT h.horizon, e.* FROM h LEFT JOIN LATERAL (
         SELECT * FROM (SELECT ${COLUMNS} FROM ${this.schema}.rm_events e WHERE ${where.join(' AND ')} ORDER BY e.position LIMIT $2) page
          WHERE page.position <= h.horizon
       ) e ON true`,
      params,
    );
    const horizon = BigInt(rows[0].horizon);
    const events = rows[0].position === null ? [] : rows.map(toRecorded);
    return { events, horizon };
  }

  subscribe(options: SubscribeOptions = {}): AsyncGenerator<RecordedEvent> {
    return eventsOfBatches(this.subscribeBatches(options), options.signal);
  }

  async *subscribeBatches(options: SubscribeOptions = {}): AsyncGenerator<EventBatch> {
    const batchSize = options.batchSize ?? 1000;
    let after = options.after ?? 0n;
    while (!options.signal?.aborted) {
      const mark = this.wakeUp.mark;
      const { events, horizon } = await this.readBatch({ after, limit: batchSize, types: options.types });
      const full = events.length === batchSize;
      const last = events.length > 0 ? events[events.length - 1].position : after;
      // A short page saw everything up to the horizon: filtered-out events are passed for good.
      const through = !full && horizon > last ? horizon : last;
      if (events.length > 0 || through > after) yield { events, through };
      after = through;
      if (!full) {
        await this.wakeUp.wait(this.pollFallbackMs, options.signal, mark);
        if (options.settleMs) await new Promise((r) => setTimeout(r, options.settleMs));
      }
    }
  }

  logInDatabase(pool: SqlPool): LogRelation | undefined {
    if (pool !== this.pool) return undefined;
    return {
      relation: `(SELECT position, type, data, metadata, recorded_at FROM ${this.schema}.rm_events)`,
      horizon: `${this.schema}.rm_visible_horizon()`,
    };
  }

  async headPosition(): Promise<bigint> {
    const { rows } = await this.pool.query<{ position: string }>(
      `SELECT coalesce(max(position), 0) AS position FROM ${this.schema}.rm_events WHERE position <= ${this.schema}.rm_visible_horizon()`,
    );
    return BigInt(rows[0].position);
  }

  async close(): Promise<void> {
    await this.wakeUp.close();
  }
}

/** The events as the append functions take them, from the texts validation already serialised. */
function eventsJson(events: readonly NewEvent[], serialised: { data: string; metadata: string }[]): string {
  return '[' + events.map((e, i) => `{"id":"${e.id.toLowerCase()}","type":${JSON.stringify(e.type)},"data":${serialised[i].data},"metadata":${serialised[i].metadata}}`).join(',') + ']';
}

function toRecorded(row: EventRow): RecordedEvent {
  return {
    id: row.event_id,
    type: row.type,
    streamId: row.stream_id,
    data: row.data,
    metadata: row.metadata,
    revision: BigInt(row.revision),
    position: BigInt(row.position),
    recordedAt: row.recorded_at,
  };
}

/** A string as a PostgreSQL literal (as node-postgres' escapeLiteral writes it). */
function literal(text: string): string {
  const quoted = `'${text.replace(/'/g, "''")}'`;
  return text.includes('\\') ? ` E${quoted.replace(/\\/g, '\\\\')}` : quoted;
}
