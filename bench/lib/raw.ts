import type pg from 'pg';
import QueryStream from 'pg-query-stream';
import type { SqlPool } from '@rm/event-store';
import { foldValue, type BenchEvent } from './events.js';

/**
 * The raw reference: a plain table with the event log's columns and a primary key on position,
 * written with plain INSERTs and read with a plain SELECT in position order, on the same database.
 */
export class RawTable {
  private nextPosition = 1;
  private readonly insertSql = new Map<number, string>();

  constructor(
    private readonly pool: SqlPool,
    readonly table: string,
    /** Server: read through a cursor (pg-query-stream). Embedded: keyset pages. */
    private readonly streaming: boolean,
  ) {}

  async create(): Promise<void> {
    await this.pool.query(`CREATE TABLE ${this.table} (
      position bigint PRIMARY KEY, stream_id text NOT NULL, revision bigint NOT NULL, event_id uuid NOT NULL,
      type text NOT NULL, data jsonb NOT NULL, metadata jsonb NOT NULL, recorded_at timestamptz NOT NULL)`);
  }

  async reset(): Promise<void> {
    await this.pool.query(`TRUNCATE ${this.table}`);
  }

  async vacuum(): Promise<void> {
    await this.pool.query(`VACUUM ANALYZE ${this.table}`);
  }

  /** One multi-row, parameterised INSERT of the whole batch. */
  async insertBatch(
    streamId: string,
    events: readonly BenchEvent[],
    firstRevision = 0,
  ): Promise<void> {
    const params: unknown[] = [];
    for (let i = 0; i < events.length; i++) {
      const e = events[i];
      params.push(
        this.nextPosition++,
        streamId,
        firstRevision + i,
        e.id,
        e.type,
        e.data,
        e.metadata,
      );
    }
    await this.pool.query(this.sqlFor(events.length), params);
  }

  /** One single-row INSERT in its own (auto-committed) transaction. */
  async insertOne(streamId: string, event: BenchEvent, revision: number): Promise<void> {
    await this.pool.query(this.sqlFor(1), [
      this.nextPosition++,
      streamId,
      revision,
      event.id,
      event.type,
      event.data,
      event.metadata,
    ]);
  }

  /** Reads `count` rows in position order and folds them; returns the fold. */
  async read(count: number, batchSize: number): Promise<number> {
    return this.streaming ? this.readStreaming(count, batchSize) : this.readPages(count, batchSize);
  }

  private async readStreaming(count: number, batchSize: number): Promise<number> {
    const client = (await (this.pool as unknown as pg.Pool).connect()) as pg.PoolClient;
    let sum = 0;
    let seen = 0;
    try {
      const stream = client.query(
        new QueryStream(`SELECT ${COLUMNS} FROM ${this.table} ORDER BY position`, [], {
          batchSize,
        }),
      );
      for await (const row of stream as AsyncIterable<{ data: { value: number } }>) {
        sum = foldValue(sum, row.data);
        if (++seen === count) break;
      }
    } finally {
      client.release();
    }
    if (seen !== count) throw new Error(`raw read saw ${seen} of ${count} rows`);
    return sum;
  }

  private async readPages(count: number, batchSize: number): Promise<number> {
    let sum = 0;
    let seen = 0;
    let after = '0';
    while (seen < count) {
      const { rows } = await this.pool.query<{ position: string; data: { value: number } }>(
        `SELECT ${COLUMNS} FROM ${this.table} WHERE position > $1 ORDER BY position LIMIT $2`,
        [after, Math.min(batchSize, count - seen)],
      );
      if (rows.length === 0) break;
      for (const row of rows) sum = foldValue(sum, row.data);
      seen += rows.length;
      after = rows[rows.length - 1].position;
    }
    if (seen !== count) throw new Error(`raw read saw ${seen} of ${count} rows`);
    return sum;
  }

  private sqlFor(rows: number): string {
    let sql = this.insertSql.get(rows);
    if (!sql) {
      const values = Array.from({ length: rows }, (_, r) => {
        const p = r * 7;
        return `($${p + 1}, $${p + 2}, $${p + 3}, $${p + 4}, $${p + 5}, $${p + 6}, $${p + 7}, now())`;
      });
      sql = `INSERT INTO ${this.table} (${COLUMNS}) VALUES ${values.join(', ')}`;
      this.insertSql.set(rows, sql);
    }
    return sql;
  }
}

const COLUMNS = 'position, stream_id, revision, event_id, type, data, metadata, recorded_at';
