import { NotFoundError, RuleError, ValidationError } from '../shared/domain-error.js';

export class PlanNotFound extends NotFoundError {
  readonly code = 'PLAN.NOT_FOUND';

  constructor(planId: string) {
    super(`recovery plan ${planId} has not been created`);
  }
}

export class PlanAlreadyCreated extends RuleError {
  readonly code = 'PLAN.ALREADY_CREATED';

  constructor(planId: string) {
    super(`recovery plan ${planId} already exists with different content`, 'id');
  }
}

export class ActionNotFound extends NotFoundError {
  readonly code = 'ACTION.NOT_FOUND';

  constructor(actionId: string) {
    super(`recovery action ${actionId} is not in this plan`, 'actionId');
  }
}

/** An action may link only indicators that are registered; the application layer checks them. */
export class LinkedIndicatorNotFound extends NotFoundError {
  readonly code = 'ACTION.INDICATOR_NOT_FOUND';

  constructor(indicatorId: string, index: number) {
    super(`indicator ${indicatorId} is not registered: an action can only link registered indicators`, `indicators[${index}]`);
  }
}

export class ActionAlreadyExists extends RuleError {
  readonly code = 'ACTION.ALREADY_EXISTS';

  constructor(actionId: string) {
    super(`recovery action ${actionId} already exists with different content`, 'actionId');
  }
}

export class ActionAlreadyCancelled extends RuleError {
  readonly code = 'ACTION.ALREADY_CANCELLED';

  constructor(actionId: string) {
    super(`recovery action ${actionId} is cancelled`, 'actionId');
  }
}

export class ActionAlreadyCompleted extends RuleError {
  readonly code = 'ACTION.ALREADY_COMPLETED';

  constructor(actionId: string) {
    super(`recovery action ${actionId} is completed`, 'actionId');
  }
}

export class RescheduleReasonRequired extends ValidationError {
  readonly code = 'ACTION.RESCHEDULE_REASON_REQUIRED';

  constructor() {
    super('a reschedule needs a reason', 'reason');
  }
}

export class RescheduleSameDate extends RuleError {
  readonly code = 'ACTION.RESCHEDULE_SAME_DATE';

  constructor(dueDate: string) {
    super(`the action is already due on ${dueDate}`, 'dueDate');
  }
}

export class InvalidProgressPercent extends ValidationError {
  readonly code = 'ACTION.PROGRESS_PERCENT_INVALID';

  constructor(value: unknown) {
    super(`percent must be a number from 0 to 100, got ${value}`, 'percent');
  }
}

export class TrajectoryEmpty extends ValidationError {
  readonly code = 'TRAJECTORY.EMPTY';

  constructor() {
    super('a trajectory needs at least one point', 'points');
  }
}

export class TrajectoryDatesNotIncreasing extends ValidationError {
  readonly code = 'TRAJECTORY.DATES_NOT_INCREASING';

  constructor(index: number) {
    super(`point ${index} is not later than the point before it`, `points[${index}].date`);
  }
}

export class InvalidTrajectoryValue extends ValidationError {
  readonly code = 'TRAJECTORY.VALUE_INVALID';

  constructor(index: number, value: unknown) {
    super(
      `a trajectory value must be a finite number of 0 or more, got ${value}`,
      `points[${index}].value`,
    );
  }
}
