import { jsonEqual, withoutUndefined } from '../shared/json-equal.js';
import { requireEffectiveTime } from '../shared/time.js';
import { isNonNegativeFinite, requireOption, requireText } from '../shared/validation.js';
import type { RetireThreshold, SetThreshold } from './indicator.commands.js';
import { THRESHOLD_KINDS, type ThresholdRetired, type ThresholdSet } from './indicator.events.js';
import { requireRegistered } from './indicator.rules.js';
import type { IndicatorState } from './indicator.state.js';
import {
  InvalidThresholdLimit,
  InvalidThresholdWindow,
  ThresholdAlreadySet,
  ThresholdNotFound,
  ThresholdWindowNotApplicable,
  ThresholdWindowRequired,
} from './threshold.errors.js';

const requireWindow = (kind: ThresholdSet['data']['kind'], windowDays: unknown) => {
  if (windowDays === undefined) {
    if (kind === 'growth') throw new ThresholdWindowRequired();
    return undefined;
  }
  if (kind === 'level') throw new ThresholdWindowNotApplicable();
  if (!Number.isSafeInteger(windowDays) || (windowDays as number) < 1) {
    throw new InvalidThresholdWindow(windowDays);
  }
  return windowDays as number;
};

// Growth may be negative (e.g. a fall in referrals); level and age limits are amounts.
const requireLimit = (kind: ThresholdSet['data']['kind'], limit: unknown): number => {
  if (kind === 'growth') {
    if (typeof limit !== 'number' || !Number.isFinite(limit)) {
      throw new InvalidThresholdLimit(limit, 'a finite number');
    }
    return limit;
  }
  if (!isNonNegativeFinite(limit)) throw new InvalidThresholdLimit(limit, 'a number of 0 or more');
  return limit;
};

// Without inForceFrom a retry of the same threshold is a no-op, whatever date it is retried on.
export const setThreshold = ({ data, now }: SetThreshold, state: IndicatorState): ThresholdSet[] => {
  const s = requireRegistered(state, data.indicatorId);
  const kind = requireOption(data.kind, THRESHOLD_KINDS, 'kind');
  if (data.inForceFrom !== undefined) requireEffectiveTime(data.inForceFrom, 'inForceFrom', now);
  const rule = withoutUndefined({
    indicatorId: s.registration.indicatorId,
    thresholdId: requireText(data.thresholdId, 'thresholdId'),
    kind,
    limit: requireLimit(kind, data.limit),
    windowDays: requireWindow(kind, data.windowDays),
  });
  const set: ThresholdSet['data'] = { ...rule, inForceFrom: data.inForceFrom ?? now };
  const existing = s.thresholds.get(set.thresholdId);
  if (!existing || existing.retired) return [{ type: 'ThresholdSet', data: set }];
  const { inForceFrom, ...existingRule } = existing.set;
  if (jsonEqual(existingRule, rule) && (data.inForceFrom === undefined || data.inForceFrom === inForceFrom)) return [];
  throw new ThresholdAlreadySet(set.thresholdId);
};

export const retireThreshold = (
  { data }: RetireThreshold,
  state: IndicatorState,
): ThresholdRetired[] => {
  const s = requireRegistered(state, data.indicatorId);
  const existing = s.thresholds.get(data.thresholdId);
  if (!existing) throw new ThresholdNotFound(s.registration.indicatorId, data.thresholdId);
  if (existing.retired) return [];
  const retired: ThresholdRetired['data'] = withoutUndefined({
    indicatorId: s.registration.indicatorId,
    thresholdId: data.thresholdId,
    reason: data.reason,
  });
  return [{ type: 'ThresholdRetired', data: retired }];
};
