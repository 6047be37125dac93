import { RuleError, ValidationError } from '../shared/domain-error.js';

export class BacklogItemNotOpened extends RuleError {
  readonly code = 'ITEM.NOT_OPENED';

  constructor(ref: string, field: string) {
    super(`backlog item ${ref} was never opened`, field);
  }
}

export class BacklogItemAlreadyCleared extends RuleError {
  readonly code = 'ITEM.ALREADY_CLEARED';

  constructor(ref: string, field: string) {
    super(`backlog item ${ref} is cleared and cannot be graded`, field);
  }
}

export class BacklogItemRiskRequired extends ValidationError {
  readonly code = 'ITEM.RISK_REQUIRED';

  constructor(field: string) {
    super('a graded item needs a risk: high, medium or standard', field);
  }
}

export class BacklogItemRiskNotApplicable extends ValidationError {
  readonly code = 'ITEM.RISK_NOT_APPLICABLE';

  constructor(field: string) {
    super('only a graded line takes a risk; send a separate graded line', field);
  }
}
