import type { ReadDb } from '../../runner/projection.js';
import type { TimeTravel } from '../../time-travel/time-travel.js';
import { decodeRows, namedRow, tableOf } from '../core/entity-table.js';
import { FigureCorrectionRow } from './figure-correction.entity.js';
import { byKnown, correctedFigures, type QualifyingFigure } from './figure-series.fold.js';
import type { FigureFact } from './indicator-facts.model.js';
import { loadFacts } from './indicator-facts.query.js';
import { IndicatorFigureRow } from './indicator-figure.entity.js';
import { keptFactsOf } from './kept-facts.js';
import { keptWindowFigures } from './kept-positions.js';

const FIGURE = ['position', 'indicatorId', 'knownAt', 'figureId', 'value', 'effectiveAt'] as const;
const CORRECTION = ['position', 'indicatorId', 'knownAt', 'figureId', 'value'] as const;

/**
 * Per indicator, the qualifying figures effective after `from` (up to asOf) and the latest one
 * effective by asOf (the value at asOf, however old), each after its latest qualifying
 * correction, in effective order: what a trend over a recent window reads, without the rest.
 * Plain SQL with rows named by the entities' properties: one round trip for figures and
 * corrections, and a lateral probe per indicator that the query builder would not make simpler.
 */
export async function windowFigures(db: ReadDb, tt: TimeTravel, from: Date, indicatorIds: readonly string[]): Promise<Map<string, QualifyingFigure[]>> {
  // Facts kept in memory: the same selection from them, without a round trip.
  if (keptFactsOf(db)) {
    const kept = await keptWindowFigures(db, tt, from, indicatorIds);
    if (kept) return kept;
    const facts = await loadFacts(db, tt, ['figures', 'corrections'], indicatorIds.length === 1 ? indicatorIds[0] : undefined);
    return new Map(indicatorIds.map((id) => [id, correctedFigures(inWindow(facts.get(id)?.figures ?? [], from), facts.get(id)?.corrections ?? [])]));
  }
  const f = `${db.schema}.${tableOf(IndicatorFigureRow).name}`;
  const qualifying = (t: string) => `${t}.known_at <= $1::timestamptz AND ${t}.position <= $2::bigint AND ${t}.effective_at <= $3::timestamptz`;
  const sql = `WITH recent AS (
      SELECT r.* FROM unnest($5::text[]) AS w(indicator_id) JOIN ${f} r ON r.indicator_id = w.indicator_id
       WHERE ${qualifying('r')} AND r.effective_at > $4::timestamptz
      UNION
      SELECT l.* FROM unnest($5::text[]) AS w(indicator_id) CROSS JOIN LATERAL (
        SELECT * FROM ${f} x WHERE x.indicator_id = w.indicator_id AND ${qualifying('x')}
         ORDER BY x.effective_at DESC, x.known_at DESC, x.position DESC LIMIT 1) l)
    SELECT (SELECT coalesce(json_agg(${namedRow(IndicatorFigureRow, FIGURE)}), '[]') FROM recent) AS figures,
      (SELECT coalesce(json_agg(${namedRow(FigureCorrectionRow, CORRECTION)}), '[]') FROM (
         SELECT DISTINCT ON (c.indicator_id, c.figure_id) c.* FROM ${db.schema}.${tableOf(FigureCorrectionRow).name} c
           JOIN (SELECT DISTINCT indicator_id, figure_id FROM recent) r ON c.indicator_id = r.indicator_id AND c.figure_id = r.figure_id
          WHERE c.known_at <= $1::timestamptz AND c.position <= $2::bigint ORDER BY c.indicator_id, c.figure_id, c.known_at DESC, c.position DESC) c) AS corrections`;
  const params = [tt.knownAt.toISOString(), tt.position.toString(), tt.asOf.toISOString(), from.toISOString(), indicatorIds];
  const [row] = await db.query<{ figures: unknown; corrections: unknown }>(sql, params);
  const figures = new Map<string, Parameters<typeof correctedFigures>[0][number][]>();
  const corrections = new Map<string, Parameters<typeof correctedFigures>[1][number][]>();
  const push = <T>(m: Map<string, T[]>, id: string, x: T) => (m.get(id) ?? m.set(id, []).get(id)!).push(x);
  for (const r of decodeRows(IndicatorFigureRow, row.figures, FIGURE)) push(figures, r.indicatorId, r);
  for (const r of decodeRows(FigureCorrectionRow, row.corrections, CORRECTION)) push(corrections, r.indicatorId, r);
  return new Map(indicatorIds.map((id) => [id, correctedFigures(figures.get(id) ?? [], corrections.get(id) ?? [])]));
}

/** The figures effective after `from` and the latest effective (ties to the later known), as the statement selects them. */
function inWindow(figures: readonly FigureFact[], from: Date): FigureFact[] {
  const after = from.getTime();
  const later = (a: FigureFact, b: FigureFact) => a.effectiveAt.getTime() - b.effectiveAt.getTime() || byKnown(a, b);
  let latest: FigureFact | undefined;
  for (const f of figures) if (!latest || later(f, latest) > 0) latest = f;
  const chosen = figures.filter((f) => f.effectiveAt.getTime() > after);
  return latest && latest.effectiveAt.getTime() <= after ? [latest, ...chosen] : chosen;
}
