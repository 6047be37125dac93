import { deciderSpec } from '@rm/testing';
import {
  ActionAlreadyCancelled,
  ActionAlreadyCompleted,
  EffectiveTimeInFuture,
  InvalidDate,
  InvalidProgressPercent,
  recoveryPlanDecider,
  RequiredTextMissing,
  RescheduleReasonRequired,
  RescheduleSameDate,
  type RecoveryActionRescheduled,
} from '../index.js';
import {
  actionId,
  cancelled,
  completed,
  NOW,
  planId,
  progress,
  reschedule,
  started,
} from '../testing/recovery-plan.fixtures.js';

const spec = deciderSpec(recoveryPlanDecider);
const ids = { planId, actionId };

const rescheduled: RecoveryActionRescheduled = {
  type: 'RecoveryActionRescheduled',
  data: {
    ...ids,
    previousDueDate: '2019-12-31',
    dueDate: '2020-01-31',
    reason: 'Look-back scope grew by 604 legacy crimes',
    decidedOn: NOW,
  },
};

describe('recovery action progress decider', () => {
  describe('ReportProgress', () => {
    const reported = {
      type: 'RecoveryActionProgressReported',
      data: {
        ...ids,
        percent: 40,
        note: '274 of 686 incidents risk-assessed',
        reportedOn: '2019-11-08',
      },
    } as const;

    it('reports progress on a started action', () => {
      spec.given(started).when(progress()).then([reported]).andRepeatingIsANoOp();
    });

    it('is a no-op when the same report is sent again', () => {
      const later = {
        ...reported,
        data: { ...reported.data, percent: 60, reportedOn: '2019-11-12' },
      };
      spec
        .given([...started, reported, later])
        .when(progress())
        .thenNothing();
    });

    it('refuses a cancelled action', () => {
      spec
        .given([...started, cancelled])
        .when(progress())
        .thenThrows(ActionAlreadyCancelled);
    });

    it('refuses a new report on a completed action; the same report again stays a no-op', () => {
      spec
        .given([...started, completed])
        .when(progress())
        .thenThrows(ActionAlreadyCompleted, { kind: 'rule' });
      spec
        .given([...started, reported, completed])
        .when(progress())
        .thenNothing();
    });

    it.each([-1, 100.5, Number.NaN])('refuses percent %d', (percent) => {
      spec
        .given(started)
        .when(progress({ percent }))
        .thenThrows(InvalidProgressPercent, { field: 'percent' });
    });

    it('refuses a report dated after the moment of recording', () => {
      spec
        .given(started)
        .when(progress({ reportedOn: '2019-11-15T10:00:00Z' }))
        .thenThrows(EffectiveTimeInFuture, { field: 'reportedOn' });
    });

    it('needs a note', () => {
      spec
        .given(started)
        .when(progress({ note: '' }))
        .thenThrows(RequiredTextMissing, { field: 'note' });
    });
  });

  describe('RescheduleAction', () => {
    it('moves the due date, keeping the previous one', () => {
      spec.given(started).when(reschedule()).then([rescheduled]).andRepeatingIsANoOp();
    });

    it('records the slip as decided on an earlier date, never a later one', () => {
      const decided = { ...reschedule(), data: { ...reschedule().data, decidedOn: '2019-11-10' } };
      spec.given(started).when(decided).then([{ ...rescheduled, data: { ...rescheduled.data, decidedOn: '2019-11-10' } }]).andRepeatingIsANoOp();
      spec.given(started).when({ ...decided, now: '2019-11-09T12:00:00.000Z' }).thenThrows(EffectiveTimeInFuture, { field: 'decidedOn' });
    });

    it('is a no-op when the latest reschedule is sent again', () => {
      spec
        .given([...started, rescheduled])
        .when(reschedule())
        .thenNothing();
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
      spec
        .given([...started, cancelled])
        .when(reschedule())
        .thenThrows(ActionAlreadyCancelled);
    });

    it('refuses a completed action', () => {
      spec
        .given([...started, completed])
        .when(reschedule())
        .thenThrows(ActionAlreadyCompleted);
    });

    it('refuses an invalid date', () => {
      spec
        .given(started)
        .when(reschedule('31/01/2020'))
        .thenThrows(InvalidDate, { field: 'dueDate' });
    });
  });
});
