import { requireEffectiveTime } from '../shared/time.js';
import { requireList, requireOption, requireText } from '../shared/validation.js';
import {
  BacklogItemAlreadyCleared,
  BacklogItemNotOpened,
  BacklogItemRiskNotApplicable,
  BacklogItemRiskRequired,
} from './backlog-item.errors.js';
import type { BacklogItemLine, RecordItems } from './indicator.commands.js';
import {
  BACKLOG_ITEM_EVENTS,
  RISK_GRADES,
  type BacklogItemCleared,
  type BacklogItemGraded,
  type BacklogItemOpened,
} from './indicator.events.js';
import { requireRegistered } from './indicator.rules.js';
import {
  evolveIndicator,
  type IndicatorState,
  type RegisteredIndicator,
} from './indicator.state.js';

type BacklogItemEvent = BacklogItemOpened | BacklogItemGraded | BacklogItemCleared;

const validLine = (line: BacklogItemLine, field: string, now: string): BacklogItemLine => {
  const ref = requireText(line?.ref, `${field}.ref`);
  const event = requireOption(line.event, BACKLOG_ITEM_EVENTS, `${field}.event`);
  requireEffectiveTime(line.at, `${field}.at`, now);
  if (event !== 'graded') {
    if (line.risk !== undefined) throw new BacklogItemRiskNotApplicable(`${field}.risk`);
    return { ref, event, at: line.at };
  }
  if (line.risk === undefined) throw new BacklogItemRiskRequired(`${field}.risk`);
  return { ref, event, at: line.at, risk: requireOption(line.risk, RISK_GRADES, `${field}.risk`) };
};

// Idempotent per item and event, so a re-sent feed changes nothing; a new grade is a regrade.
const decideLine = (
  s: RegisteredIndicator,
  line: BacklogItemLine,
  field: string,
): BacklogItemEvent[] => {
  const indicatorId = s.registration.indicatorId;
  const item = s.items.get(line.ref);
  const { ref, at } = line;
  if (line.event === 'opened') {
    return item ? [] : [{ type: 'BacklogItemOpened', data: { indicatorId, ref, at } }];
  }
  if (!item) throw new BacklogItemNotOpened(ref, `${field}.ref`);
  if (line.event === 'cleared') {
    return item.clearedAt ? [] : [{ type: 'BacklogItemCleared', data: { indicatorId, ref, at } }];
  }
  const risk = line.risk as NonNullable<BacklogItemLine['risk']>;
  if (item.gradings.some((g) => g.at === at && g.risk === risk)) return [];
  if (item.clearedAt) throw new BacklogItemAlreadyCleared(ref, `${field}.ref`);
  if (item.risk === risk) return [];
  return [{ type: 'BacklogItemGraded', data: { indicatorId, ref, at, risk } }];
};

export const recordItems = (
  { data, now }: RecordItems,
  state: IndicatorState,
): BacklogItemEvent[] => {
  let s = requireRegistered(state, data.indicatorId);
  const events: BacklogItemEvent[] = [];
  requireList(data.items, 'items').forEach((raw, i) => {
    const field = `items[${i}]`;
    for (const event of decideLine(s, validLine(raw, field, now), field)) {
      events.push(event);
      s = evolveIndicator(s, event) as RegisteredIndicator;
    }
  });
  return events;
};
