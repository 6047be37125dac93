import type { ReadDb } from '../../runner/projection.js';

/** PostgreSQL's limit on parameters in one statement is 65,535. */
const MAX_PARAMETERS = 60_000;

/**
 * Multi-row INSERT ... ON CONFLICT DO NOTHING, chunked under the parameter limit: how
 * projections write a batch. Re-applying the same rows changes nothing when `conflict` names
 * the fact's key.
 */
export async function insertRows(db: ReadDb, table: string, columns: readonly string[], rows: readonly unknown[][], conflict = ''): Promise<void> {
  if (rows.length === 0) return;
  const perChunk = Math.max(1, Math.floor(MAX_PARAMETERS / columns.length));
  for (let start = 0; start < rows.length; start += perChunk) {
    const chunk = rows.slice(start, start + perChunk);
    const params: unknown[] = [];
    const values = chunk.map((row) => `(${row.map((value) => (params.push(value), `$${params.length}`)).join(', ')})`);
    await db.query(
      `INSERT INTO ${db.schema}.${table} (${columns.join(', ')}) VALUES ${values.join(', ')} ON CONFLICT ${conflict} DO NOTHING`,
      params,
    );
  }
}
