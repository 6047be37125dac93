import type { Decider } from '../shared/decider.js';
import { unknownCommand } from '../shared/decider.js';
import { requireEffectiveTime } from '../shared/time.js';
import { requireList, requireOption, requireText } from '../shared/validation.js';
import { RISK_GRADES } from '../indicator/indicator.events.js';
import { requireRegistered } from '../indicator/indicator.rules.js';
import type { IndicatorState } from '../indicator/indicator.state.js';
import type {
  BacklogItemLine,
  ItemFeedLine,
  RecordItemLines,
  RecordItems,
} from './backlog-item.commands.js';
import {
  BacklogItemAlreadyCleared,
  BacklogItemNotOpened,
  BacklogItemRiskNotApplicable,
  BacklogItemRiskRequired,
} from './backlog-item.errors.js';
import { BACKLOG_ITEM_EVENTS, type BacklogItemEvent } from './backlog-item.events.js';
import {
  evolveBacklogItem,
  initialBacklogItemState,
  type BacklogItemState,
} from './backlog-item.state.js';

const validLine = (line: BacklogItemLine, field: string, now: string): ItemFeedLine => {
  const ref = requireText(line?.ref, `${field}.ref`);
  const event = requireOption(line.event, BACKLOG_ITEM_EVENTS, `${field}.event`);
  requireEffectiveTime(line.at, `${field}.at`, now);
  if (event !== 'graded') {
    if (line.risk !== undefined) throw new BacklogItemRiskNotApplicable(`${field}.risk`);
    return { ref, event, at: line.at, field };
  }
  if (line.risk === undefined) throw new BacklogItemRiskRequired(`${field}.risk`);
  const risk = requireOption(line.risk, RISK_GRADES, `${field}.risk`);
  return { ref, event, at: line.at, risk, field };
};

/**
 * A batch of the feed as one command per item, items in order of first mention: the feed is
 * for a registered indicator only (read from the indicator's state, which holds no items), and
 * every line is valid before any item is decided, so a bad line refuses the whole batch.
 */
export const itemFeedCommands = (
  { data, now }: RecordItems,
  indicator: IndicatorState,
): RecordItemLines[] => {
  const { indicatorId } = requireRegistered(indicator, data.indicatorId).registration;
  const byRef = new Map<string, ItemFeedLine[]>();
  requireList(data.items, 'items').forEach((raw, i) => {
    const line = validLine(raw, `items[${i}]`, now);
    const lines = byRef.get(line.ref);
    if (lines) lines.push(line);
    else byRef.set(line.ref, [line]);
  });
  return [...byRef].map(([ref, lines]) => ({
    type: 'RecordItemLines',
    data: { indicatorId, ref, lines },
    now,
  }));
};

// Idempotent per item and event, so a re-sent feed changes nothing; a new grade is a regrade.
const decideLine = (
  item: BacklogItemState,
  indicatorId: string,
  { ref, event, at, risk, field }: ItemFeedLine,
): BacklogItemEvent[] => {
  if (event === 'opened') {
    return item.status === 'opened' ? [] : [{ type: 'BacklogItemOpened', data: { indicatorId, ref, at } }];
  }
  if (item.status === 'unopened') throw new BacklogItemNotOpened(ref, `${field}.ref`);
  if (event === 'cleared') {
    return item.clearedAt ? [] : [{ type: 'BacklogItemCleared', data: { indicatorId, ref, at } }];
  }
  const grade = risk as NonNullable<ItemFeedLine['risk']>;
  if (item.gradings.some((g) => g.at === at && g.risk === grade)) return [];
  if (item.clearedAt) throw new BacklogItemAlreadyCleared(ref, `${field}.ref`);
  if (item.risk === grade) return [];
  return [{ type: 'BacklogItemGraded', data: { indicatorId, ref, at, risk: grade } }];
};

const recordItemLines = ({ data }: RecordItemLines, state: BacklogItemState): BacklogItemEvent[] => {
  let s = state;
  const events: BacklogItemEvent[] = [];
  for (const line of data.lines) {
    for (const event of decideLine(s, data.indicatorId, line)) {
      events.push(event);
      s = evolveBacklogItem(s, event);
    }
  }
  return events;
};

/**
 * One stream per item, `backlogItemStream(indicatorId, ref)`: the only rule on an item is its
 * own lifecycle (opened before graded or cleared), so its state is a few fields and no stream
 * of an indicator grows with its feed. Commands come from `itemFeedCommands`, lines validated.
 */
export const backlogItemDecider: Decider<RecordItemLines, BacklogItemEvent, BacklogItemState> = {
  initialState: initialBacklogItemState,
  evolve: evolveBacklogItem,
  decide: (command, state) =>
    command.type === 'RecordItemLines' ? recordItemLines(command, state) : unknownCommand(command as never),
};

const ITEM_EVENT_TYPES: ReadonlySet<string> = new Set<BacklogItemEvent['type']>([
  'BacklogItemOpened',
  'BacklogItemGraded',
  'BacklogItemCleared',
]);

/**
 * The items of a log older than the item streams, folded from the indicator's stream (flagged
 * `olderItemEvents` in its state): where each such item's stream starts from.
 */
export const olderItemStates = (
  indicatorEvents: readonly { type: string; data: unknown }[],
): Map<string, BacklogItemState> => {
  const items = new Map<string, BacklogItemState>();
  for (const event of indicatorEvents) {
    if (!ITEM_EVENT_TYPES.has(event.type)) continue;
    const e = event as BacklogItemEvent;
    items.set(e.data.ref, evolveBacklogItem(items.get(e.data.ref) ?? initialBacklogItemState(), e));
  }
  return items;
};

/** The item decider for an item whose stream continues from an older log's state. */
export const backlogItemDeciderFrom = (
  start: BacklogItemState | undefined,
): Decider<RecordItemLines, BacklogItemEvent, BacklogItemState> =>
  start ? { ...backlogItemDecider, initialState: () => start } : backlogItemDecider;
