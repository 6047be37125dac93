import type { ReadDb } from '../../runner/projection.js';
import type { TimeTravel } from '../../time-travel/time-travel.js';
import { emptyFacts, type IndicatorFacts } from './indicator-facts.model.js';

type Row = Record<string, unknown>;
type Kind = keyof IndicatorFacts;
type Filter = 'known' | 'dated';

const date = (v: unknown): Date => (v instanceof Date ? v : new Date(String(v)));
const text = (v: unknown): string | undefined => (v === null || v === undefined ? undefined : String(v));
const num = (v: unknown): number | undefined => (v === null || v === undefined ? undefined : Number(v));
const known = (r: Row) => ({ indicatorId: String(r.indicator_id), position: BigInt(String(r.position)), knownAt: date(r.known_at) });

/**
 * How each kind of fact is selected: definitions (registrations, revisions, thresholds) by
 * known time and position only; dated facts also by their effective column. Corrections are
 * filtered by known time only: each applies from its figure's effective time, so it counts
 * exactly when its figure does.
 */
const SOURCES: { [K in Kind]: { table: string; columns: string; filter: Filter; effective?: string; fact: (r: Row) => IndicatorFacts[K][number] } } = {
  definitions: {
    table: 'rm_indicator_definitions',
    columns: 'position, indicator_id, known_at, kind, name, description, unit, direction, owner, questions, baseline_value, baseline_from, baseline_to, baseline_source, tolerance, reason',
    filter: 'known',
    fact: (r) => ({
      ...known(r),
      kind: r.kind === 'registered' ? 'registered' : 'revised',
      name: text(r.name),
      description: text(r.description),
      unit: text(r.unit) as IndicatorFacts['definitions'][number]['unit'],
      direction: text(r.direction) as IndicatorFacts['definitions'][number]['direction'],
      owner: text(r.owner),
      questions: (typeof r.questions === 'string' ? JSON.parse(r.questions) : (r.questions ?? undefined)) as number[] | undefined,
      baseline: { value: Number(r.baseline_value), from: String(r.baseline_from), to: String(r.baseline_to), source: String(r.baseline_source) },
      tolerance: Number(r.tolerance),
      reason: text(r.reason),
    }),
  },
  figures: {
    table: 'rm_indicator_figures',
    columns: 'position, indicator_id, known_at, figure_id, value, effective_at, source, note',
    filter: 'dated',
    effective: 'effective_at',
    fact: (r) => ({ ...known(r), figureId: String(r.figure_id), value: Number(r.value), effectiveAt: date(r.effective_at), source: String(r.source), note: text(r.note) }),
  },
  corrections: {
    table: 'rm_indicator_figure_corrections',
    columns: 'position, indicator_id, known_at, figure_id, correction_id, value, previous_value, effective_at, reason',
    filter: 'known',
    fact: (r) => ({
      ...known(r),
      figureId: String(r.figure_id),
      correctionId: text(r.correction_id),
      value: Number(r.value),
      previousValue: Number(r.previous_value),
      effectiveAt: date(r.effective_at),
      reason: String(r.reason),
    }),
  },
  risks: {
    table: 'rm_indicator_risk_assessments',
    columns: 'position, indicator_id, known_at, assessment_id, assessed_at, high, medium, standard, rationale',
    filter: 'dated',
    effective: 'assessed_at',
    fact: (r) => ({
      ...known(r),
      assessmentId: text(r.assessment_id),
      assessedAt: date(r.assessed_at),
      high: Number(r.high),
      medium: Number(r.medium),
      standard: Number(r.standard),
      rationale: String(r.rationale),
    }),
  },
  thresholds: {
    table: 'rm_indicator_thresholds',
    columns: 'position, indicator_id, known_at, threshold_id, event, kind, limit_value, window_days, reason',
    filter: 'known',
    fact: (r) => ({
      ...known(r),
      thresholdId: String(r.threshold_id),
      event: r.event === 'retired' ? 'retired' : 'set',
      kind: text(r.kind) as IndicatorFacts['thresholds'][number]['kind'],
      limit: num(r.limit_value),
      windowDays: num(r.window_days),
      reason: text(r.reason),
    }),
  },
  items: {
    table: 'rm_indicator_backlog_items',
    columns: 'position, indicator_id, known_at, ref, event, at, risk',
    filter: 'dated',
    effective: 'at',
    fact: (r) => ({
      ...known(r),
      ref: String(r.ref),
      event: r.event === 'opened' ? 'opened' : r.event === 'cleared' ? 'cleared' : 'graded',
      at: date(r.at),
      risk: text(r.risk) as IndicatorFacts['items'][number]['risk'],
    }),
  },
};

/** Selects exactly the qualifying rows of one kind: one indexed query for one indicator. */
async function select<K extends Kind>(db: ReadDb, tt: TimeTravel, kind: K, indicatorId?: string): Promise<IndicatorFacts[K]> {
  const source = SOURCES[kind];
  const params: unknown[] = [tt.knownAt.toISOString(), tt.position.toString()];
  const where = ['known_at <= $1', 'position <= $2'];
  if (source.effective) where.push(`${source.effective} <= $${params.push(tt.asOf.toISOString())}`);
  if (indicatorId !== undefined) where.push(`indicator_id = $${params.push(indicatorId)}`);
  const rows = await db.query<Row>(`SELECT ${source.columns} FROM ${db.schema}.${source.table} WHERE ${where.join(' AND ')}`, params);
  return rows.map(source.fact) as IndicatorFacts[K];
}

/**
 * The qualifying facts of the chosen kinds, per indicator: one query per kind, for one
 * indicator or (without `indicatorId`) for all of them at once.
 */
export async function loadFacts(db: ReadDb, tt: TimeTravel, kinds: readonly Kind[], indicatorId?: string): Promise<Map<string, IndicatorFacts>> {
  const loaded = await Promise.all(kinds.map(async (kind) => [kind, await select(db, tt, kind, indicatorId)] as const));
  const facts = new Map<string, IndicatorFacts>();
  if (indicatorId !== undefined) facts.set(indicatorId, emptyFacts());
  for (const [kind, list] of loaded) {
    for (const fact of list) {
      let mine = facts.get(fact.indicatorId);
      if (!mine) facts.set(fact.indicatorId, (mine = emptyFacts()));
      (mine[kind] as (typeof fact)[]).push(fact);
    }
  }
  return facts;
}
