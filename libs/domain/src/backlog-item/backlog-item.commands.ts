import type { DomainCommand } from '../shared/decider.js';
import type { RiskGrade } from '../indicator/indicator.events.js';
import type { BacklogItemEventKind } from './backlog-item.events.js';

/** One line of an item-level feed; `risk` is required when `event` is `graded`. */
export type BacklogItemLine = {
  ref: string;
  event: BacklogItemEventKind;
  at: string;
  risk?: RiskGrade;
};

/** A batch of an indicator's item-level feed, as sent: lines of any number of items. */
export type RecordItems = DomainCommand<
  'RecordItems',
  { indicatorId: string; items: BacklogItemLine[] }
>;

/** A validated line, with the path that names it in errors (`items[3]`). */
export type ItemFeedLine = BacklogItemLine & { field: string };

/** The lines of one item from a batch, in batch order: the command on that item's stream. */
export type RecordItemLines = DomainCommand<
  'RecordItemLines',
  { indicatorId: string; ref: string; lines: ItemFeedLine[] }
>;
