import type { DomainEvent } from '../shared/decider.js';
import type { RiskGrade } from '../indicator/indicator.events.js';

export const BACKLOG_ITEM_EVENTS = ['opened', 'graded', 'cleared'] as const;
export type BacklogItemEventKind = (typeof BACKLOG_ITEM_EVENTS)[number];

export type BacklogItemOpened = DomainEvent<
  'BacklogItemOpened',
  { indicatorId: string; ref: string; at: string }
>;

export type BacklogItemGraded = DomainEvent<
  'BacklogItemGraded',
  { indicatorId: string; ref: string; at: string; risk: RiskGrade }
>;

export type BacklogItemCleared = DomainEvent<
  'BacklogItemCleared',
  { indicatorId: string; ref: string; at: string }
>;

/** One item's lifecycle, in its own stream: `backlogItemStream(indicatorId, ref)`. */
export type BacklogItemEvent = BacklogItemOpened | BacklogItemGraded | BacklogItemCleared;
