import type { Projection, ProjectedEvent, ReadDb } from '../../runner/projection.js';
import { insertRows } from '../core/insert-rows.js';
import { TIME_COLUMNS, timeValues } from './fact-times.js';
import { PLAN_EVENT_TYPES, planFactsOf } from './plan-facts.js';

const json = (value: unknown) => JSON.stringify(value);

/** Recovery plans as fact rows keyed by log position: one multi-row insert per table per batch. */
export const planFactsProjection: Projection = {
  name: 'plan-facts.v1',
  handles: PLAN_EVENT_TYPES,
  async apply(events: readonly ProjectedEvent[], db: ReadDb): Promise<void> {
    const f = planFactsOf(events);
    await insertRows(
      db,
      'rm_plan_created',
      [...TIME_COLUMNS, 'plan_id', 'title', 'objective', 'target_date'],
      f.plans.map((p) => [...timeValues(p), p.planId, p.title, p.objective, p.targetDate]),
      '(position)',
    );
    await insertRows(
      db,
      'rm_plan_action_added',
      [
        ...TIME_COLUMNS,
        'plan_id',
        'action_id',
        'title',
        'owner',
        'due_date',
        'indicators',
        'questions',
        'success_measure',
      ],
      f.actions.map((a) => [
        ...timeValues(a),
        a.planId,
        a.actionId,
        a.title,
        a.owner,
        a.dueDate,
        json(a.indicators),
        json(a.questions),
        a.successMeasure,
      ]),
      '(position)',
    );
    await insertRows(
      db,
      'rm_plan_action_changes',
      [
        ...TIME_COLUMNS,
        'plan_id',
        'action_id',
        'kind',
        'on_date',
        'percent',
        'due_date',
        'previous_due_date',
        'text',
      ],
      f.changes.map((c) => [
        ...timeValues(c),
        c.planId,
        c.actionId,
        c.kind,
        c.on,
        c.percent,
        c.dueDate,
        c.previousDueDate,
        c.text,
      ]),
      '(position)',
    );
    await insertRows(
      db,
      'rm_plan_trajectory_sets',
      [...TIME_COLUMNS, 'plan_id', 'indicator_id', 'points'],
      f.trajectories.map((t) => [...timeValues(t), t.planId, t.indicatorId, json(t.points)]),
      '(position)',
    );
  },
};
