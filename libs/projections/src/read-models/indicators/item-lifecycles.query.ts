import type { ReadDb } from '../../runner/projection.js';
import type { TimeTravel } from '../../time-travel/time-travel.js';
import { epochMs as ms } from '../core/iso-time.js';
import type { ItemLifecycle } from './backlog-items.fold.js';


/**
 * The item lifecycles an indicator's position and warnings can tell apart from none, from the
 * lifecycle rows (the bulk of the log: a fold in JavaScript would first build an object per
 * feed line). Exactly itemLifecycles' rules: an item opens at its earliest
 * qualifying 'opened' line and clears at its earliest qualifying 'cleared' line; one without a
 * qualifying opening is left out. Of those, only the ones that matter are returned:
 *  - open at asOf (no qualifying clearing): itemSummary counts only these;
 *  - cleared more than the shortest age window in force (as known) after opening, less a day of
 *    margin: ageSamples skips every item cleared by the time it is old (cleared <= opened +
 *    windowDays), so what is left out here it would skip for every age threshold in force.
 * Lifecycles carry no grade: positions and warnings do not read it.
 */
export async function loadItemLifecycles(db: ReadDb, tt: TimeTravel, indicatorId?: string): Promise<Map<string, ItemLifecycle[]>> {
  const params: unknown[] = [tt.knownAt.toISOString(), tt.position.toString(), tt.asOf.toISOString()];
  const only = indicatorId === undefined ? '' : ` AND indicator_id = $${params.push(indicatorId)}::text`;
  const known = `known_at <= $1::timestamptz AND position <= $2::bigint${only}`;
  const s = db.schema;
  // activeThresholds: per threshold its last fact in known order decides; it is in force unless
  // retired, and an age threshold in force has a kind and a limit.
  const sql = `WITH last_facts AS (
      SELECT DISTINCT ON (indicator_id, threshold_id) indicator_id, event, kind, limit_value, window_days
        FROM ${s}.rm_indicator_thresholds WHERE ${known}
       ORDER BY indicator_id, threshold_id, known_at DESC, position DESC),
    age_windows AS (
      SELECT indicator_id, min(coalesce(window_days, 0)) AS days FROM last_facts
       WHERE event <> 'retired' AND kind = 'age' AND limit_value IS NOT NULL GROUP BY indicator_id),
    ${QUALIFYING_LIFECYCLES(s, only)}
    SELECT l.indicator_id, json_agg(json_build_object('ref', l.ref, 'openedAt', ${ms('l.opened')}, 'clearedAt', ${ms('l.cleared')})) AS lifecycles
      FROM lifecycles l LEFT JOIN age_windows w ON w.indicator_id = l.indicator_id
     WHERE l.opened IS NOT NULL
       AND (l.cleared IS NULL OR (w.days IS NOT NULL AND date_part('epoch', l.cleared) - date_part('epoch', l.opened) > (w.days - 1) * 86400))
     GROUP BY l.indicator_id`;
  return lifecyclesByIndicator(await db.query<{ indicator_id: string; lifecycles: unknown }>(sql, params));
}

/** Whether an item's opening or clearing line qualifies at ($1 knownAt, $2 position, $3 asOf). */
export const lineQualifies = (event: 'opened' | 'cleared') =>
  `${event}_known_at <= $1::timestamptz AND ${event}_position <= $2::bigint AND ${event}_at <= $3::timestamptz`;

/**
 * A SELECT of (indicator_id, ref, opened, cleared) for the irregular items (more than one opening
 * or clearing): the earliest qualifying opening and clearing folded from all their lines, those
 * on their lifecycle row and the others. `only` narrows by indicator.
 */
export function irregularLifecycles(s: string, only: string): string {
  const line = (event: 'opened' | 'cleared') =>
    `SELECT indicator_id, ref, '${event}' AS event, ${event}_at AS at, ${event}_known_at AS known_at, ${event}_position AS position
       FROM ${s}.rm_indicator_backlog_item_lifecycles WHERE irregular AND ${event}_position IS NOT NULL${only}`;
  return `SELECT indicator_id, ref, min(at) FILTER (WHERE event = 'opened') AS opened, min(at) FILTER (WHERE event = 'cleared') AS cleared
      FROM (${line('opened')} UNION ALL ${line('cleared')}
            UNION ALL SELECT indicator_id, ref COLLATE "C", event, at, known_at, position FROM ${s}.rm_indicator_backlog_items WHERE event IN ('opened', 'cleared')${only}) lines
     WHERE known_at <= $1::timestamptz AND position <= $2::bigint AND at <= $3::timestamptz GROUP BY indicator_id, ref`;
}

/** A CTE of every item's lifecycle at ($1, $2, $3): read off its row, or folded when irregular. */
const QUALIFYING_LIFECYCLES = (s: string, only: string) => `lifecycles AS (
      SELECT indicator_id, ref, opened_at AS opened, CASE WHEN ${lineQualifies('cleared')} THEN cleared_at END AS cleared
        FROM ${s}.rm_indicator_backlog_item_lifecycles WHERE NOT irregular AND ${lineQualifies('opened')}${only}
      UNION ALL ${irregularLifecycles(s, only)})`;

/** Lifecycles as JSON objects {ref, openedAt ms, clearedAt ms | null} per indicator. */
function lifecyclesByIndicator(rows: { indicator_id: string; lifecycles: unknown }[]): Map<string, ItemLifecycle[]> {
  const byIndicator = new Map<string, ItemLifecycle[]>();
  for (const row of rows) {
    const lifecycles = (typeof row.lifecycles === 'string' ? JSON.parse(row.lifecycles) : row.lifecycles) as { ref: string; openedAt: number; clearedAt: number | null }[];
    byIndicator.set(
      row.indicator_id,
      lifecycles.map((l) => ({ ref: l.ref, openedAt: new Date(Number(l.openedAt)), clearedAt: l.clearedAt === null ? undefined : new Date(Number(l.clearedAt)) })),
    );
  }
  return byIndicator;
}
