import type { ReadDb } from '../../runner/projection.js';
import type { TimeTravel } from '../../time-travel/time-travel.js';
import { epochMs as ms } from '../core/iso-time.js';
import { emptyFacts, type IndicatorFacts } from './indicator-facts.model.js';
import { keptFactsOf } from './kept-facts.js';

type Kind = keyof IndicatorFacts;
type Cells = unknown[];
type Fact<K extends Kind> = IndicatorFacts[K][number];

// Facts travel as JSON arrays, instants as epoch milliseconds: one round trip for every kind.
const KNOWN = ['position::text', 'indicator_id', ms('known_at')];

const date = (v: unknown): Date => new Date(Number(v));
const text = (v: unknown): string | undefined => (v === null || v === undefined ? undefined : String(v));
const num = (v: unknown): number | undefined => (v === null || v === undefined ? undefined : Number(v));
const position = (c: Cells) => BigInt(String(c[0]));

interface Source<K extends Kind> {
  table: string;
  /** SQL expressions after KNOWN, in the order `fact` reads them (from cell 3). */
  fields: string[];
  /** The effective-time column of a dated fact; definitions and corrections have none. */
  effective?: string;
  fact: (c: Cells) => Fact<K>;
}

/**
 * How each kind of fact is selected: definitions (registrations, revisions, thresholds) by
 * known time and position only; dated facts also by their effective column. Corrections are
 * filtered by known time only: each applies from its figure's effective time, so it counts
 * exactly when its figure does.
 */
const SOURCES: { [K in Kind]: Source<K> } = {
  definitions: {
    table: 'rm_indicator_definitions',
    fields: 'kind name description unit direction owner questions baseline_value baseline_from baseline_to baseline_source tolerance reason'.split(' '),
    fact: (c) => ({
      position: position(c),
      indicatorId: String(c[1]),
      knownAt: date(c[2]),
      kind: c[3] === 'registered' ? 'registered' : 'revised',
      name: text(c[4]),
      description: text(c[5]),
      unit: text(c[6]) as Fact<'definitions'>['unit'],
      direction: text(c[7]) as Fact<'definitions'>['direction'],
      owner: text(c[8]),
      questions: (c[9] ?? undefined) as number[] | undefined,
      baseline: { value: Number(c[10]), from: String(c[11]), to: String(c[12]), source: String(c[13]) },
      tolerance: Number(c[14]),
      reason: text(c[15]),
    }),
  },
  figures: {
    table: 'rm_indicator_figures',
    fields: ['figure_id', 'value', ms('effective_at'), 'source', 'note'],
    effective: 'effective_at',
    fact: (c) => ({
      position: position(c),
      indicatorId: String(c[1]),
      knownAt: date(c[2]),
      figureId: String(c[3]),
      value: Number(c[4]),
      effectiveAt: date(c[5]),
      source: String(c[6]),
      note: text(c[7]),
    }),
  },
  corrections: {
    table: 'rm_indicator_figure_corrections',
    fields: ['figure_id', 'correction_id', 'value', 'previous_value', ms('effective_at'), 'reason'],
    fact: (c) => ({
      position: position(c),
      indicatorId: String(c[1]),
      knownAt: date(c[2]),
      figureId: String(c[3]),
      correctionId: text(c[4]),
      value: Number(c[5]),
      previousValue: Number(c[6]),
      effectiveAt: date(c[7]),
      reason: String(c[8]),
    }),
  },
  risks: {
    table: 'rm_indicator_risk_assessments',
    fields: ['assessment_id', ms('assessed_at'), 'high', 'medium', 'standard', 'rationale'],
    effective: 'assessed_at',
    fact: (c) => ({
      position: position(c),
      indicatorId: String(c[1]),
      knownAt: date(c[2]),
      assessmentId: text(c[3]),
      assessedAt: date(c[4]),
      high: Number(c[5]),
      medium: Number(c[6]),
      standard: Number(c[7]),
      rationale: String(c[8]),
    }),
  },
  thresholds: {
    table: 'rm_indicator_thresholds',
    fields: ['threshold_id', 'event', 'kind', 'limit_value', 'window_days', 'reason', ms('in_force_from')],
    fact: (c) => ({
      position: position(c),
      indicatorId: String(c[1]),
      knownAt: date(c[2]),
      thresholdId: String(c[3]),
      event: c[4] === 'retired' ? 'retired' : 'set',
      kind: text(c[5]) as Fact<'thresholds'>['kind'],
      limit: num(c[6]),
      windowDays: num(c[7]),
      reason: text(c[8]),
      inForceFrom: c[9] === null || c[9] === undefined ? undefined : date(c[9]),
    }),
  },
  items: {
    table: 'rm_indicator_backlog_items',
    fields: ['ref', 'event', ms('at'), 'risk'],
    effective: 'at',
    fact: (c) => ({
      position: position(c),
      indicatorId: String(c[1]),
      knownAt: date(c[2]),
      ref: String(c[3]),
      event: c[4] === 'opened' ? 'opened' : c[4] === 'cleared' ? 'cleared' : 'graded',
      at: date(c[5]),
      risk: text(c[6]) as Fact<'items'>['risk'],
    }),
  },
};

/** One statement: per kind, a JSON array of exactly the qualifying rows, each kind by its own index. */
function factsQuery(schema: string, tt: TimeTravel, kinds: readonly Kind[], indicatorId?: string, after?: bigint): { sql: string; params: unknown[] } {
  const params: unknown[] = [tt.knownAt.toISOString(), tt.position.toString()];
  const asOf = kinds.some((k) => SOURCES[k].effective) ? `$${params.push(tt.asOf.toISOString())}::timestamptz` : '';
  const only =
    (indicatorId === undefined ? '' : ` AND indicator_id = $${params.push(indicatorId)}::text`) +
    (after === undefined ? '' : ` AND position > $${params.push(after.toString())}::bigint`);
  const selects = kinds.map((kind) => {
    const s = SOURCES[kind];
    const effective = s.effective ? ` AND ${s.effective} <= ${asOf}` : '';
    const where = `known_at <= $1::timestamptz AND position <= $2::bigint${effective}${only}`;
    return `(SELECT coalesce(json_agg(json_build_array(${[...KNOWN, ...s.fields].join(', ')})), '[]') FROM ${schema}.${s.table} WHERE ${where}) AS ${kind}`;
  });
  return { sql: `SELECT ${selects.join(', ')}`, params };
}

/**
 * The qualifying facts of the chosen kinds, per indicator, in one round trip: for one
 * indicator or (without `indicatorId`) for all of them at once; only those logged after
 * position `after` if given (what kept facts lack when the read position moves).
 */
export async function loadFacts(db: ReadDb, tt: TimeTravel, kinds: readonly Kind[], indicatorId?: string, after?: bigint): Promise<Map<string, IndicatorFacts>> {
  const kept = after === undefined ? keptFactsOf(db) : undefined;
  if (kept) return kept.facts(tt, kinds, indicatorId);
  const { sql, params } = factsQuery(db.schema, tt, kinds, indicatorId, after);
  const [row] = await db.query<Record<string, unknown>>(sql, params);
  const facts = new Map<string, IndicatorFacts>();
  if (indicatorId !== undefined) facts.set(indicatorId, emptyFacts());
  for (const kind of kinds) {
    const cells = (typeof row[kind] === 'string' ? JSON.parse(row[kind] as string) : row[kind]) as Cells[];
    const toFact = SOURCES[kind].fact as (c: Cells) => Fact<Kind>;
    for (const c of cells) {
      const fact = toFact(c);
      let mine = facts.get(fact.indicatorId);
      if (!mine) facts.set(fact.indicatorId, (mine = emptyFacts()));
      (mine[kind] as Fact<Kind>[]).push(fact);
    }
  }
  return facts;
}
