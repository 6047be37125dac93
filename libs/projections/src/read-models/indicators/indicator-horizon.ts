import type { ReadDb } from '../../runner/projection.js';
import type { TimeTravel } from '../../time-travel/time-travel.js';
import { columnOf, tableOf, type EntityClass } from '../core/entity-table.js';
import { keptMomentsOf, momentsOf, type MomentSource } from '../core/change-moments.js';
import { epochMs } from '../core/iso-time.js';
import { BacklogItemEventRow } from './backlog-item-event.entity.js';
import { BacklogItemLifecycleRow } from './backlog-item-lifecycle.entity.js';
import { ITEM_AGE_DAYS } from './backlog-items.fold.js';
import { FigureCorrectionRow } from './figure-correction.entity.js';
import { DAY_MS } from './figure-series.fold.js';
import { IndicatorDefinitionRow } from './indicator-definition.entity.js';
import { IndicatorFigureRow } from './indicator-figure.entity.js';
import { IndicatorThresholdRow } from './indicator-threshold.entity.js';
import { RiskAssessmentRow } from './risk-assessment.entity.js';

/*
 * When an indicator's position (or the list of them) read at asOf = knownAt = now turns, at one
 * log position. The folds compare asOf only with these instants, at these offsets:
 *  - every fact qualifies from its known time, dated facts from their effective (assessed,
 *    opened, cleared) time, a threshold from its inForceFrom: offset 0;
 *  - an item counts as 30 or 100 days old (itemSummary) and as old for an age threshold
 *    (ageSamples) that many days after it opened: offsets ITEM_AGE_DAYS and every window;
 *  - daysSinceLastFigure counts calendar UTC days: the next midnight (validUntil's own bound).
 * Growth windows are measured between figures, not from asOf; their days are offsets anyway, as
 * every threshold's window is: more offsets only bring the horizon earlier.
 */

/** A table's instant columns, with the position column that says when each was logged. */
export interface TimedColumns<E> {
  entity: EntityClass<E>;
  instants: (keyof E & string)[];
  position?: keyof E & string;
}
export const timed = <E>(t: TimedColumns<E>) => t as unknown as TimedColumns<Record<string, unknown>>;

const INDICATOR_INSTANTS = [
  timed({ entity: IndicatorDefinitionRow, instants: ['knownAt'] }),
  timed({ entity: IndicatorFigureRow, instants: ['knownAt', 'effectiveAt'] }),
  timed({ entity: FigureCorrectionRow, instants: ['knownAt', 'effectiveAt'] }),
  timed({ entity: RiskAssessmentRow, instants: ['knownAt', 'assessedAt'] }),
  timed({ entity: IndicatorThresholdRow, instants: ['knownAt', 'inForceFrom'] }),
  timed({ entity: BacklogItemEventRow, instants: ['knownAt', 'at'] }),
  timed({ entity: BacklogItemLifecycleRow, instants: ['openedAt', 'openedKnownAt'], position: 'openedPosition' }),
  timed({ entity: BacklogItemLifecycleRow, instants: ['clearedAt', 'clearedKnownAt'], position: 'clearedPosition' }),
];

/**
 * One statement: the distinct instants (epoch ms) at or after $3 of the rows logged in ($1, $2]
 * of `tables`, narrowed by `where` (its parameters from $4 on).
 */
export async function instantsOf(db: ReadDb, tables: readonly TimedColumns<Record<string, unknown>>[], after: bigint, upTo: bigint, from: number, where = '', params: unknown[] = []): Promise<Float64Array> {
  const selects = tables.flatMap(({ entity, instants, position }) => {
    const logged = columnOf(entity, position ?? 'position').name;
    return instants.map(
      (p) => `SELECT ${columnOf(entity, p).name} AS t FROM ${db.schema}.${tableOf(entity).name} WHERE ${logged} > $1::bigint AND ${logged} <= $2::bigint${where}`,
    );
  });
  const sql = `SELECT coalesce(json_agg(DISTINCT ${epochMs('t')}), '[]') AS moments FROM (${selects.join(' UNION ALL ')}) x WHERE t >= $3::timestamptz`;
  const [row] = await db.query<{ moments: unknown }>(sql, [after.toString(), upTo.toString(), new Date(from).toISOString(), ...params]);
  return momentsOf((typeof row.moments === 'string' ? JSON.parse(row.moments) : row.moments) as unknown[]);
}

/** The window days of every threshold logged by `upTo` (in force or not: more offsets only err early). */
export async function thresholdWindowDays(db: ReadDb, upTo: bigint, indicatorId?: string): Promise<number[]> {
  const only = indicatorId === undefined ? '' : ' AND indicator_id = $2::text';
  const rows = await db.query<{ days: number }>(
    `SELECT DISTINCT window_days AS days FROM ${db.schema}.${tableOf(IndicatorThresholdRow).name} WHERE position <= $1::bigint AND window_days IS NOT NULL${only}`,
    indicatorId === undefined ? [upTo.toString()] : [upTo.toString(), indicatorId],
  );
  return rows.map((r) => Number(r.days));
}

/** The change moments of one indicator's facts, or every indicator's. */
export function indicatorMoments(indicatorId?: string): MomentSource {
  const where = indicatorId === undefined ? '' : ' AND indicator_id = $4::text';
  const params = indicatorId === undefined ? [] : [indicatorId];
  return {
    offsets: async (db, upTo) => [...ITEM_AGE_DAYS, ...(await thresholdWindowDays(db, upTo, indicatorId))].map((d) => d * DAY_MS),
    instants: (db, after, upTo, from) => instantsOf(db, INDICATOR_INSTANTS, after, upTo, from, where, params),
  };
}

/**
 * The moment until which indicatorPosition (with `indicatorId`) or indicatorPositions (without)
 * at `tt` answers the same for every asOf (and knownAt, when it follows asOf) from tt.asOf on,
 * at tt's position; epoch ms, exclusive.
 */
export function indicatorHorizon(db: ReadDb, tt: TimeTravel, indicatorId?: string): Promise<number> {
  const scope = indicatorId === undefined ? EVERY_INDICATOR : `indicator:${indicatorId}`;
  return keptMomentsOf(db).horizon(db, scope, indicatorMoments(indicatorId), tt.position, tt.asOf.getTime());
}

const EVERY_INDICATOR = 'indicators';

/**
 * Every indicator's instants logged by `upTo` (or later) from `from` on, as the list's horizon
 * keeps them: a read whose moments include the list's (the scorecard's) shares them.
 */
export function everyIndicatorInstants(db: ReadDb, upTo: bigint, from: number): Promise<Float64Array> {
  return keptMomentsOf(db).moments(db, EVERY_INDICATOR, indicatorMoments(), upTo, from);
}
