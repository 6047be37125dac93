import type { SqlPool } from './sql-pool.js';

/**
 * Runs `work` while holding a PostgreSQL session advisory lock on `key`, across every process
 * using the database. Holds one pooled connection meanwhile. On the embedded database (one
 * process, one session) callers serialise in-process instead.
 */
export async function withAdvisoryLock<T>(pool: SqlPool, key: string, work: () => Promise<T>): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query('SELECT pg_advisory_lock(hashtextextended($1, 0))', [key]);
    try {
      return await work();
    } finally {
      await client.query('SELECT pg_advisory_unlock(hashtextextended($1, 0))', [key]);
    }
  } finally {
    client.release();
  }
}
