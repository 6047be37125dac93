import type { PGlite } from '@electric-sql/pglite';
import type { SqlPool, SqlPoolClient, SqlResult } from './sql-pool.js';

const INT8 = 20;
const DATE = 1082;

/** Same text forms as the server pool: exact bigints as strings, dates as 'YYYY-MM-DD'. */
export const PGLITE_PARSERS = { [INT8]: (v: string) => v, [DATE]: (v: string) => v };

/**
 * A pool of one over PGlite, which is a single session. A connected client owns the session until
 * released, so a transaction never interleaves with other work. PGlite's own node-postgres bridge
 * is not used: after any SQL error on a parameterised query it loses the protocol state.
 */
export class PgLitePool implements SqlPool {
  private queue: Promise<void> = Promise.resolve();

  constructor(private readonly db: PGlite) {}

  async query<R>(text: string, params?: unknown[]): Promise<SqlResult<R>> {
    const release = await this.acquire();
    try {
      return await this.run<R>(text, params);
    } finally {
      release();
    }
  }

  async connect(): Promise<SqlPoolClient> {
    const release = await this.acquire();
    let released = false;
    return {
      query: <R>(text: string, params?: unknown[]) => this.run<R>(text, params),
      release: () => {
        if (!released) release();
        released = true;
      },
    };
  }

  async end(): Promise<void> {
    await this.queue;
  }

  private async run<R>(text: string, params?: unknown[]): Promise<SqlResult<R>> {
    if (params && params.length > 0) {
      const result = await this.db.query<R>(text, params);
      return { rows: result.rows, rowCount: result.affectedRows ?? result.rows.length };
    }
    // Without parameters a text may hold several statements (migrations): run it as a script.
    const results = await this.db.exec(text);
    const last = results[results.length - 1];
    return { rows: (last?.rows ?? []) as R[], rowCount: last ? (last.affectedRows ?? last.rows.length) : 0 };
  }

  private acquire(): Promise<() => void> {
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const ready = this.queue.then(() => release);
    this.queue = this.queue.then(() => held);
    return ready;
  }
}
