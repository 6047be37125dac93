import { selectRows, tableOf } from '../read-models/core/entity-table.js';
import { ProjectionCheckpoint } from '../read-models/core/projection-checkpoint.entity.js';
import type { ReadDb } from './projection.js';

/** The last position a projection has applied, or 0n. */
export async function readCheckpoint(db: ReadDb, name: string): Promise<bigint> {
  const [row] = await selectRows(db, ProjectionCheckpoint, 'name = $1', [name], ['position']);
  return row?.position ?? 0n;
}

export async function readCheckpoints(db: ReadDb): Promise<Map<string, bigint>> {
  const rows = await selectRows(db, ProjectionCheckpoint, 'true', [], ['name', 'position']);
  return new Map(rows.map((r) => [r.name, r.position]));
}

/**
 * Moves the checkpoint from `from` to `to`, only if nobody else moved it: a second worker that
 * lost its lease without noticing finds 0 rows and its transaction is rolled back. Plain SQL: a
 * compare-and-set that every projection runs in every batch's transaction.
 */
export async function advanceCheckpoint(db: ReadDb, name: string, from: bigint, to: bigint): Promise<boolean> {
  const rows = await db.query(
    `INSERT INTO ${db.schema}.${tableOf(ProjectionCheckpoint).name} AS c (name, position, updated_at) VALUES ($1, $3, now())
     ON CONFLICT (name) DO UPDATE SET position = EXCLUDED.position, updated_at = now() WHERE c.position = $2
     RETURNING c.position`,
    [name, String(from), String(to)],
  );
  return rows.length === 1;
}
