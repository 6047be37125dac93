import type {
  RecoveryActionAdded,
  RecoveryActionCancelled,
  RecoveryActionCompleted,
  RecoveryActionProgressReported,
  RecoveryActionRescheduled,
  RecoveryActionStarted,
  RecoveryPlanCreated,
  TrajectoryPoint,
  TrajectorySet,
} from '@rm/domain';
import type { ProjectedEvent } from '../../runner/projection.js';
import { timesOf, type FactTimes } from './fact-times.js';

export interface PlanCreatedFact extends FactTimes {
  planId: string;
  title: string;
  objective: string;
  targetDate: string;
}

export interface ActionAddedFact extends FactTimes {
  planId: string;
  actionId: string;
  title: string;
  owner: string;
  dueDate: string;
  indicators: string[];
  questions: number[];
  successMeasure: string;
}

export type ActionChangeKind = 'started' | 'progress' | 'rescheduled' | 'completed' | 'cancelled';

/** One lifecycle event of an action: `on` is its own date, `text` its note, reason or evidence. */
export interface ActionChangeFact extends FactTimes {
  planId: string;
  actionId: string;
  kind: ActionChangeKind;
  on: string | null;
  percent: number | null;
  dueDate: string | null;
  previousDueDate: string | null;
  text: string | null;
}

export interface TrajectoryFact extends FactTimes {
  planId: string;
  indicatorId: string;
  points: TrajectoryPoint[];
}

export interface PlanFacts {
  plans: PlanCreatedFact[];
  actions: ActionAddedFact[];
  changes: ActionChangeFact[];
  trajectories: TrajectoryFact[];
}

export const PLAN_EVENT_TYPES = [
  'RecoveryPlanCreated',
  'RecoveryActionAdded',
  'RecoveryActionStarted',
  'RecoveryActionProgressReported',
  'RecoveryActionRescheduled',
  'RecoveryActionCompleted',
  'RecoveryActionCancelled',
  'TrajectorySet',
] as const;

const change = (
  e: ProjectedEvent,
  kind: ActionChangeKind,
  fields: Partial<ActionChangeFact>,
): ActionChangeFact => {
  const { planId, actionId } = e.data as { planId: string; actionId: string };
  return {
    ...timesOf(e),
    planId,
    actionId,
    kind,
    on: null,
    percent: null,
    dueDate: null,
    previousDueDate: null,
    text: null,
    ...fields,
  };
};

/** The plan facts in a list of events, in list order; other events are ignored. */
export function planFactsOf(events: readonly ProjectedEvent[]): PlanFacts {
  const facts: PlanFacts = { plans: [], actions: [], changes: [], trajectories: [] };
  for (const e of events) {
    switch (e.type) {
      case 'RecoveryPlanCreated': {
        const d = e.data as RecoveryPlanCreated['data'];
        facts.plans.push({
          ...timesOf(e),
          planId: d.planId,
          title: d.title,
          objective: d.objective,
          targetDate: d.targetDate,
        });
        break;
      }
      case 'RecoveryActionAdded': {
        const d = e.data as RecoveryActionAdded['data'];
        const { planId, actionId, title, owner, dueDate, indicators, questions, successMeasure } =
          d;
        facts.actions.push({
          ...timesOf(e),
          planId,
          actionId,
          title,
          owner,
          dueDate,
          indicators,
          questions,
          successMeasure,
        });
        break;
      }
      case 'RecoveryActionStarted':
        facts.changes.push(
          change(e, 'started', { on: (e.data as RecoveryActionStarted['data']).startedOn }),
        );
        break;
      case 'RecoveryActionProgressReported': {
        const d = e.data as RecoveryActionProgressReported['data'];
        facts.changes.push(
          change(e, 'progress', { on: d.reportedOn, percent: d.percent, text: d.note }),
        );
        break;
      }
      case 'RecoveryActionRescheduled': {
        const d = e.data as RecoveryActionRescheduled['data'];
        facts.changes.push(
          change(e, 'rescheduled', {
            dueDate: d.dueDate,
            previousDueDate: d.previousDueDate,
            text: d.reason,
          }),
        );
        break;
      }
      case 'RecoveryActionCompleted': {
        const d = e.data as RecoveryActionCompleted['data'];
        facts.changes.push(change(e, 'completed', { on: d.completedOn, text: d.evidence }));
        break;
      }
      case 'RecoveryActionCancelled':
        facts.changes.push(
          change(e, 'cancelled', { text: (e.data as RecoveryActionCancelled['data']).reason }),
        );
        break;
      case 'TrajectorySet': {
        const d = e.data as TrajectorySet['data'];
        facts.trajectories.push({
          ...timesOf(e),
          planId: d.planId,
          indicatorId: d.indicatorId,
          points: d.points,
        });
        break;
      }
    }
  }
  return facts;
}
