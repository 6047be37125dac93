import type { ProjectionFault } from '@rm/projections';
import { ProblemException } from '../http/problem.js';

/** A stuck projection as /health, the admin API and problem answers show it. */
export const faultView = (f: ProjectionFault) => ({
  projection: f.projection,
  position: f.position.toString(),
  eventId: f.eventId,
  eventType: f.eventType,
  streamId: f.streamId,
  error: f.error,
  attempts: f.attempts,
  firstFailedAt: f.firstFailedAt.toISOString(),
  lastFailedAt: f.lastFailedAt.toISOString(),
});

/** 503 for a read that waits for a position a stuck projection will not reach until fixed. */
export const projectionStuckProblem = (f: ProjectionFault, waitFor: bigint) =>
  new ProblemException(
    503,
    'READ_MODELS.PROJECTION_STUCK',
    'Service unavailable',
    `the read models cannot reach position ${waitFor}: projection ${f.projection} cannot apply event ${f.eventId} (${f.eventType}) at position ${f.position}; an administrator must fix it (GET /api/admin/projections)`,
    undefined,
    {},
    { stuck: faultView(f) },
  );
