import { deciderSpec } from '@rm/testing';
import {
  ActionAlreadyExists,
  InvalidDate,
  InvalidIdentifier,
  InvalidInspectionQuestions,
  PlanAlreadyCreated,
  PlanNotFound,
  recoveryPlanDecider,
  RequiredTextMissing,
} from '../index.js';
import { actionAdded, command, planCreated, planId } from '../testing/recovery-plan.fixtures.js';

const spec = deciderSpec(recoveryPlanDecider);

const create = (changes: object = {}) =>
  command('CreatePlan', {
    id: planId,
    title: planCreated.data.title,
    objective: planCreated.data.objective,
    targetDate: planCreated.data.targetDate,
    ...changes,
  });

const add = (changes: object = {}) => command('AddAction', { ...actionAdded.data, ...changes });

describe('recovery plan decider', () => {
  describe('CreatePlan', () => {
    it('creates a plan', () => {
      spec.when(create()).then([planCreated]).andRepeatingIsANoOp();
    });

    it('is a no-op when repeated identically', () => {
      spec.given([planCreated, actionAdded]).when(create()).thenNothing();
    });

    it('refuses the same id with different content', () => {
      spec
        .given([planCreated])
        .when(create({ targetDate: '2020-12-31' }))
        .thenThrows(PlanAlreadyCreated, { kind: 'rule', code: 'PLAN.ALREADY_CREATED' });
    });

    it('refuses an id that cannot name a stream', () => {
      spec.when(create({ id: 'iOPS 2019' })).thenThrows(InvalidIdentifier, { field: 'id' });
    });

    it('refuses an invalid target date', () => {
      spec
        .when(create({ targetDate: '2020-06-31' }))
        .thenThrows(InvalidDate, { field: 'targetDate' });
    });

    it('needs a title', () => {
      spec.when(create({ title: '' })).thenThrows(RequiredTextMissing, { field: 'title' });
    });
  });

  describe('AddAction', () => {
    it('adds an action, planned, due in the future', () => {
      spec.given([planCreated]).when(add()).then([actionAdded]).andRepeatingIsANoOp();
    });

    it('adds an action with no indicator or question', () => {
      const support = { actionId: 'staff-listening', indicators: [], questions: [] };
      spec
        .given([planCreated])
        .when(add(support))
        .then([{ type: 'RecoveryActionAdded', data: { ...actionAdded.data, ...support } }]);
    });

    it('is a no-op when the same action is added again', () => {
      spec.given([planCreated, actionAdded]).when(add()).thenNothing();
    });

    it('refuses an existing action id with different content', () => {
      spec
        .given([planCreated, actionAdded])
        .when(add({ owner: 'Chief Superintendent, Public Protection' }))
        .thenThrows(ActionAlreadyExists, { kind: 'rule', field: 'actionId' });
    });

    it('refuses a plan not created', () => {
      spec.when(add()).thenThrows(PlanNotFound, { kind: 'not-found', code: 'PLAN.NOT_FOUND' });
    });

    it('refuses an indicator id that is not a slug', () => {
      spec
        .given([planCreated])
        .when(add({ indicators: ['da-risk-assessment', 'DA Look-back'] }))
        .thenThrows(InvalidIdentifier, { field: 'indicators[1]' });
    });

    it('refuses a question outside 1 to 6', () => {
      spec
        .given([planCreated])
        .when(add({ questions: [3, 9] }))
        .thenThrows(InvalidInspectionQuestions, { field: 'questions[1]' });
    });

    it('refuses an invalid due date', () => {
      spec
        .given([planCreated])
        .when(add({ dueDate: 'end of year' }))
        .thenThrows(InvalidDate, { field: 'dueDate' });
    });

    it('needs a success measure', () => {
      spec
        .given([planCreated])
        .when(add({ successMeasure: ' ' }))
        .thenThrows(RequiredTextMissing, { field: 'successMeasure' });
    });
  });
});
