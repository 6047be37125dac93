import type { ReadDb } from './projection.js';

/** A projection that cannot apply an event: it stays at the position before it until fixed. */
export interface ProjectionFault {
  projection: string;
  position: bigint;
  eventId: string;
  streamId: string;
  eventType: string;
  error: string;
  attempts: number;
  firstFailedAt: Date;
  lastFailedAt: Date;
}

/** Raised when a projection fails on one event; the runner records it and retries with backoff. */
export class ProjectionStuck extends Error {
  constructor(readonly fault: ProjectionFault) {
    super(`projection ${fault.projection} cannot apply event ${fault.eventId} (${fault.eventType}) at position ${fault.position}: ${fault.error}`);
  }
}

/** Records a failed attempt, counting attempts while the same event keeps failing. */
export async function recordFault(db: ReadDb, f: Omit<ProjectionFault, 'attempts' | 'firstFailedAt' | 'lastFailedAt'>): Promise<ProjectionFault> {
  const [row] = await db.query<FaultRow>(
    `INSERT INTO ${db.schema}.rm_projection_faults AS f (name, position, event_id, stream_id, event_type, error, attempts, first_failed_at, last_failed_at)
     VALUES ($1, $2, $3, $4, $5, $6, 1, now(), now())
     ON CONFLICT (name) DO UPDATE SET error = EXCLUDED.error, last_failed_at = now(),
       attempts = CASE WHEN f.position = EXCLUDED.position THEN f.attempts + 1 ELSE 1 END,
       first_failed_at = CASE WHEN f.position = EXCLUDED.position THEN f.first_failed_at ELSE now() END,
       position = EXCLUDED.position, event_id = EXCLUDED.event_id, stream_id = EXCLUDED.stream_id, event_type = EXCLUDED.event_type
     RETURNING ${COLUMNS}`,
    [f.projection, String(f.position), f.eventId, f.streamId, f.eventType, f.error],
  );
  return toFault(row);
}

/** Faults of projections whose checkpoint has moved past the event that failed are over. */
export async function clearPassedFaults(db: ReadDb): Promise<void> {
  await db.query(
    `DELETE FROM ${db.schema}.rm_projection_faults f USING ${db.schema}.rm_projection_checkpoints c
     WHERE c.name = f.name AND c.position >= f.position`,
  );
}

/** The faults still in the way: a checkpoint past its event means the projection has moved on. */
export async function readFaults(db: ReadDb): Promise<ProjectionFault[]> {
  const rows = await db.query<FaultRow>(
    `SELECT ${COLUMNS} FROM ${db.schema}.rm_projection_faults f
     WHERE NOT EXISTS (SELECT 1 FROM ${db.schema}.rm_projection_checkpoints c WHERE c.name = f.name AND c.position >= f.position)
     ORDER BY position, name`,
  );
  return rows.map(toFault);
}

const COLUMNS = 'name, position, event_id, stream_id, event_type, error, attempts, first_failed_at, last_failed_at';

interface FaultRow {
  name: string;
  position: string;
  event_id: string;
  stream_id: string;
  event_type: string;
  error: string;
  attempts: number;
  first_failed_at: Date;
  last_failed_at: Date;
}

const toFault = (r: FaultRow): ProjectionFault => ({
  projection: r.name,
  position: BigInt(r.position),
  eventId: r.event_id,
  streamId: r.stream_id,
  eventType: r.event_type,
  error: r.error,
  attempts: Number(r.attempts),
  firstFailedAt: new Date(r.first_failed_at),
  lastFailedAt: new Date(r.last_failed_at),
});
