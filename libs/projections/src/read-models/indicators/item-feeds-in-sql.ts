import type { LogRelation, SqlClient } from '@rm/event-store';
import type { SqlBulkLoad } from '../../runner/projection.js';
import { columnOf, tableOf } from '../core/entity-table.js';
import { BacklogItemEventRow } from './backlog-item-event.entity.js';
import { BacklogItemLifecycleRow } from './backlog-item-lifecycle.entity.js';

const [OPENED, GRADED, CLEARED] = ['BacklogItemOpened', 'BacklogItemGraded', 'BacklogItemCleared'];
const LINES = tableOf(BacklogItemEventRow).name;
const LIFECYCLES = tableOf(BacklogItemLifecycleRow).name;
const line = (p: keyof BacklogItemEventRow & string) => columnOf(BacklogItemEventRow, p).name;
const life = (p: keyof BacklogItemLifecycleRow & string) => columnOf(BacklogItemLifecycleRow, p).name;

/**
 * The time a metadata string names, as toProjected reads it (`new Date(s)`), for the forms the
 * write side stores — toISOString's (toInstant, the command's `now`, an import's reportedAt) and
 * a plain date (UTC midnight in both, the session's time zone being UTC) — else null. Another
 * string that fits the pattern but does not parse fails the statement (and the derivation).
 */
const timeOf = (s: string) =>
  `CASE WHEN ${s} LIKE '____-__-__T__:__:__.___Z' OR ${s} LIKE '____-__-__' THEN ${s}::timestamptz END`;
/**
 * True when `s` is exactly how that time prints in its form: then it is canonical, and JavaScript
 * reads it as PostgreSQL did (no 2019-02-30 rolled over, no sign or blank inside a field).
 */
const canonical = (s: string, t: string) =>
  `${s} IS NULL OR ${s} = CASE WHEN length(${s}) = 10 THEN to_char(${t}, 'YYYY-MM-DD') ELSE to_char(${t}, 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') END`;

/**
 * The item events of one share of the items, with the facts factOf gives them (toProjected's
 * known and effective times, ms-truncated like a JavaScript Date) and whether every field is in
 * a form this reads exactly as JavaScript does (string ids and refs, risk a string or none,
 * times as above; a non-string time fits neither pattern): an inexact one is left out, and the
 * caller discards the derivation. OFFSET 0 keeps each level a level: PostgreSQL would otherwise
 * pull the subqueries up and evaluate a column's expression again at every use.
 */
const items = (log: LogRelation, parts: number) => `
  SELECT position, type, indicator_id, ref, risk, coalesce(eff, rec) AS at, CASE WHEN rep < rec THEN rep ELSE rec END AS known_at,
         typed AND (${canonical('eff_s', 'eff')}) AND (${canonical('rep_s', 'rep')}) AS exact
    FROM (SELECT position, type, rec, eff_s, rep_s, ${timeOf('eff_s')} AS eff, ${timeOf('rep_s')} AS rep,
                 indicator_id #>> '{}' AS indicator_id, ref #>> '{}' AS ref, risk #>> '{}' AS risk,
                 jsonb_typeof(indicator_id) = 'string' AND jsonb_typeof(ref) = 'string' AND coalesce(jsonb_typeof(risk) IN ('string', 'null'), true) AS typed
            FROM (SELECT e.position, e.type, e.data->'indicatorId' AS indicator_id, e.data->'ref' AS ref, e.data->'risk' AS risk,
                         date_trunc('milliseconds', e.recorded_at) AS rec, e.metadata->>'effectiveAt' AS eff_s,
                         CASE WHEN e.metadata->'imported' = 'true'::jsonb THEN e.metadata->>'reportedAt' END AS rep_s
                    FROM ${log.relation} e
                   WHERE e.type IN ('${OPENED}', '${GRADED}', '${CLEARED}') AND e.position <= $1
                     AND (coalesce(hashtext(e.data->>'ref'), 0) & 2147483647) % ${parts} = $2
                  OFFSET 0) fields
          OFFSET 0) e`;

const kind = (type: string) => `CASE ${type} WHEN '${OPENED}' THEN 'opened' WHEN '${CLEARED}' THEN 'cleared' ELSE 'graded' END`;
const first = (type: string, value: string) => `max(${value}) FILTER (WHERE nth = 1 AND type = '${type}')`;
const LINE_COLUMNS = (['position', 'indicatorId', 'ref', 'event', 'at', 'knownAt', 'risk'] as const).map(line).join(', ');
const LIFECYCLE_COLUMNS = (
  ['indicatorId', 'ref', 'openedPosition', 'openedAt', 'openedKnownAt', 'clearedPosition', 'clearedAt', 'clearedKnownAt', 'irregular'] as const
).map(life).join(', ');

/**
 * One statement: the lifecycles of the share's items (first opening and first clearing by
 * position, irregular when either kind comes more than once), then its lines — every grading
 * and every opening or clearing that is not its item's first of its kind — as
 * ItemLifecyclesInBulk and settleLine write them.
 */
const derivation = (log: LogRelation, schema: string, parts: number) => `
  WITH items AS MATERIALIZED (${items(log, parts)}),
  lifecycles AS (
    INSERT INTO ${schema}.${LIFECYCLES} (${LIFECYCLE_COLUMNS})
    SELECT indicator_id, ref, ${first(OPENED, 'position')}, ${first(OPENED, 'at')}, ${first(OPENED, 'known_at')},
           ${first(CLEARED, 'position')}, ${first(CLEARED, 'at')}, ${first(CLEARED, 'known_at')}, max(nth) > 1
      FROM (SELECT indicator_id, ref, type, position, at, known_at,
                   row_number() OVER (PARTITION BY indicator_id, ref, type ORDER BY position) AS nth
              FROM items WHERE type <> '${GRADED}' AND exact) ranked
     GROUP BY indicator_id, ref ORDER BY indicator_id, ref
    RETURNING ${life('indicatorId')} AS indicator_id, ${life('ref')} AS ref, ${life('openedPosition')} AS opened, ${life('clearedPosition')} AS cleared, ${life('irregular')} AS irregular
  ),
  lines AS (
    INSERT INTO ${schema}.${LINES} (${LINE_COLUMNS})
    SELECT i.position, i.indicator_id, i.ref, ${kind('i.type')}, i.at, i.known_at, i.risk
      FROM items i LEFT JOIN lifecycles l ON l.irregular AND i.type <> '${GRADED}' AND l.indicator_id = i.indicator_id AND l.ref = i.ref
     WHERE i.exact AND (i.type = '${GRADED}' OR i.position <> CASE i.type WHEN '${OPENED}' THEN l.opened ELSE l.cleared END)
     ORDER BY i.position
  )
  SELECT count(*)::int AS events, count(*) FILTER (WHERE exact IS NOT TRUE)::int AS loose FROM items`;

/**
 * The item feed tables derived set-based from a PostgreSQL log in the same database, row for row
 * what the bulk loader (ItemLifecyclesInBulk) writes from the same events: a share of the items
 * per connection, so PostgreSQL works on several cores while this process applies the rest.
 */
export const itemFeedsInSql: SqlBulkLoad = {
  types: [OPENED, GRADED, CLEARED],
  tables: [LINES, LIFECYCLES],
  async load(sql: SqlClient, log: LogRelation, schema: string, through: bigint, part: number, parts: number) {
    const { rows } = await sql.query<{ events: number; loose: number }>(derivation(log, schema, parts), [String(through), part]);
    return { events: rows[0].events, inexact: rows[0].loose };
  },
};
