import { jsonEqual } from '../shared/json-equal.js';
import { requireDate } from '../shared/time.js';
import { isNonNegativeFinite, requireList, requireSlug } from '../shared/validation.js';
import type { SetTrajectory } from './recovery-plan.commands.js';
import {
  InvalidTrajectoryValue,
  TrajectoryDatesNotIncreasing,
  TrajectoryEmpty,
} from './recovery-plan.errors.js';
import type { TrajectoryPoint, TrajectorySet } from './recovery-plan.events.js';
import { requirePlan } from './recovery-plan.rules.js';
import type { RecoveryPlanState } from './recovery-plan.state.js';

const requirePoints = (raw: TrajectoryPoint[] | undefined): TrajectoryPoint[] => {
  const points = requireList(raw, 'points');
  if (points.length === 0) throw new TrajectoryEmpty();
  let previous = -Infinity;
  return points.map((point, i) => {
    const at = requireDate(point?.date, `points[${i}].date`);
    if (at <= previous) throw new TrajectoryDatesNotIncreasing(i);
    if (!isNonNegativeFinite(point.value)) throw new InvalidTrajectoryValue(i, point.value);
    previous = at;
    return { date: point.date, value: point.value };
  });
};

export const setTrajectory = (
  { data }: SetTrajectory,
  state: RecoveryPlanState,
): TrajectorySet[] => {
  const plan = requirePlan(state, data.planId);
  const indicatorId = requireSlug(data.indicatorId, 'indicatorId');
  const points = requirePoints(data.points);
  if (jsonEqual(plan.trajectories.get(indicatorId), points)) return [];
  return [{ type: 'TrajectorySet', data: { planId: plan.created.planId, indicatorId, points } }];
};
