import { finished } from 'node:stream/promises';
import pgCopyStreams from 'pg-copy-streams';
import type { QueryRunner } from 'typeorm';
import type { BulkReadDb, ReadDatabase } from './read-database.js';

interface PgClient {
  query(stream: NodeJS.WritableStream): NodeJS.WritableStream;
}

/** One connection, in one transaction for the whole load, and the COPYs queued on it. */
interface Lane {
  runner: QueryRunner;
  client: PgClient;
  queued: { done: Promise<void>; bytes: number }[];
  bytes: number;
  last: Promise<void>;
}

/**
 * Past this many bytes of COPY text queued on a connection, the caller waits: the log is read
 * and turned into rows faster than one backend ingests them, and memory would grow without bound.
 */
const MAX_QUEUED_BYTES = 8 * 1024 * 1024;

/**
 * Where a bulk load writes on a PostgreSQL server: each COPY is queued, not awaited, on the
 * connection with the least queued, so that PostgreSQL ingests on several backends (several
 * cores) while this process reads and decodes the next batches. Each connection holds one
 * transaction for the whole load: nothing is visible (nor committed) before `commit`, and a
 * failed load leaves nothing behind but the generation it was filling.
 */
export class BulkWriters {
  private failure: unknown;

  private constructor(
    private readonly schema: string,
    private readonly lanes: Lane[],
  ) {}

  static async open(read: ReadDatabase, connections: number): Promise<BulkWriters> {
    const lanes: Lane[] = [];
    try {
      for (let i = 0; i < connections; i++) {
        const runner = read.dataSource.createQueryRunner();
        lanes.push({ runner, client: (await runner.connect()) as PgClient, queued: [], bytes: 0, last: Promise.resolve() });
        await runner.startTransaction();
      }
    } catch (err) {
      await Promise.all(lanes.map((l) => l.runner.release()));
      throw err;
    }
    return new BulkWriters(read.schema, lanes);
  }

  /** Writes go only by `copy` (insert-rows.ts); a bulk load reads nothing back. */
  get db(): BulkReadDb {
    return {
      schema: this.schema,
      query: () => Promise.reject(new Error('a bulk load writes by COPY only; keep what a projection needs to read back in its BulkLoader')),
      copy: (table, columns, text) => this.copy(table, columns, text),
    };
  }

  private async copy(table: string, columns: readonly string[], text: string): Promise<void> {
    if (this.failure) throw this.failure;
    const lane = this.lanes.reduce((a, b) => (b.bytes < a.bytes ? b : a));
    while (lane.bytes > MAX_QUEUED_BYTES && lane.queued.length > 0) await lane.queued[0].done;
    if (this.failure) throw this.failure;
    const job = { bytes: text.length, done: Promise.resolve() };
    job.done = lane.last
      .then(async () => {
        const stream = lane.client.query(pgCopyStreams.from(`COPY ${table} (${columns.join(', ')}) FROM STDIN`));
        stream.end(text);
        await finished(stream);
      })
      .catch((err: unknown) => {
        this.failure ??= err;
      })
      .finally(() => {
        lane.queued.shift();
        lane.bytes -= job.bytes;
      });
    lane.last = job.done;
    lane.queued.push(job);
    lane.bytes += job.bytes;
  }

  /** Waits for every queued COPY, then commits every connection's transaction. */
  async commit(): Promise<void> {
    await Promise.all(this.lanes.map((l) => l.last));
    if (this.failure) throw this.failure;
    for (const lane of this.lanes) await lane.runner.commitTransaction();
    await this.release();
  }

  async abort(): Promise<void> {
    await Promise.all(this.lanes.map((l) => l.last));
    for (const lane of this.lanes) await lane.runner.rollbackTransaction().catch(() => undefined);
    await this.release();
  }

  private async release(): Promise<void> {
    for (const lane of this.lanes) await lane.runner.release();
  }
}
