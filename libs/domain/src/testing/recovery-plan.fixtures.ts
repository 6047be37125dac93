import type {
  RecoveryActionAdded,
  RecoveryActionStarted,
  RecoveryPlanCommand,
  RecoveryPlanCreated,
  RecoveryPlanEvent,
} from '../index.js';
import { commandBuilder } from './commands.fixtures.js';

export { NOW } from './commands.fixtures.js';

export const command = commandBuilder<RecoveryPlanCommand>();

export const planId = 'iops-2019';
export const actionId = 'da-lookback';

export const planCreated: RecoveryPlanCreated = {
  type: 'RecoveryPlanCreated',
  data: {
    planId,
    title: 'iOPS recovery plan',
    objective: 'Return every backlog to its pre-go-live level and keep victims safe',
    targetDate: '2020-06-30',
  },
};

export const actionAdded: RecoveryActionAdded = {
  type: 'RecoveryActionAdded',
  data: {
    planId,
    actionId,
    title: 'Risk-assess every outstanding domestic abuse incident',
    owner: 'Head of Public Protection',
    dueDate: '2019-12-31',
    indicators: ['da-risk-assessment'],
    questions: [2, 3],
    successMeasure: 'No incident awaiting risk assessment for more than 24 hours',
  },
};

export const actionStarted: RecoveryActionStarted = {
  type: 'RecoveryActionStarted',
  data: { planId, actionId, startedOn: '2019-10-01' },
};

export const completed = {
  type: 'RecoveryActionCompleted',
  data: { planId, actionId, completedOn: '2019-11-14', evidence: 'Look-back report to gold group' },
} as const;

export const cancelled = {
  type: 'RecoveryActionCancelled',
  data: { planId, actionId, reason: 'Merged into the force-wide look-back' },
} as const;

const ids = { planId, actionId };

export const planned: RecoveryPlanEvent[] = [planCreated, actionAdded];
export const started: RecoveryPlanEvent[] = [...planned, actionStarted];

export const start = (startedOn = '2019-10-01') => command('StartAction', { ...ids, startedOn });

export const progress = (changes: object = {}) =>
  command('ReportProgress', {
    ...ids,
    percent: 40,
    note: '274 of 686 incidents risk-assessed',
    reportedOn: '2019-11-08',
    ...changes,
  });

export const reschedule = (
  dueDate = '2020-01-31',
  reason = 'Look-back scope grew by 604 legacy crimes',
) => command('RescheduleAction', { ...ids, dueDate, reason });

export const complete = (completedOn = '2019-11-14') =>
  command('CompleteAction', { ...ids, completedOn, evidence: completed.data.evidence });

export const cancel = (reason: string = cancelled.data.reason) =>
  command('CancelAction', { ...ids, reason });
