import type { ReadDb } from '../../runner/projection.js';
import type { TimeTravel } from '../../time-travel/time-travel.js';
import { columnOf, decodeRows, namedRow, tableOf, type Decoded, type EntityClass } from '../core/entity-table.js';
import { BacklogItemEventRow } from './backlog-item-event.entity.js';
import { FigureCorrectionRow } from './figure-correction.entity.js';
import { IndicatorDefinitionRow } from './indicator-definition.entity.js';
import { emptyFacts, type IndicatorFacts } from './indicator-facts.model.js';
import { IndicatorFigureRow } from './indicator-figure.entity.js';
import { IndicatorThresholdRow } from './indicator-threshold.entity.js';
import { RiskAssessmentRow } from './risk-assessment.entity.js';
import { keptFactsOf } from './kept-facts.js';

type Kind = keyof IndicatorFacts;
type Fact<K extends Kind> = IndicatorFacts[K][number];

interface Source<K extends Kind, E> {
  entity: EntityClass<E>;
  /** The effective-time property of a dated fact; definitions and corrections have none. */
  effective?: keyof E & string;
  fact: (row: Decoded<E>) => Fact<K>;
}
const source = <K extends Kind, E>(s: Source<K, E>) => s as unknown as Source<K, Record<string, unknown>>;

/**
 * How each kind of fact is selected, from its entity's table: definitions (registrations,
 * revisions, thresholds) by known time and position only; dated facts also by their effective
 * column. Corrections are filtered by known time only: each applies from its figure's effective
 * time, so it counts exactly when its figure does.
 */
const SOURCES: { [K in Kind]: Source<K, Record<string, unknown>> } = {
  definitions: source({
    entity: IndicatorDefinitionRow,
    // Few rows, each copied into the fact's own shape (its baseline nested).
    fact: (r): Fact<'definitions'> => ({
      position: r.position,
      indicatorId: r.indicatorId,
      knownAt: r.knownAt,
      kind: r.kind === 'registered' ? 'registered' : 'revised',
      name: r.name,
      description: r.description,
      unit: r.unit as Fact<'definitions'>['unit'],
      direction: r.direction as Fact<'definitions'>['direction'],
      owner: r.owner,
      questions: r.questions,
      baseline: { value: r.baselineValue, from: r.baselineFrom, to: r.baselineTo, source: r.baselineSource },
      tolerance: r.tolerance,
      reason: r.reason,
    }),
  }),
  figures: source({ entity: IndicatorFigureRow, effective: 'effectiveAt', fact: (r): Fact<'figures'> => r }),
  corrections: source({ entity: FigureCorrectionRow, fact: (r): Fact<'corrections'> => r }),
  risks: source({ entity: RiskAssessmentRow, effective: 'assessedAt', fact: (r): Fact<'risks'> => r }),
  thresholds: source({
    entity: IndicatorThresholdRow,
    fact: (r): Fact<'thresholds'> => ({
      position: r.position,
      indicatorId: r.indicatorId,
      knownAt: r.knownAt,
      thresholdId: r.thresholdId,
      event: r.event === 'retired' ? 'retired' : 'set',
      kind: r.kind as Fact<'thresholds'>['kind'],
      limit: r.limitValue,
      windowDays: r.windowDays,
      reason: r.reason,
      inForceFrom: r.inForceFrom,
    }),
  }),
  items: source({
    entity: BacklogItemEventRow,
    effective: 'at',
    // Many rows: the decoded row is the fact (its properties are the fact's), typed in place.
    fact: (r): Fact<'items'> => r as Decoded<BacklogItemEventRow> & Fact<'items'>,
  }),
};

/**
 * One statement: per kind, a JSON array of exactly the qualifying rows (named by the entity's
 * properties), each kind by its own index. Plain SQL, not TypeORM's query builder: one round
 * trip for every kind instead of one query and one entity hydration per kind.
 */
function factsQuery(schema: string, tt: TimeTravel, kinds: readonly Kind[], indicatorId?: string, after?: bigint): { sql: string; params: unknown[] } {
  const params: unknown[] = [tt.knownAt.toISOString(), tt.position.toString()];
  const asOf = kinds.some((k) => SOURCES[k].effective) ? `$${params.push(tt.asOf.toISOString())}::timestamptz` : '';
  const only =
    (indicatorId === undefined ? '' : ` AND indicator_id = $${params.push(indicatorId)}::text`) +
    (after === undefined ? '' : ` AND position > $${params.push(after.toString())}::bigint`);
  const selects = kinds.map((kind) => {
    const { entity, effective } = SOURCES[kind];
    const dated = effective ? ` AND ${columnOf(entity, effective).name} <= ${asOf}` : '';
    const where = `known_at <= $1::timestamptz AND position <= $2::bigint${dated}${only}`;
    return `(SELECT coalesce(json_agg(${namedRow(entity)}), '[]') FROM ${schema}.${tableOf(entity).name} WHERE ${where}) AS ${kind}`;
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
    const { entity, fact: toFact } = SOURCES[kind];
    for (const r of decodeRows(entity, row[kind])) {
      const fact = toFact(r) as Fact<Kind>;
      let mine = facts.get(fact.indicatorId);
      if (!mine) facts.set(fact.indicatorId, (mine = emptyFacts()));
      (mine[kind] as Fact<Kind>[]).push(fact);
    }
  }
  return facts;
}
