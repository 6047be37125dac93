import { requireDate } from '../shared/time.js';
import {
  isNonNegativeFinite,
  isNonNegativeInteger,
  isPercent,
  requireText,
} from '../shared/validation.js';
import {
  BaselinePeriodInvalid,
  IndicatorNotFound,
  InvalidTolerance,
  InvalidValueForUnit,
} from './indicator.errors.js';
import type { Baseline, IndicatorUnit } from './indicator.events.js';
import type { IndicatorState, RegisteredIndicator } from './indicator.state.js';

const VALID_FOR_UNIT: Record<IndicatorUnit, (n: unknown) => boolean> = {
  count: isNonNegativeInteger,
  percent: isPercent,
  seconds: isNonNegativeFinite,
  rate: isNonNegativeFinite,
};

export const requireValueForUnit = (unit: IndicatorUnit, value: unknown, field: string): number => {
  if (!VALID_FOR_UNIT[unit](value)) throw new InvalidValueForUnit(unit, value, field);
  return value as number;
};

export const requireTolerance = (value: unknown): number => {
  if (!isNonNegativeFinite(value)) throw new InvalidTolerance(value);
  return value;
};

export const requireBaseline = (unit: IndicatorUnit, b: Baseline): Baseline => {
  requireValueForUnit(unit, b?.value, 'baseline.value');
  const from = requireDate(b.from, 'baseline.from');
  const to = requireDate(b.to, 'baseline.to');
  if (to < from) throw new BaselinePeriodInvalid(b.from, b.to);
  requireText(b.source, 'baseline.source');
  return { value: b.value, from: b.from, to: b.to, source: b.source };
};

export const requireRegistered = (
  state: IndicatorState,
  indicatorId: string,
): RegisteredIndicator => {
  if (state.status !== 'registered') throw new IndicatorNotFound(indicatorId);
  return state;
};
