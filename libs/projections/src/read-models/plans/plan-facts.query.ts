import type { ReadDb } from '../../runner/projection.js';
import type { TimeTravel } from '../../time-travel/time-travel.js';
import { decodeRow, selectColumns, selectRows, tableOf, type Decoded } from '../core/entity-table.js';
import { keptRows } from '../core/kept-rows.js';
import { KNOWN_SQL, QUALIFYING_SQL, knownOf, knownParams, qualifyingOf, qualifyingParams } from './fact-times.js';
import { ActionAddedRow, ActionChangeRow, PlanCreatedRow, TrajectorySetRow } from './plan-facts.entity.js';
import type {
  ActionAddedFact,
  ActionChangeFact,
  ActionChangeKind,
  PlanCreatedFact,
  TrajectoryFact,
} from './plan-facts.js';

/** `AND plan_id = $n` when a plan is asked for, with the parameter appended. */
function forPlan(params: unknown[], planId: string | undefined): string {
  if (planId === undefined) return '';
  params.push(planId);
  return ` AND plan_id = $${params.length}`;
}

const ofPlan = <F extends { planId: string }>(facts: F[], planId: string | undefined) => (planId === undefined ? facts : facts.filter((f) => f.planId === planId));

export async function knownPlans(db: ReadDb, tt: TimeTravel, planId?: string): Promise<PlanCreatedFact[]> {
  const kept = await keptRows(db, PlanCreatedRow, tt.position);
  if (kept) return ofPlan(knownOf(kept, tt), planId);
  const params = knownParams(tt);
  return selectRows(db, PlanCreatedRow, `${KNOWN_SQL}${forPlan(params, planId)} ORDER BY position`, params);
}

export async function knownActions(db: ReadDb, tt: TimeTravel, planId?: string): Promise<ActionAddedFact[]> {
  const kept = await keptRows(db, ActionAddedRow, tt.position);
  if (kept) return ofPlan(knownOf(kept, tt), planId);
  const params = knownParams(tt);
  return selectRows(db, ActionAddedRow, `${KNOWN_SQL}${forPlan(params, planId)} ORDER BY position`, params);
}

export async function qualifyingChanges(db: ReadDb, tt: TimeTravel, planId?: string): Promise<ActionChangeFact[]> {
  const kept = await keptRows(db, ActionChangeRow, tt.position);
  if (kept) return ofPlan(qualifyingOf(keptChangeFacts(kept), tt), planId);
  const params = qualifyingParams(tt);
  return (await selectRows(db, ActionChangeRow, `${QUALIFYING_SQL}${forPlan(params, planId)} ORDER BY position`, params)).map(changeFact);
}

/** Kept change rows as facts, made once per kept list (a list is replaced, never changed, when rows are added). */
const changeFactsOfKept = new WeakMap<readonly Decoded<ActionChangeRow>[], ActionChangeFact[]>();
function keptChangeFacts(kept: readonly Decoded<ActionChangeRow>[]): ActionChangeFact[] {
  let facts = changeFactsOfKept.get(kept);
  if (!facts) changeFactsOfKept.set(kept, (facts = kept.map(changeFact)));
  return facts;
}

/** A change's fields are null where its kind has none: the facts say so with null too. In place (no copy per row). */
function changeFact(c: Decoded<ActionChangeRow>): ActionChangeFact {
  const change = c as unknown as ActionChangeFact;
  change.kind = c.kind as ActionChangeKind;
  change.on = c.on ?? null;
  change.percent = c.percent ?? null;
  change.dueDate = c.dueDate ?? null;
  change.previousDueDate = c.previousDueDate ?? null;
  change.text = c.text ?? null;
  return change;
}

/** Only the latest known set per (plan, indicator), or the latest for one indicator across plans. */
export async function latestKnownTrajectories(
  db: ReadDb,
  tt: TimeTravel,
  of: { planId: string } | { indicatorId: string },
): Promise<TrajectoryFact[]> {
  const params = [...knownParams(tt), 'planId' in of ? of.planId : of.indicatorId];
  const columns = selectColumns(TrajectorySetRow);
  const table = `${db.schema}.${tableOf(TrajectorySetRow).name}`;
  const sql =
    'planId' in of
      ? `SELECT DISTINCT ON (indicator_id) ${columns} FROM ${table}
         WHERE ${KNOWN_SQL} AND plan_id = $3 ORDER BY indicator_id, known_at DESC, position DESC`
      : `SELECT ${columns} FROM ${table}
         WHERE ${KNOWN_SQL} AND indicator_id = $3 ORDER BY known_at DESC, position DESC LIMIT 1`;
  const rows = await db.query<Record<string, unknown>>(sql, params);
  return rows.map((r) => decodeRow(TrajectorySetRow, r));
}

/** The indicators with a trajectory known at (knownAt, position). */
export async function indicatorsWithTrajectory(db: ReadDb, tt: TimeTravel): Promise<Set<string>> {
  const kept = await keptRows(db, TrajectorySetRow, tt.position);
  if (kept) return new Set(knownOf(kept, tt).map((t) => t.indicatorId));
  const rows = await db.query<{ indicator_id: string }>(`SELECT DISTINCT indicator_id FROM ${db.schema}.${tableOf(TrajectorySetRow).name} WHERE ${KNOWN_SQL}`, knownParams(tt));
  return new Set(rows.map((r) => r.indicator_id));
}
