import { ValidationError } from './domain-error.js';

export class InvalidDate extends ValidationError {
  readonly code = 'DATE.INVALID';

  constructor(field: string, value: unknown) {
    super(
      `${field} must be an ISO 8601 date (YYYY-MM-DD) or instant with a time zone, got ${JSON.stringify(value)}`,
      field,
    );
  }
}

export class DateOutOfRange extends ValidationError {
  readonly code = 'DATE.OUT_OF_RANGE';

  constructor(field: string, value: string, earliest: string, latest: string) {
    super(`${field} ${value} is outside the dates the record holds (${earliest} to ${latest})`, field);
  }
}

export class EffectiveTimeInFuture extends ValidationError {
  readonly code = 'EFFECTIVE_TIME.IN_FUTURE';

  constructor(field: string, value: string, now: string) {
    super(`${field} ${value} is later than the moment of recording (${now})`, field);
  }
}

export class RequiredTextMissing extends ValidationError {
  readonly code = 'FIELD.REQUIRED';

  constructor(field: string) {
    super(`${field} is required and may not be blank`, field);
  }
}

export class RequiredListMissing extends ValidationError {
  readonly code = 'FIELD.LIST_REQUIRED';

  constructor(field: string) {
    super(`${field} must be a list`, field);
  }
}

export class InvalidOption extends ValidationError {
  readonly code = 'FIELD.INVALID_OPTION';

  constructor(field: string, value: unknown, allowed: readonly string[]) {
    super(`${field} must be one of ${allowed.join(', ')}, got ${JSON.stringify(value)}`, field);
  }
}

export class InvalidIdentifier extends ValidationError {
  readonly code = 'ID.INVALID';

  constructor(field: string, value: unknown) {
    super(
      `${field} must be 1–64 lowercase letters, digits or dashes, got ${JSON.stringify(value)}`,
      field,
    );
  }
}

export class InvalidInspectionQuestions extends ValidationError {
  readonly code = 'QUESTIONS.INVALID';

  constructor(field: string, reason: string) {
    super(`${field}: ${reason}`, field);
  }
}
