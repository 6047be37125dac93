import type { TrajectoryPoint } from '@rm/domain';
import type { QualifyingFigure } from '../indicators/figure-series.fold.js';
import { byPosition, dayOf } from './fact-times.js';
import type { PlanCreatedFact, TrajectoryFact } from './plan-facts.js';
import {
  planProgress,
  type PlanProgress,
  type RecoveryActionView,
} from './recovery-action.fold.js';

export interface RecoveryPlanView {
  id: string;
  title: string;
  objective: string;
  targetDate: string;
  actions: RecoveryActionView[];
  progress: PlanProgress;
  trajectories: { indicatorId: string; points: TrajectoryPoint[] }[];
}

/** Later known wins; log position breaks ties. */
const laterKnown = (a: TrajectoryFact, b: TrajectoryFact) =>
  a.knownAt.getTime() - b.knownAt.getTime() || byPosition(a, b);

/** Per indicator, the trajectory set known last (a later set replaces the earlier whole). */
export function latestTrajectories(sets: readonly TrajectoryFact[]): TrajectoryFact[] {
  const latest = new Map<string, TrajectoryFact>();
  for (const t of [...sets].sort(laterKnown)) latest.set(t.indicatorId, t);
  return [...latest.values()].sort((a, b) =>
    a.indicatorId < b.indicatorId ? -1 : a.indicatorId > b.indicatorId ? 1 : 0,
  );
}

/** The latest known trajectory set for an indicator, whichever plan set it. */
export const latestTrajectoryOf = (
  sets: readonly TrajectoryFact[],
  indicatorId: string,
): TrajectoryFact | undefined =>
  latestTrajectories(sets.filter((t) => t.indicatorId === indicatorId))[0];

/**
 * A plan from its known facts: `created` its definitions (the first by position wins, as in the
 * decider), `actions` its folded actions, `sets` its known trajectory sets. Undefined when not known.
 */
export function foldRecoveryPlan(
  created: readonly PlanCreatedFact[],
  actions: RecoveryActionView[],
  sets: readonly TrajectoryFact[],
): RecoveryPlanView | undefined {
  const plan = [...created].sort(byPosition)[0];
  if (!plan) return undefined;
  return {
    id: plan.planId,
    title: plan.title,
    objective: plan.objective,
    targetDate: plan.targetDate,
    actions,
    progress: planProgress(actions),
    trajectories: latestTrajectories(sets).map((t) => ({
      indicatorId: t.indicatorId,
      points: t.points,
    })),
  };
}

/** A figure as the indicators read model gives it: after corrections, sorted by effective time. */
export type { QualifyingFigure };

export interface TrajectoryVersusActual {
  indicatorId: string;
  planId: string;
  /** `actual` is null before the first figure and for days after asOf. */
  points: { date: string; target: number; actual: number | null }[];
}

const byFigureEffect = (a: QualifyingFigure, b: QualifyingFigure) =>
  a.effectiveAt.getTime() - b.effectiveAt.getTime() ||
  a.knownAt.getTime() - b.knownAt.getTime() ||
  (a.position < b.position ? -1 : a.position > b.position ? 1 : 0);

/**
 * Each trajectory point against the indicator's value on that day: the last qualifying figure
 * effective by the end of that UTC day (ties: the later known). A day after asOf has no
 * actual yet, rather than the value at asOf carried into the future.
 */
export function foldTrajectoryVersusActual(
  trajectory: TrajectoryFact | undefined,
  figures: readonly QualifyingFigure[],
  asOf: Date,
): TrajectoryVersusActual | undefined {
  if (!trajectory) return undefined;
  const sorted = figures.filter((f) => f.effectiveAt <= asOf).sort(byFigureEffect);
  const asOfDay = dayOf(asOf);
  let next = 0;
  let actual: number | null = null;
  const points = [...trajectory.points]
    .sort((a, b) => Date.parse(a.date) - Date.parse(b.date))
    .map((p) => {
      const day = dayOf(p.date);
      const endOfDay = Date.parse(`${day}T23:59:59.999Z`);
      while (next < sorted.length && sorted[next].effectiveAt.getTime() <= endOfDay)
        actual = sorted[next++].value;
      return { date: p.date, target: p.value, actual: day > asOfDay ? null : actual };
    });
  return { indicatorId: trajectory.indicatorId, planId: trajectory.planId, points };
}
