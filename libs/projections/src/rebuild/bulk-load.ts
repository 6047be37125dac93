import type { SqlClient } from '@rm/event-store';

/** A secondary index set aside while a new generation fills, to be built once at the end. */
export interface DeferredIndex {
  name: string;
  definition: string;
}

/**
 * Drops the schema's secondary indexes (neither unique nor primary: no projection's write relies
 * on them), returning how to build them again. Filling tables and then indexing them once is
 * cheaper than keeping every index up to date row by row, (SP-)GiST most of all.
 */
export async function deferSecondaryIndexes(sql: SqlClient, schema: string): Promise<DeferredIndex[]> {
  const { rows } = await sql.query<{ name: string; definition: string }>(
    `SELECT c.relname AS name, pg_get_indexdef(i.indexrelid) AS definition
       FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = $1 AND NOT i.indisunique AND NOT i.indisprimary ORDER BY c.relname`,
    [schema],
  );
  for (const { name } of rows) await sql.query(`DROP INDEX ${schema}.${name}`);
  return rows;
}

export async function buildIndexes(sql: SqlClient, indexes: readonly DeferredIndex[]): Promise<void> {
  for (const { definition } of indexes) await sql.query(definition);
}

/**
 * Statistics and visibility for a freshly filled schema before it serves: without statistics the
 * planner guesses (it chose a plan twice as slow for the item lifecycles), and index-only scans
 * need the visibility map. Autovacuum would get there, later or (where it is off) never.
 */
export async function vacuumAnalyze(sql: SqlClient, schema: string): Promise<void> {
  const { rows } = await sql.query<{ tablename: string }>(`SELECT tablename FROM pg_tables WHERE schemaname = $1 ORDER BY tablename`, [schema]);
  for (const { tablename } of rows) await sql.query(`VACUUM ANALYZE ${schema}.${tablename}`);
}
