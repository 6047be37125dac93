import { EventEmitter } from 'node:events';
import type { SqlPool, SqlPoolClient } from '@rm/event-store';

interface PgLikeResult {
  rows: unknown[];
  rowCount: number | null;
  command: string;
}

const commandOf = (text: string) => text.trimStart().split(/\s+/, 1)[0]?.toUpperCase() ?? '';

class Connection extends EventEmitter {
  constructor(private readonly client: SqlPoolClient) {
    super();
  }

  async query(text: string, params?: unknown[]): Promise<PgLikeResult> {
    const result = await this.client.query(text, params);
    return { rows: result.rows, rowCount: result.rowCount, command: commandOf(text) };
  }
}

/**
 * The slice of the `pg` module TypeORM's postgres driver uses, over our one-session PGlite pool,
 * so that TypeORM and the event store share the embedded database without mixing transactions.
 */
export function pgModuleOver(pool: SqlPool): unknown {
  class Pool extends EventEmitter {
    connect(callback: (err: Error | undefined, connection?: Connection, release?: () => void) => void): void {
      pool.connect().then(
        (client) => callback(undefined, new Connection(client), () => client.release()),
        (err: Error) => callback(err),
      );
    }

    async query(text: string, params?: unknown[]): Promise<PgLikeResult> {
      const result = await pool.query(text, params);
      return { rows: result.rows, rowCount: result.rowCount, command: commandOf(text) };
    }

    /** TypeORM passes a callback; the PGlite pool itself is closed by the Database that owns it. */
    end(callback?: (err?: Error) => void): Promise<void> {
      callback?.();
      return Promise.resolve();
    }
  }
  return { Pool };
}
