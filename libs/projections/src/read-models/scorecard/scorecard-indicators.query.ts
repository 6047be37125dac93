import type { ReadDb } from '../../runner/projection.js';
import type { TimeTravel } from '../../time-travel/time-travel.js';
import type { ItemLifecycle } from '../indicators/backlog-items.fold.js';
import { activeThresholds, earlyWarningsOf } from '../indicators/early-warnings.fold.js';
import { correctedFigures, DAY_MS } from '../indicators/figure-series.fold.js';
import type { ThresholdFact } from '../indicators/indicator-facts.model.js';
import { indicatorFactsProjection } from '../indicators/indicator-facts.projection.js';
import { loadFacts } from '../indicators/indicator-facts.query.js';
import { definitionOf, gapOf, type IndicatorDefinition } from '../indicators/indicator-position.fold.js';
import { indicatorsWithThreshold, keptScorecardIndicators } from './kept-scorecard-indicators.js';
import { irregularLifecycles, lineQualifies, loadItemLifecycles } from '../indicators/item-lifecycles.query.js';
import { decodeRows, namedRow, tableOf } from '../core/entity-table.js';
import { ProjectionCheckpoint } from '../core/projection-checkpoint.entity.js';
import { epochMs as msOf } from '../core/iso-time.js';
import { FigureCorrectionRow } from '../indicators/figure-correction.entity.js';
import { IndicatorFigureRow } from '../indicators/indicator-figure.entity.js';
import { LIFECYCLE_SPAN } from '../indicators/1764700000000-backlog-item-lifecycles.migration.js';
import { staleWarning, type ScorecardIndicator, type ScorecardRules } from './scorecard.rules.js';

/*
 * The scorecard needs of each indicator only its latest figure, latest risk assessment and which
 * warnings are open at asOf and whether each was raised before the stale window (asOf less
 * q6.staleWarningDays: its "window start"). Those follow from a suffix of the facts, not all of
 * them: the warnings fold is a state machine over samples in effective order, so its state from
 * the last sample before the window start on is exact as long as that sample and every later
 * one are measured exactly; a warning open since that sample was raised before the window
 * start, whatever came earlier. Hence, per indicator:
 *  - figures from the one a growth window before the last figure before the window start (a
 *    growth sample compares with the value in force a window earlier), up to asOf;
 *  - the items old and open as known at some time from the window start to asOf, for age
 *    thresholds (the count of old items just before the window start is then exact too).
 * The property test (time-travel.property.spec.ts) holds this to the fold of all the events.
 */

const date = (v: unknown) => new Date(Number(v));
const FIGURE = ['position', 'indicatorId', 'knownAt', 'figureId', 'value', 'effectiveAt'] as const;
const MARGIN_MS = 1; // bounds err on the side of loading more (window arithmetic in floats)

interface Watch {
  id: string;
  /** The longest growth window in force, in days (0 without growth thresholds). */
  growthDays: number;
  /** The shortest age window in force, in days; undefined without age thresholds. */
  ageDays?: number;
  /**
   * An age threshold breached by no old items at all (a negative limit: the decider refuses one,
   * a log written otherwise may hold it) was raised by the first item ever to grow old, however
   * long ago: such an indicator's items are all read.
   */
  allItems: boolean;
}

/** Each indicator's figures from where its warnings' state must start, with their latest qualifying corrections. */
async function recentFigures(db: ReadDb, tt: TimeTravel, watch: Watch[], windowStart: Date) {
  const f = `${db.schema}.rm_indicator_figures`;
  const qualifying = (t: string) => `${t}.indicator_id = w.indicator_id AND ${t}.known_at <= $1::timestamptz AND ${t}.position <= $2::bigint`;
  const back = `(w.growth_days * 86400 + ${MARGIN_MS / 1000}) * interval '1 second'`;
  const sql = `WITH w AS (SELECT * FROM unnest($4::text[], $5::float8[]) AS w(indicator_id, growth_days)),
    starts AS (
      SELECT w.indicator_id, coalesce(
          (SELECT max(q.effective_at) FROM ${f} q WHERE ${qualifying('q')} AND q.effective_at <= p0.at - ${back}),
          p0.at - ${back}, $6::timestamptz - ${back}) AS start
        FROM w CROSS JOIN LATERAL (SELECT max(p.effective_at) AS at FROM ${f} p WHERE ${qualifying('p')} AND p.effective_at < $6::timestamptz) p0),
    recent AS (
      SELECT r.* FROM starts s JOIN ${f} r ON r.indicator_id = s.indicator_id
       WHERE r.effective_at >= s.start AND r.effective_at <= $3::timestamptz AND r.known_at <= $1::timestamptz AND r.position <= $2::bigint)
    SELECT (SELECT coalesce(json_agg(${namedRow(IndicatorFigureRow, FIGURE)}), '[]') FROM recent) AS figures,
      (SELECT coalesce(json_agg(${namedRow(FigureCorrectionRow, FIGURE)}), '[]') FROM (
         SELECT DISTINCT ON (c.indicator_id, c.figure_id) c.* FROM ${db.schema}.rm_indicator_figure_corrections c JOIN (SELECT DISTINCT indicator_id, figure_id FROM recent) r
             ON c.indicator_id = r.indicator_id AND c.figure_id = r.figure_id
          WHERE c.known_at <= $1::timestamptz AND c.position <= $2::bigint ORDER BY c.indicator_id, c.figure_id, c.known_at DESC, c.position DESC) c) AS corrections`;
  const params = [tt.knownAt.toISOString(), tt.position.toString(), tt.asOf.toISOString(), watch.map((w) => w.id), watch.map((w) => w.growthDays), windowStart.toISOString()];
  const [row] = await db.query<{ figures: unknown; corrections: unknown }>(sql, params);
  return { figures: decodeRows(IndicatorFigureRow, row.figures, FIGURE), corrections: decodeRows(FigureCorrectionRow, row.corrections, FIGURE) };
}

/**
 * The items of indicators with age thresholds that are old (by the shortest window) and open as
 * known at some time from the window start to asOf, or a superset: found by their span in
 * effective time, plus — only when knownAt is before the window start or the read is pinned
 * before the read model's position — the items whose clearing was not yet known or logged.
 */
async function itemsOldDuring(db: ReadDb, tt: TimeTravel, watch: Watch[], windowStart: Date): Promise<Map<string, ItemLifecycle[]>> {
  const items = new Map<string, ItemLifecycle[]>();
  for (const w of watch.filter((x) => x.allItems)) items.set(w.id, (await loadItemLifecycles(db, tt, w.id)).get(w.id) ?? []);
  const aged = watch.filter((w) => w.ageDays !== undefined && !w.allItems);
  if (aged.length === 0) return items;
  const shortest = Math.min(...aged.map((w) => w.ageDays!));
  const oldBy = new Date(tt.asOf.getTime() - shortest * DAY_MS + MARGIN_MS);
  const from = new Date(windowStart.getTime() - MARGIN_MS);
  // Opened by oldBy and open at from or later: the span meets [from, oldBy], or holds [oldBy, from].
  const span = from <= oldBy ? `${LIFECYCLE_SPAN} && tstzrange($5::timestamptz, $6::timestamptz, '[]')` : `${LIFECYCLE_SPAN} @> tstzrange($6::timestamptz, $5::timestamptz, '[]')`;
  const s = db.schema;
  const only = ` AND indicator_id = ANY($4::text[])`;
  const regular = `FROM ${s}.rm_indicator_backlog_item_lifecycles WHERE NOT irregular AND opened_at IS NOT NULL${only} AND ${lineQualifies('opened')} AND opened_at <= $6::timestamptz`;
  const cleared = `CASE WHEN ${lineQualifies('cleared')} THEN cleared_at END`;
  const sql = `SELECT indicator_id, json_agg(json_build_object('openedAt', opened, 'clearedAt', cleared)) AS items FROM (
      SELECT indicator_id, ${msOf('opened_at')} AS opened, ${msOf(cleared)} AS cleared ${regular} AND ${span}
      UNION ALL
      SELECT indicator_id, ${msOf('opened_at')}, ${msOf(cleared)} ${regular}
         AND ($1::timestamptz < $5::timestamptz OR $2::bigint < (SELECT position FROM ${s}.${tableOf(ProjectionCheckpoint).name} WHERE name = '${indicatorFactsProjection.name}'))
         AND (cleared_known_at > $1::timestamptz OR cleared_position > $2::bigint) AND NOT (${span})
      UNION ALL
      SELECT indicator_id, ${msOf('opened')}, ${msOf('cleared')} FROM (${irregularLifecycles(s, only)}) i WHERE opened IS NOT NULL) candidates
    GROUP BY indicator_id`;
  const params = [tt.knownAt.toISOString(), tt.position.toString(), tt.asOf.toISOString(), aged.map((w) => w.id), from.toISOString(), oldBy.toISOString()];
  for (const r of await db.query<{ indicator_id: string; items: unknown }>(sql, params)) {
    const lifecycles = (typeof r.items === 'string' ? JSON.parse(r.items) : r.items) as { openedAt: number; clearedAt: number | null }[];
    // ageSamples reads only the times: the ref is left blank.
    items.set(r.indicator_id, lifecycles.map((l) => ({ ref: '', openedAt: new Date(l.openedAt), clearedAt: l.clearedAt === null ? undefined : new Date(l.clearedAt) })));
  }
  return items;
}

async function latestRisks(db: ReadDb, tt: TimeTravel): Promise<Map<string, { assessedAt: Date; high: number }>> {
  const rows = await db.query<{ indicator_id: string; assessed: unknown; high: number }>(
    `SELECT DISTINCT ON (indicator_id) indicator_id, ${msOf('assessed_at')} AS assessed, high FROM ${db.schema}.rm_indicator_risk_assessments
      WHERE known_at <= $1::timestamptz AND position <= $2::bigint AND assessed_at <= $3::timestamptz
      ORDER BY indicator_id, assessed_at DESC, known_at DESC, position DESC`,
    [tt.knownAt.toISOString(), tt.position.toString(), tt.asOf.toISOString()],
  );
  return new Map(rows.map((r) => [r.indicator_id, { assessedAt: date(r.assessed), high: Number(r.high) }]));
}

function byIndicator<T extends { indicatorId: string }>(list: readonly T[]): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const x of list) {
    const group = groups.get(x.indicatorId);
    if (group) group.push(x);
    else groups.set(x.indicatorId, [x]);
  }
  return groups;
}

/**
 * Every indicator registered as known, as the scorecard reads it (scorecardIndicatorOf of its
 * full position), by id; and the indicators with a threshold in force.
 */
export async function scorecardIndicators(db: ReadDb, tt: TimeTravel, rules: ScorecardRules): Promise<{ indicators: ScorecardIndicator[]; withThreshold: Set<string> }> {
  const kept = await keptScorecardIndicators(db, tt, rules);
  if (kept) return kept;
  const [facts, risks] = await Promise.all([loadFacts(db, tt, ['definitions', 'thresholds']), latestRisks(db, tt)]);
  const windowStart = new Date(tt.asOf.getTime() - rules.q6.staleWarningDays * DAY_MS - MARGIN_MS);
  const watch: (Watch & { def: IndicatorDefinition; thresholds: ThresholdFact[] })[] = [];
  for (const [id, mine] of facts) {
    const def = definitionOf(id, mine.definitions);
    if (!def) continue;
    const thresholds = activeThresholds(mine.thresholds);
    const days = (kind: string) => thresholds.filter((t) => t.kind === kind).map((t) => t.windowDays ?? 0);
    const age = days('age');
    const allItems = thresholds.some((t) => t.kind === 'age' && t.limit < 0);
    watch.push({ id, def, thresholds: mine.thresholds, growthDays: Math.max(0, ...days('growth')), ageDays: age.length > 0 ? Math.min(...age) : undefined, allItems });
  }
  const [{ figures, corrections }, items] = await Promise.all([recentFigures(db, tt, watch, windowStart), itemsOldDuring(db, tt, watch, windowStart)]);
  const [figuresOf, correctionsOf] = [byIndicator(figures), byIndicator(corrections)];
  const indicators = watch
    .map(({ id, def, thresholds }) => {
      const series = correctedFigures(figuresOf.get(id) ?? [], correctionsOf.get(id) ?? []);
      const open = earlyWarningsOf({ indicatorId: id, direction: def.direction, thresholds, series, items: items.get(id) ?? [], asOf: tt.asOf }).filter((w) => w.open);
      const last = series[series.length - 1];
      return {
        id,
        unit: def.unit,
        questions: def.questions,
        effectiveAt: last?.effectiveAt ?? null,
        withinTolerance: last ? gapOf(def, last.value) <= def.tolerance : null,
        risk: risks.get(id) ?? null,
        openWarnings: open.length,
        staleWarnings: open.filter((w) => staleWarning(w.raisedAt, tt.asOf, rules)).length,
      };
    })
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return { indicators, withThreshold: indicatorsWithThreshold([...facts.values()].flatMap((f) => f.thresholds)) };
}
