import { deciderSpec } from '@rm/testing';
import {
  ActionAlreadyCancelled,
  ActionAlreadyCompleted,
  ActionNotFound,
  EffectiveTimeInFuture,
  InvalidDate,
  InvalidProgressPercent,
  PlanNotFound,
  recoveryPlanDecider,
  RequiredTextMissing,
  RescheduleReasonRequired,
  RescheduleSameDate,
  type RecoveryActionRescheduled,
  type RecoveryPlanEvent,
} from '../index.js';
import {
  actionAdded,
  actionId,
  actionStarted,
  cancelled,
  command,
  completed,
  planCreated,
  planId,
} from '../testing/recovery-plan.fixtures.js';

const spec = deciderSpec(recoveryPlanDecider);
const planned: RecoveryPlanEvent[] = [planCreated, actionAdded];
const started = [...planned, actionStarted];
const ids = { planId, actionId };

const start = (startedOn = '2019-10-01') => command('StartAction', { ...ids, startedOn });
const progress = (changes: object = {}) =>
  command('ReportProgress', {
    ...ids,
    percent: 40,
    note: '274 of 686 incidents risk-assessed',
    reportedOn: '2019-11-08',
    ...changes,
  });
const reschedule = (dueDate = '2020-01-31', reason = 'Look-back scope grew by 604 legacy crimes') =>
  command('RescheduleAction', { ...ids, dueDate, reason });
const complete = (completedOn = '2019-11-14') =>
  command('CompleteAction', { ...ids, completedOn, evidence: completed.data.evidence });
const cancel = (reason: string = cancelled.data.reason) => command('CancelAction', { ...ids, reason });

const rescheduled: RecoveryActionRescheduled = {
  type: 'RecoveryActionRescheduled',
  data: { ...ids, previousDueDate: '2019-12-31', dueDate: '2020-01-31', reason: 'Look-back scope grew by 604 legacy crimes' },
};

describe('recovery action decider', () => {
  it.each([
    ['StartAction', start()],
    ['ReportProgress', progress()],
    ['RescheduleAction', reschedule()],
    ['CompleteAction', complete()],
    ['CancelAction', cancel()],
  ])('%s refuses an unknown action or plan', (_name, cmd) => {
    spec.given([planCreated]).when(cmd).thenThrows(ActionNotFound, { kind: 'not-found', field: 'actionId' });
    spec.when(cmd).thenThrows(PlanNotFound);
  });

  describe('StartAction', () => {
    it('starts a planned action', () => {
      spec.given(planned).when(start()).then([actionStarted]).andRepeatingIsANoOp();
    });

    it('is a no-op for a started action', () => {
      spec.given(started).when(start('2019-10-02')).thenNothing();
    });

    it('refuses a cancelled action', () => {
      spec.given([...planned, cancelled]).when(start()).thenThrows(ActionAlreadyCancelled, { code: 'ACTION.ALREADY_CANCELLED' });
    });

    it('refuses a completed action', () => {
      spec.given([...started, completed]).when(start()).thenThrows(ActionAlreadyCompleted, { code: 'ACTION.ALREADY_COMPLETED' });
    });

    it('refuses a start date after the moment of recording', () => {
      spec.given(planned).when(start('2019-11-16')).thenThrows(EffectiveTimeInFuture, { field: 'startedOn' });
    });
  });

  describe('ReportProgress', () => {
    const reported = {
      type: 'RecoveryActionProgressReported',
      data: { ...ids, percent: 40, note: '274 of 686 incidents risk-assessed', reportedOn: '2019-11-08' },
    } as const;

    it('reports progress on a started action', () => {
      spec.given(started).when(progress()).then([reported]).andRepeatingIsANoOp();
    });

    it('is a no-op when the same report is sent again', () => {
      const later = { ...reported, data: { ...reported.data, percent: 60, reportedOn: '2019-11-12' } };
      spec.given([...started, reported, later]).when(progress()).thenNothing();
    });

    it('refuses a cancelled action', () => {
      spec.given([...started, cancelled]).when(progress()).thenThrows(ActionAlreadyCancelled);
    });

    it.each([-1, 100.5, Number.NaN])('refuses percent %d', (percent) => {
      spec.given(started).when(progress({ percent })).thenThrows(InvalidProgressPercent, { field: 'percent' });
    });

    it('refuses a report dated after the moment of recording', () => {
      spec
        .given(started)
        .when(progress({ reportedOn: '2019-11-15T10:00:00Z' }))
        .thenThrows(EffectiveTimeInFuture, { field: 'reportedOn' });
    });

    it('needs a note', () => {
      spec.given(started).when(progress({ note: '' })).thenThrows(RequiredTextMissing, { field: 'note' });
    });
  });

  describe('RescheduleAction', () => {
    it('moves the due date, keeping the previous one', () => {
      spec.given(started).when(reschedule()).then([rescheduled]).andRepeatingIsANoOp();
    });

    it('is a no-op when the latest reschedule is sent again', () => {
      spec.given([...started, rescheduled]).when(reschedule()).thenNothing();
    });

    it('refuses the current due date', () => {
      spec
        .given(started)
        .when(reschedule('2019-12-31'))
        .thenThrows(RescheduleSameDate, { field: 'dueDate', kind: 'rule' });
    });

    it('needs a reason', () => {
      spec
        .given(started)
        .when(reschedule('2020-01-31', ' '))
        .thenThrows(RescheduleReasonRequired, { field: 'reason', kind: 'validation' });
    });

    it('refuses a cancelled action', () => {
      spec.given([...started, cancelled]).when(reschedule()).thenThrows(ActionAlreadyCancelled);
    });

    it('refuses a completed action', () => {
      spec.given([...started, completed]).when(reschedule()).thenThrows(ActionAlreadyCompleted);
    });

    it('refuses an invalid date', () => {
      spec.given(started).when(reschedule('31/01/2020')).thenThrows(InvalidDate, { field: 'dueDate' });
    });
  });

  describe('CompleteAction', () => {
    it('completes a started action', () => {
      spec.given(started).when(complete()).then([completed]).andRepeatingIsANoOp();
    });

    it('completes a planned action never started', () => {
      spec.given(planned).when(complete()).then([completed]);
    });

    it('is a no-op for a completed action', () => {
      spec.given([...started, completed]).when(complete('2019-11-15')).thenNothing();
    });

    it('refuses a cancelled action', () => {
      spec.given([...planned, cancelled]).when(complete()).thenThrows(ActionAlreadyCancelled);
    });

    it('refuses a completion date after the moment of recording', () => {
      spec.given(started).when(complete('2019-12-01')).thenThrows(EffectiveTimeInFuture, { field: 'completedOn' });
    });
  });

  describe('CancelAction', () => {
    it('cancels a planned or started action', () => {
      spec.given(planned).when(cancel()).then([cancelled]).andRepeatingIsANoOp();
      spec.given(started).when(cancel()).then([cancelled]);
    });

    it('is a no-op for a cancelled action', () => {
      spec.given([...planned, cancelled]).when(cancel('Another reason')).thenNothing();
    });

    it('refuses a completed action', () => {
      spec.given([...started, completed]).when(cancel()).thenThrows(ActionAlreadyCompleted, { kind: 'rule' });
    });

    it('needs a reason', () => {
      spec.given(planned).when(cancel('')).thenThrows(RequiredTextMissing, { field: 'reason' });
    });
  });
});
