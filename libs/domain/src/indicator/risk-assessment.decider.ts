import { jsonEqual, withoutUndefined } from '../shared/json-equal.js';
import { requireEffectiveTime } from '../shared/time.js';
import { isNonNegativeInteger, requireText } from '../shared/validation.js';
import type { AssessRisk } from './indicator.commands.js';
import { InvalidRiskCount, RiskAssessmentIdConflict } from './indicator.errors.js';
import type { RiskAssessed } from './indicator.events.js';
import { requireRegistered } from './indicator.rules.js';
import { assessmentKey, type IndicatorState } from './indicator.state.js';

const requireCount = (value: unknown, field: string): number => {
  if (!isNonNegativeInteger(value)) throw new InvalidRiskCount(field, value);
  return value;
};

export const assessRisk = ({ data, now }: AssessRisk, state: IndicatorState): RiskAssessed[] => {
  const s = requireRegistered(state, data.indicatorId);
  const assessed: RiskAssessed['data'] = withoutUndefined({
    indicatorId: s.registration.indicatorId,
    assessmentId: data.assessmentId,
    assessedAt: data.assessedAt,
    high: requireCount(data.high, 'high'),
    medium: requireCount(data.medium, 'medium'),
    standard: requireCount(data.standard, 'standard'),
    rationale: requireText(data.rationale, 'rationale'),
  });
  requireEffectiveTime(data.assessedAt, 'assessedAt', now);
  const existing = s.assessments.get(assessmentKey(assessed));
  if (!existing) return [{ type: 'RiskAssessed', data: assessed }];
  if (jsonEqual(existing, assessed)) return [];
  throw new RiskAssessmentIdConflict(data.assessmentId as string);
};
