import { deciderSpec } from '@rm/testing';
import {
  ActionAlreadyCancelled,
  ActionAlreadyCompleted,
  ActionNotFound,
  EffectiveTimeInFuture,
  PlanNotFound,
  recoveryPlanDecider,
  RequiredTextMissing,
} from '../index.js';
import {
  actionStarted,
  cancel,
  cancelled,
  complete,
  completed,
  planCreated,
  planned,
  progress,
  command,
  NOW,
  reschedule,
  start,
  started,
} from '../testing/recovery-plan.fixtures.js';

const spec = deciderSpec(recoveryPlanDecider);

describe('recovery action decider', () => {
  it.each([
    ['StartAction', start()],
    ['ReportProgress', progress()],
    ['RescheduleAction', reschedule()],
    ['CompleteAction', complete()],
    ['CancelAction', cancel()],
  ])('%s refuses an unknown action or plan', (_name, cmd) => {
    spec
      .given([planCreated])
      .when(cmd)
      .thenThrows(ActionNotFound, { kind: 'not-found', field: 'actionId' });
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
      spec
        .given([...planned, cancelled])
        .when(start())
        .thenThrows(ActionAlreadyCancelled, { code: 'ACTION.ALREADY_CANCELLED' });
    });

    it('refuses a completed action', () => {
      spec
        .given([...started, completed])
        .when(start())
        .thenThrows(ActionAlreadyCompleted, { code: 'ACTION.ALREADY_COMPLETED' });
    });

    it('refuses a start date after the moment of recording', () => {
      spec
        .given(planned)
        .when(start('2019-11-16'))
        .thenThrows(EffectiveTimeInFuture, { field: 'startedOn' });
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
      spec
        .given([...started, completed])
        .when(complete('2019-11-15'))
        .thenNothing();
    });

    it('refuses a cancelled action', () => {
      spec
        .given([...planned, cancelled])
        .when(complete())
        .thenThrows(ActionAlreadyCancelled);
    });

    it('refuses a completion date after the moment of recording', () => {
      spec
        .given(started)
        .when(complete('2019-12-01'))
        .thenThrows(EffectiveTimeInFuture, { field: 'completedOn' });
    });
  });

  describe('CancelAction', () => {
    it('cancels a planned or started action', () => {
      const cancelledNow = { ...cancelled, data: { ...cancelled.data, decidedOn: NOW } };
      spec.given(planned).when(cancel()).then([cancelledNow]).andRepeatingIsANoOp();
      spec.given(started).when(cancel()).then([cancelledNow]);
    });

    it('cancels as decided on an earlier date, never a later one', () => {
      const decided = command('CancelAction', { planId: cancelled.data.planId, actionId: cancelled.data.actionId, reason: cancelled.data.reason, decidedOn: '2019-11-10' });
      spec.given(planned).when(decided).then([{ ...cancelled, data: { ...cancelled.data, decidedOn: '2019-11-10' } }]);
      spec.given(planned).when({ ...decided, data: { ...decided.data, decidedOn: '2019-11-16' } }).thenThrows(EffectiveTimeInFuture, { field: 'decidedOn' });
    });

    it('is a no-op for a cancelled action', () => {
      spec
        .given([...planned, cancelled])
        .when(cancel('Another reason'))
        .thenNothing();
    });

    it('refuses a completed action', () => {
      spec
        .given([...started, completed])
        .when(cancel())
        .thenThrows(ActionAlreadyCompleted, { kind: 'rule' });
    });

    it('needs a reason', () => {
      spec.given(planned).when(cancel('')).thenThrows(RequiredTextMissing, { field: 'reason' });
    });
  });
});
