import { jsonEqual } from '../shared/json-equal.js';
import { requireOption, requireQuestions, requireSlug, requireText } from '../shared/validation.js';
import type { RegisterIndicator, ReviseBaseline } from './indicator.commands.js';
import { BaselineRevisionReasonRequired, IndicatorAlreadyRegistered } from './indicator.errors.js';
import {
  INDICATOR_DIRECTIONS,
  INDICATOR_UNITS,
  type BaselineRevised,
  type IndicatorRegistered,
} from './indicator.events.js';
import { requireBaseline, requireRegistered, requireTolerance } from './indicator.rules.js';
import type { IndicatorState } from './indicator.state.js';

const registration = ({ data }: RegisterIndicator): IndicatorRegistered['data'] => {
  const unit = requireOption(data.unit, INDICATOR_UNITS, 'unit');
  return {
    indicatorId: requireSlug(data.id, 'id'),
    name: requireText(data.name, 'name'),
    description: requireText(data.description, 'description'),
    unit,
    direction: requireOption(data.direction, INDICATOR_DIRECTIONS, 'direction'),
    baseline: requireBaseline(unit, data.baseline),
    tolerance: requireTolerance(data.tolerance),
    owner: requireText(data.owner, 'owner'),
    questions: requireQuestions(data.questions, 'questions', true),
  };
};

export const registerIndicator = (
  command: RegisterIndicator,
  state: IndicatorState,
): IndicatorRegistered[] => {
  const data = registration(command);
  if (state.status === 'unregistered') return [{ type: 'IndicatorRegistered', data }];
  if (jsonEqual(state.registration, data)) return [];
  throw new IndicatorAlreadyRegistered(data.indicatorId);
};

export const reviseBaseline = (
  { data }: ReviseBaseline,
  state: IndicatorState,
): BaselineRevised[] => {
  const s = requireRegistered(state, data.indicatorId);
  const baseline = requireBaseline(s.registration.unit, data.baseline);
  const tolerance = data.tolerance === undefined ? s.tolerance : requireTolerance(data.tolerance);
  if (typeof data.reason !== 'string' || data.reason.trim() === '') {
    throw new BaselineRevisionReasonRequired();
  }
  if (jsonEqual(baseline, s.baseline) && tolerance === s.tolerance) return [];
  const revised: BaselineRevised['data'] = {
    indicatorId: s.registration.indicatorId,
    baseline,
    tolerance,
    previousBaseline: s.baseline,
    previousTolerance: s.tolerance,
    reason: data.reason,
  };
  return [{ type: 'BaselineRevised', data: revised }];
};
