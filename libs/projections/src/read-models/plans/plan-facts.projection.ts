import type { Projection, ProjectedEvent, ReadDb } from '../../runner/projection.js';
import { insertRows } from '../core/insert-rows.js';
import { ActionAddedRow, ActionChangeRow, PlanCreatedRow, TrajectorySetRow } from './plan-facts.entity.js';
import { PLAN_EVENT_TYPES, planFactsOf } from './plan-facts.js';

/** Recovery plans as fact rows keyed by log position: one multi-row insert per table per batch. */
export const planFactsProjection: Projection = {
  name: 'plan-facts.v1',
  handles: PLAN_EVENT_TYPES,
  async apply(events: readonly ProjectedEvent[], db: ReadDb): Promise<void> {
    const f = planFactsOf(events);
    await insertRows(db, PlanCreatedRow, f.plans, ['position']);
    await insertRows(db, ActionAddedRow, f.actions, ['position']);
    await insertRows(db, ActionChangeRow, f.changes, ['position']);
    await insertRows(db, TrajectorySetRow, f.trajectories, ['position']);
  },
};
