import type { ReadDb } from '../../runner/projection.js';
import type { TimeTravel } from '../../time-travel/time-travel.js';
import { epochMs as ms } from '../core/iso-time.js';
import { earlyWarnings, indicatorPositions } from '../indicators/indicator-position.query.js';
import { qualifyingChanges } from '../plans/plan-facts.query.js';
import { recoveryActions } from '../plans/recovery-plan.query.js';
import { changesOf, type Changes, type Restatement } from './changes.fold.js';

/** Corrections known in (since, until], and by the read's knownAt and position, in known order. */
async function restatements(db: ReadDb, since: Date, tt: TimeTravel): Promise<Restatement[]> {
  const rows = await db.query<{ indicator_id: string; figure_id: string; effective: unknown; previous_value: number; value: number; reason: string; known: unknown }>(
    `SELECT indicator_id, figure_id, ${ms('effective_at')} AS effective, previous_value, value, reason, ${ms('known_at')} AS known
       FROM ${db.schema}.rm_indicator_figure_corrections
      WHERE known_at > $1::timestamptz AND known_at <= $2::timestamptz AND position <= $3::bigint ORDER BY known_at, position`,
    [since.toISOString(), new Date(Math.min(tt.asOf.getTime(), tt.knownAt.getTime())).toISOString(), tt.position.toString()],
  );
  return rows.map((r) => ({
    indicatorId: r.indicator_id, figureId: r.figure_id, effectiveAt: new Date(Number(r.effective)),
    from: Number(r.previous_value), to: Number(r.value), reason: r.reason, knownAt: new Date(Number(r.known)),
  }));
}

/**
 * What changed between `since` and the read's asOf (`until`), both seen as known at the read's
 * knownAt: indicator standings at the two dates, actions, warnings, and restatements.
 */
export async function changesBetween(db: ReadDb, since: Date, tt: TimeTravel): Promise<Changes> {
  const then: TimeTravel = { ...tt, asOf: since };
  const [positionsThen, positionsNow, actionsThen, actionsNow, changes, warnings, restated] = await Promise.all([
    indicatorPositions(db, then),
    indicatorPositions(db, tt),
    recoveryActions(db, then),
    recoveryActions(db, tt),
    qualifyingChanges(db, tt),
    earlyWarnings(db, tt),
    restatements(db, since, tt),
  ]);
  return changesOf({
    since, until: tt.asOf, positions: { since: positionsThen, until: positionsNow }, actions: { since: actionsThen, until: actionsNow },
    changes, warnings, restatements: restated,
  });
}
