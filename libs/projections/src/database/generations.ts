import type { SqlClient } from '@rm/event-store';

/**
 * Read models live in one schema per generation; a pointer row names the one the API serves.
 * A rebuild fills a new generation beside the active one and moves the pointer when caught up.
 */
export interface Generation {
  number: number;
  schema: string;
}

export const generationSchema = (base: string, n: number) => `${base}_rm_read_${n}`;

async function ensurePointer(sql: SqlClient, base: string): Promise<void> {
  await sql.query(`CREATE TABLE IF NOT EXISTS ${base}.rm_read_generation (
    singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton), generation integer NOT NULL, switched_at timestamptz NOT NULL DEFAULT now())`);
}

/** The generation being served; the first call creates generation 1. */
export async function activeGeneration(sql: SqlClient, base: string): Promise<Generation> {
  await ensurePointer(sql, base);
  await sql.query(`INSERT INTO ${base}.rm_read_generation (generation) VALUES (1) ON CONFLICT DO NOTHING`);
  const { rows } = await sql.query<{ generation: number }>(`SELECT generation FROM ${base}.rm_read_generation`);
  return { number: rows[0].generation, schema: generationSchema(base, rows[0].generation) };
}

/** Serves `next` from now on, only if the active one is still `from` (two rebuilds never both win). */
export async function switchGeneration(sql: SqlClient, base: string, from: number, next: number): Promise<boolean> {
  const { rows } = await sql.query(
    `UPDATE ${base}.rm_read_generation SET generation = $2, switched_at = now() WHERE generation = $1 RETURNING generation`,
    [from, next],
  );
  return rows.length === 1;
}

export async function dropGeneration(sql: SqlClient, base: string, n: number): Promise<void> {
  await sql.query(`DROP SCHEMA IF EXISTS ${generationSchema(base, n)} CASCADE`);
}
