import type { SqlPool } from '@rm/event-store';

/** A secondary index set aside while a new generation fills, to be built once at the end. */
export interface DeferredIndex {
  name: string;
  table: string;
  definition: string;
}

/**
 * Drops the schema's secondary indexes (neither unique nor primary: no projection's write relies
 * on them), returning how to build them again. Filling tables and then indexing them once is
 * cheaper than keeping every index up to date row by row, (SP-)GiST most of all.
 */
export async function deferSecondaryIndexes(sql: SqlPool, schema: string): Promise<DeferredIndex[]> {
  const { rows } = await sql.query<DeferredIndex>(
    `SELECT c.relname AS name, t.relname AS table, pg_get_indexdef(i.indexrelid) AS definition
       FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid JOIN pg_class t ON t.oid = i.indrelid
       JOIN pg_namespace n ON n.oid = c.relnamespace JOIN pg_am a ON a.oid = c.relam
      WHERE n.nspname = $1 AND NOT i.indisunique AND NOT i.indisprimary
      -- SP-GiST builds row by row, longest of all: first, while the other connection builds the rest.
      ORDER BY a.amname = 'spgist' DESC, c.relname`,
    [schema],
  );
  for (const { name } of rows) await sql.query(`DROP INDEX ${schema}.${name}`);
  return rows;
}

/**
 * Builds the indexes over `connections` connections at once (PostgreSQL builds each on its own
 * core), each with memory enough to sort a large table's keys without spilling to disk.
 */
export async function buildIndexes(sql: SqlPool, indexes: readonly DeferredIndex[], connections = 1): Promise<void> {
  await inParallel(indexes, connections, async ({ definition }) => {
    const client = await sql.connect();
    try {
      await client.query('BEGIN');
      await client.query(`SET LOCAL maintenance_work_mem = '256MB'`);
      await client.query(definition);
      await client.query('COMMIT');
    } catch (err) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw err;
    } finally {
      client.release();
    }
  });
}

/**
 * Statistics and visibility for a freshly filled schema before it serves: without statistics the
 * planner guesses (it chose a plan twice as slow for the item lifecycles), and index-only scans
 * need the visibility map. Autovacuum would get there, later or (where it is off) never.
 * Largest tables first, over `connections` connections at once.
 */
export async function vacuumAnalyze(sql: SqlPool, schema: string, connections = 1): Promise<void> {
  const { rows } = await sql.query<{ tablename: string }>(
    `SELECT tablename FROM pg_tables WHERE schemaname = $1 ORDER BY pg_total_relation_size(format('%I.%I', schemaname, tablename)) DESC, tablename`,
    [schema],
  );
  await inParallel(rows, connections, ({ tablename }) => sql.query(`VACUUM ANALYZE ${schema}.${tablename}`));
}

/** `work` on every item, in order, at most `width` at a time; rejects with the first failure once all started ones are done. */
async function inParallel<T>(items: readonly T[], width: number, work: (item: T) => Promise<unknown>): Promise<void> {
  let next = 0;
  let failure: unknown;
  const worker = async () => {
    while (next < items.length && failure === undefined) {
      const item = items[next++];
      await work(item).catch((err: unknown) => (failure ??= err));
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(width, items.length)) }, worker));
  if (failure !== undefined) throw failure;
}
