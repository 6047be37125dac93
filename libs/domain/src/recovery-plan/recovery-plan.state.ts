import type {
  RecoveryActionAdded,
  RecoveryActionProgressReported,
  RecoveryActionRescheduled,
  RecoveryActionStatus,
  RecoveryPlanCreated,
  RecoveryPlanEvent,
  TrajectoryPoint,
} from './recovery-plan.events.js';

export type RecoveryActionState = {
  added: RecoveryActionAdded['data'];
  status: RecoveryActionStatus;
  dueDate: string;
  progress: RecoveryActionProgressReported['data'][];
  lastReschedule?: RecoveryActionRescheduled['data'];
};

export type CreatedPlan = {
  status: 'created';
  created: RecoveryPlanCreated['data'];
  actions: ReadonlyMap<string, RecoveryActionState>;
  trajectories: ReadonlyMap<string, TrajectoryPoint[]>;
};

export type RecoveryPlanState = { status: 'none' } | CreatedPlan;

export const initialRecoveryPlanState = (): RecoveryPlanState => ({ status: 'none' });

const withAction = (
  s: CreatedPlan,
  actionId: string,
  change: (a: RecoveryActionState) => RecoveryActionState,
): CreatedPlan => {
  const action = s.actions.get(actionId);
  return action ? { ...s, actions: new Map(s.actions).set(actionId, change(action)) } : s;
};

const addAction = (s: CreatedPlan, added: RecoveryActionAdded['data']): CreatedPlan => {
  if (s.actions.has(added.actionId)) return s;
  const action: RecoveryActionState = {
    added,
    status: 'planned',
    dueDate: added.dueDate,
    progress: [],
  };
  return { ...s, actions: new Map(s.actions).set(added.actionId, action) };
};

const evolveCreated = (s: CreatedPlan, event: RecoveryPlanEvent): CreatedPlan => {
  switch (event.type) {
    case 'RecoveryActionAdded':
      return addAction(s, event.data);
    case 'RecoveryActionStarted':
      return withAction(s, event.data.actionId, (a) => ({ ...a, status: 'started' }));
    case 'RecoveryActionProgressReported':
      return withAction(s, event.data.actionId, (a) => ({
        ...a,
        progress: [...a.progress, event.data],
      }));
    case 'RecoveryActionRescheduled':
      return withAction(s, event.data.actionId, (a) => ({
        ...a,
        dueDate: event.data.dueDate,
        lastReschedule: event.data,
      }));
    case 'RecoveryActionCompleted':
      return withAction(s, event.data.actionId, (a) => ({ ...a, status: 'completed' }));
    case 'RecoveryActionCancelled':
      return withAction(s, event.data.actionId, (a) => ({ ...a, status: 'cancelled' }));
    case 'TrajectorySet':
      return {
        ...s,
        trajectories: new Map(s.trajectories).set(event.data.indicatorId, event.data.points),
      };
    default:
      return s;
  }
};

export const evolveRecoveryPlan = (
  state: RecoveryPlanState,
  event: RecoveryPlanEvent,
): RecoveryPlanState => {
  if (event.type === 'RecoveryPlanCreated') {
    if (state.status === 'created') return state;
    return { status: 'created', created: event.data, actions: new Map(), trajectories: new Map() };
  }
  return state.status === 'created' ? evolveCreated(state, event) : state;
};
