import { decodeRow, selectColumns, selectRows, tableOf } from '../read-models/core/entity-table.js';
import { insertRowsCounted } from '../read-models/core/insert-rows.js';
import { ProjectionCheckpoint } from '../read-models/core/projection-checkpoint.entity.js';
import { ProjectionFault } from '../read-models/core/projection-fault.entity.js';
import type { ReadDb } from './projection.js';

export { ProjectionFault };

/** Raised when a projection fails on one event; the runner records it and retries with backoff. */
export class ProjectionStuck extends Error {
  constructor(readonly fault: ProjectionFault) {
    super(`projection ${fault.projection} cannot apply event ${fault.eventId} (${fault.eventType}) at position ${fault.position}: ${fault.error}`);
  }
}

const faults = () => tableOf(ProjectionFault).name;
const checkpoints = () => tableOf(ProjectionCheckpoint).name;

/** Records a failed attempt, counting attempts while the same event keeps failing. */
export async function recordFault(db: ReadDb, f: Omit<ProjectionFault, 'attempts' | 'firstFailedAt' | 'lastFailedAt'>): Promise<ProjectionFault> {
  const now = new Date();
  const t = faults();
  await insertRowsCounted(
    db,
    ProjectionFault,
    [{ ...f, attempts: 1, firstFailedAt: now, lastFailedAt: now }],
    `ON CONFLICT (name) DO UPDATE SET error = EXCLUDED.error, last_failed_at = EXCLUDED.last_failed_at,
       attempts = CASE WHEN ${t}.position = EXCLUDED.position THEN ${t}.attempts + 1 ELSE 1 END,
       first_failed_at = CASE WHEN ${t}.position = EXCLUDED.position THEN ${t}.first_failed_at ELSE EXCLUDED.first_failed_at END,
       position = EXCLUDED.position, event_id = EXCLUDED.event_id, stream_id = EXCLUDED.stream_id, event_type = EXCLUDED.event_type`,
  );
  const [fault] = await selectRows(db, ProjectionFault, 'name = $1', [f.projection]);
  return fault;
}

/** Faults of projections whose checkpoint has moved past the event that failed are over. */
export async function clearPassedFaults(db: ReadDb): Promise<void> {
  await db.query(`DELETE FROM ${db.schema}.${faults()} f USING ${db.schema}.${checkpoints()} c WHERE c.name = f.name AND c.position >= f.position`);
}

/** The faults still in the way: a checkpoint past its event means the projection has moved on. */
export async function readFaults(db: ReadDb): Promise<ProjectionFault[]> {
  const rows = await db.query<Record<string, unknown>>(
    `SELECT ${selectColumns(ProjectionFault, undefined, 'f')} FROM ${db.schema}.${faults()} f
     WHERE NOT EXISTS (SELECT 1 FROM ${db.schema}.${checkpoints()} c WHERE c.name = f.name AND c.position >= f.position)
     ORDER BY f.position, f.name`,
  );
  return rows.map((r) => decodeRow(ProjectionFault, r));
}
