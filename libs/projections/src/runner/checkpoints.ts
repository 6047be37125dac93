import type { ReadDb } from './projection.js';

/** The last position a projection has applied, or 0n. */
export async function readCheckpoint(db: ReadDb, name: string): Promise<bigint> {
  const rows = await db.query<{ position: string }>(`SELECT position FROM ${db.schema}.rm_projection_checkpoints WHERE name = $1`, [name]);
  return rows.length ? BigInt(rows[0].position) : 0n;
}

export async function readCheckpoints(db: ReadDb): Promise<Map<string, bigint>> {
  const rows = await db.query<{ name: string; position: string }>(`SELECT name, position FROM ${db.schema}.rm_projection_checkpoints`);
  return new Map(rows.map((r) => [r.name, BigInt(r.position)]));
}

/**
 * Moves the checkpoint from `from` to `to`, only if nobody else moved it: a second worker that
 * lost its lease without noticing finds 0 rows and its transaction is rolled back.
 */
export async function advanceCheckpoint(db: ReadDb, name: string, from: bigint, to: bigint): Promise<boolean> {
  const rows = await db.query(
    `INSERT INTO ${db.schema}.rm_projection_checkpoints AS c (name, position, updated_at) VALUES ($1, $3, now())
     ON CONFLICT (name) DO UPDATE SET position = EXCLUDED.position, updated_at = now() WHERE c.position = $2
     RETURNING c.position`,
    [name, String(from), String(to)],
  );
  return rows.length === 1;
}
