import type { ProjectedEvent, ReadDb } from '../../runner/projection.js';
import type { TimeTravel } from '../../time-travel/time-travel.js';
import { decodeRows, namedRow, tableOf } from '../core/entity-table.js';
import { keptRows } from '../core/kept-rows.js';
import { dayOf, isKnown, KNOWN_SQL, knownOf, knownParams } from './fact-times.js';
import { ActionAddedRow, PlanCreatedRow, TrajectorySetRow } from './plan-facts.entity.js';
import { planFactsOf, type TrajectoryFact } from './plan-facts.js';
import { latestTrajectories } from './recovery-plan.fold.js';

/**
 * Each indicator's target date (a UTC day): the last date of its latest known trajectory, else
 * the earliest target date among the plans with an action linked to it (the most demanding
 * promise). Trajectories, plans and actions are definitions: only knownAt and position filter them.
 */
export function targetDatesOf(
  trajectories: readonly TrajectoryFact[],
  planTargets: readonly { planId: string; targetDate: string; position: bigint }[],
  actionLinks: readonly { planId: string; indicators: readonly string[] }[],
): Map<string, string> {
  const planTarget = new Map<string, string>();
  for (const p of [...planTargets].sort((a, b) => (a.position < b.position ? -1 : a.position > b.position ? 1 : 0))) if (!planTarget.has(p.planId)) planTarget.set(p.planId, dayOf(p.targetDate));
  const targets = new Map<string, string>();
  for (const a of actionLinks) {
    const date = planTarget.get(a.planId);
    if (date === undefined) continue;
    for (const id of a.indicators) if (!targets.has(id) || date < targets.get(id)!) targets.set(id, date);
  }
  for (const t of latestTrajectories(trajectories)) {
    if (t.points.length === 0) continue;
    targets.set(t.indicatorId, t.points.map((p) => dayOf(p.date)).reduce((a, b) => (a > b ? a : b)));
  }
  return targets;
}

const TRAJECTORY = ['position', 'indicatorId', 'planId', 'points'] as const;
const PLAN = ['position', 'planId', 'targetDate'] as const;
const LINK = ['planId', 'indicators'] as const;

/**
 * Target dates of every indicator with one (or of one), as known at (knownAt, position): one
 * statement of three JSON arrays of rows named by the entities' properties (plain SQL: three
 * query-builder queries would be three round trips).
 */
export async function indicatorTargetDates(db: ReadDb, tt: TimeTravel, indicatorId?: string): Promise<Map<string, string>> {
  const [sets, plans, actions] = await Promise.all([keptRows(db, TrajectorySetRow, tt.position), keptRows(db, PlanCreatedRow, tt.position), keptRows(db, ActionAddedRow, tt.position)]);
  if (sets && plans && actions) {
    const targets = targetDatesOf(knownOf(sets, tt), knownOf(plans, tt), knownOf(actions, tt));
    return indicatorId === undefined ? targets : new Map([...targets].filter(([id]) => id === indicatorId));
  }
  const s = db.schema;
  const params = knownParams(tt);
  const trajectoryOf = indicatorId === undefined ? '' : ` AND indicator_id = $${params.push(indicatorId)}::text`;
  const linkedTo = indicatorId === undefined ? '' : ` AND indicators @> jsonb_build_array($${params.length}::text)`;
  const [row] = await db.query<{ trajectories: unknown; plans: unknown; links: unknown }>(
    `SELECT
      (SELECT json_agg(${namedRow(TrajectorySetRow, TRAJECTORY)}) FROM (
         SELECT DISTINCT ON (indicator_id) * FROM ${s}.${tableOf(TrajectorySetRow).name} WHERE ${KNOWN_SQL}${trajectoryOf}
          ORDER BY indicator_id, known_at DESC, position DESC) t) AS trajectories,
      (SELECT json_agg(${namedRow(PlanCreatedRow, PLAN)}) FROM ${s}.${tableOf(PlanCreatedRow).name} WHERE ${KNOWN_SQL}) AS plans,
      (SELECT json_agg(${namedRow(ActionAddedRow, LINK)}) FROM (
         SELECT DISTINCT plan_id, indicators FROM ${s}.${tableOf(ActionAddedRow).name} WHERE ${KNOWN_SQL}${linkedTo}) a) AS links`,
    params,
  );
  // The latest trajectory per indicator is already chosen: its times are not read again.
  const trajectories = decodeRows(TrajectorySetRow, row.trajectories, TRAJECTORY).map((t) => ({ ...t, knownAt: new Date(0), effectiveAt: new Date(0) }));
  return targetDatesOf(trajectories, decodeRows(PlanCreatedRow, row.plans, PLAN), decodeRows(ActionAddedRow, row.links, LINK));
}

/** indicatorTargetDates, folded from scratch over the whole event list. */
export function referenceTargetDates(events: readonly ProjectedEvent[], tt: TimeTravel): Map<string, string> {
  const facts = planFactsOf(events);
  const known = <T extends { position: bigint; knownAt: Date; effectiveAt: Date }>(list: T[]) => list.filter((f) => isKnown(f, tt));
  return targetDatesOf(known(facts.trajectories), known(facts.plans), known(facts.actions));
}
