import { RuleError, ValidationError } from '../shared/domain-error.js';

export class InvalidRespondents extends ValidationError {
  readonly code = 'WORKFORCE.RESPONDENTS_INVALID';

  constructor(value: unknown) {
    super(`respondents must be a whole number of 1 or more, got ${value}`, 'respondents');
  }
}

export class InvalidConfidentPercent extends ValidationError {
  readonly code = 'WORKFORCE.CONFIDENT_PERCENT_INVALID';

  constructor(value: unknown) {
    super(`confidentPercent must be a number from 0 to 100, got ${value}`, 'confidentPercent');
  }
}

export class InvalidAttendees extends ValidationError {
  readonly code = 'WORKFORCE.ATTENDEES_INVALID';

  constructor(value: unknown) {
    super(`attendees must be a whole number of 0 or more, got ${value}`, 'attendees');
  }
}

/** A survey, training or support-measure id reused for different content. */
export class WorkforceRecordIdConflict extends RuleError {
  readonly code = 'WORKFORCE.ID_CONFLICT';

  constructor(field: string, id: string) {
    super(`${field} ${id} is already recorded with different content`, field);
  }
}
