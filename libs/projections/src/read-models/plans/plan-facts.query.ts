import type { ReadDb } from '../../runner/projection.js';
import type { TimeTravel } from '../../time-travel/time-travel.js';
import {
  KNOWN_SQL,
  QUALIFYING_SQL,
  knownParams,
  qualifyingParams,
  withTimesOf,
  TIMES_SQL,
  type TimeRow,
} from './fact-times.js';
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

export async function knownPlans(
  db: ReadDb,
  tt: TimeTravel,
  planId?: string,
): Promise<PlanCreatedFact[]> {
  const params = knownParams(tt);
  const rows = await db.query<
    TimeRow & { plan_id: string; title: string; objective: string; target_date: string }
  >(
    `SELECT ${TIMES_SQL}, plan_id, title, objective, target_date FROM ${db.schema}.rm_plan_created
     WHERE ${KNOWN_SQL}${forPlan(params, planId)} ORDER BY position`,
    params,
  );
  return rows.map((r) => withTimesOf(r, {
    planId: r.plan_id,
    title: r.title,
    objective: r.objective,
    targetDate: r.target_date,
  }));
}

type ActionRow = TimeRow & {
  plan_id: string;
  action_id: string;
  title: string;
  owner: string;
  due_date: string;
  indicators: string[];
  questions: number[];
  success_measure: string;
};

export async function knownActions(
  db: ReadDb,
  tt: TimeTravel,
  planId?: string,
): Promise<ActionAddedFact[]> {
  const params = knownParams(tt);
  const rows = await db.query<ActionRow>(
    `SELECT ${TIMES_SQL}, plan_id, action_id, title, owner, due_date, indicators, questions, success_measure
     FROM ${db.schema}.rm_plan_action_added WHERE ${KNOWN_SQL}${forPlan(params, planId)} ORDER BY position`,
    params,
  );
  return rows.map((r) => withTimesOf(r, {
    planId: r.plan_id,
    actionId: r.action_id,
    title: r.title,
    owner: r.owner,
    dueDate: r.due_date,
    indicators: r.indicators,
    questions: r.questions,
    successMeasure: r.success_measure,
  }));
}

type ChangeRow = TimeRow & {
  plan_id: string;
  action_id: string;
  kind: ActionChangeKind;
  on_date: string | null;
  percent: number | null;
  due_date: string | null;
  previous_due_date: string | null;
  text: string | null;
};

export async function qualifyingChanges(
  db: ReadDb,
  tt: TimeTravel,
  planId?: string,
): Promise<ActionChangeFact[]> {
  const params = qualifyingParams(tt);
  const rows = await db.query<ChangeRow>(
    `SELECT ${TIMES_SQL}, plan_id, action_id, kind, on_date, percent, due_date, previous_due_date, text
     FROM ${db.schema}.rm_plan_action_changes WHERE ${QUALIFYING_SQL}${forPlan(params, planId)} ORDER BY position`,
    params,
  );
  return rows.map((r) => withTimesOf(r, {
    planId: r.plan_id,
    actionId: r.action_id,
    kind: r.kind,
    on: r.on_date,
    percent: r.percent === null ? null : Number(r.percent),
    dueDate: r.due_date,
    previousDueDate: r.previous_due_date,
    text: r.text,
  }));
}

type TrajectoryRow = TimeRow & {
  plan_id: string;
  indicator_id: string;
  points: TrajectoryFact['points'];
};

/** Only the latest known set per (plan, indicator), or the latest for one indicator across plans. */
export async function latestKnownTrajectories(
  db: ReadDb,
  tt: TimeTravel,
  of: { planId: string } | { indicatorId: string },
): Promise<TrajectoryFact[]> {
  const params = [...knownParams(tt), 'planId' in of ? of.planId : of.indicatorId];
  const sql =
    'planId' in of
      ? `SELECT DISTINCT ON (indicator_id) ${TIMES_SQL}, plan_id, indicator_id, points FROM ${db.schema}.rm_plan_trajectory_sets
         WHERE ${KNOWN_SQL} AND plan_id = $3 ORDER BY indicator_id, known_at DESC, position DESC`
      : `SELECT ${TIMES_SQL}, plan_id, indicator_id, points FROM ${db.schema}.rm_plan_trajectory_sets
         WHERE ${KNOWN_SQL} AND indicator_id = $3 ORDER BY known_at DESC, position DESC LIMIT 1`;
  const rows = await db.query<TrajectoryRow>(sql, params);
  return rows.map((r) => withTimesOf(r, {
    planId: r.plan_id,
    indicatorId: r.indicator_id,
    points: r.points,
  }));
}
