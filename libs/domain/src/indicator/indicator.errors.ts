import { NotFoundError, RuleError, ValidationError } from '../shared/domain-error.js';
import type { IndicatorUnit } from './indicator.events.js';

export class IndicatorNotFound extends NotFoundError {
  readonly code = 'INDICATOR.NOT_FOUND';

  constructor(indicatorId: string) {
    super(`indicator ${indicatorId} is not registered`);
  }
}

export class IndicatorAlreadyRegistered extends RuleError {
  readonly code = 'INDICATOR.ALREADY_REGISTERED';

  constructor(indicatorId: string) {
    super(`indicator ${indicatorId} is already registered with different content`, 'id');
  }
}

const UNIT_RULES: Record<IndicatorUnit, string> = {
  count: 'a whole number of 0 or more',
  percent: 'a number from 0 to 100',
  seconds: 'a number of 0 or more',
  rate: 'a finite number of 0 or more',
};

export class InvalidValueForUnit extends ValidationError {
  readonly code = 'INDICATOR.VALUE_INVALID_FOR_UNIT';

  constructor(unit: IndicatorUnit, value: unknown, field: string) {
    super(`${field} must be ${UNIT_RULES[unit]} for a ${unit} indicator, got ${value}`, field);
  }
}

export class InvalidTolerance extends ValidationError {
  readonly code = 'INDICATOR.TOLERANCE_INVALID';

  constructor(value: unknown) {
    super(`tolerance must be a finite number of 0 or more, got ${value}`, 'tolerance');
  }
}

export class BaselinePeriodInvalid extends ValidationError {
  readonly code = 'INDICATOR.BASELINE_PERIOD_INVALID';

  constructor(from: string, to: string) {
    super(`baseline period ends (${to}) before it starts (${from})`, 'baseline.to');
  }
}

export class BaselineRevisionReasonRequired extends ValidationError {
  readonly code = 'INDICATOR.BASELINE_REASON_REQUIRED';

  constructor() {
    super('a baseline revision needs a reason', 'reason');
  }
}

export class FigureNotFound extends NotFoundError {
  readonly code = 'FIGURE.NOT_FOUND';

  constructor(indicatorId: string, figureId: string) {
    super(`indicator ${indicatorId} has no figure ${figureId}`, 'figureId');
  }
}

export class FigureIdConflict extends RuleError {
  readonly code = 'FIGURE.ID_CONFLICT';

  constructor(figureId: string) {
    super(`figure ${figureId} is already recorded with different content`, 'figureId');
  }
}

export class CorrectionReasonRequired extends ValidationError {
  readonly code = 'FIGURE.CORRECTION_REASON_REQUIRED';

  constructor() {
    super('a correction needs a reason', 'reason');
  }
}

export class CorrectionIdConflict extends RuleError {
  readonly code = 'FIGURE.CORRECTION_ID_CONFLICT';

  constructor(correctionId: string) {
    super(`correction ${correctionId} is already recorded with different content`, 'correctionId');
  }
}

export class InvalidRiskCount extends ValidationError {
  readonly code = 'RISK.COUNT_INVALID';

  constructor(field: string, value: unknown) {
    super(`${field} must be a whole number of 0 or more, got ${value}`, field);
  }
}

export class RiskAssessmentIdConflict extends RuleError {
  readonly code = 'RISK.ASSESSMENT_ID_CONFLICT';

  constructor(assessmentId: string) {
    super(`assessment ${assessmentId} is already recorded with different content`, 'assessmentId');
  }
}
