import { NotFoundError, RuleError, ValidationError } from '../shared/domain-error.js';

export class ThresholdNotFound extends NotFoundError {
  readonly code = 'THRESHOLD.NOT_FOUND';

  constructor(indicatorId: string, thresholdId: string) {
    super(`indicator ${indicatorId} has no threshold ${thresholdId}`, 'thresholdId');
  }
}

export class ThresholdAlreadySet extends RuleError {
  readonly code = 'THRESHOLD.ALREADY_SET';

  constructor(thresholdId: string) {
    super(
      `threshold ${thresholdId} is active with different content; retire it first`,
      'thresholdId',
    );
  }
}

export class InvalidThresholdLimit extends ValidationError {
  readonly code = 'THRESHOLD.LIMIT_INVALID';

  constructor(value: unknown, rule: string) {
    super(`limit must be ${rule}, got ${value}`, 'limit');
  }
}

export class ThresholdWindowRequired extends ValidationError {
  readonly code = 'THRESHOLD.WINDOW_REQUIRED';

  constructor() {
    super('a growth threshold needs windowDays, a whole number of 1 or more', 'windowDays');
  }
}

export class InvalidThresholdWindow extends ValidationError {
  readonly code = 'THRESHOLD.WINDOW_INVALID';

  constructor(value: unknown) {
    super(`windowDays must be a whole number of 1 or more, got ${value}`, 'windowDays');
  }
}

export class ThresholdWindowNotApplicable extends ValidationError {
  readonly code = 'THRESHOLD.WINDOW_NOT_APPLICABLE';

  constructor() {
    super('a level threshold takes no windowDays', 'windowDays');
  }
}
