import type { RiskGrade } from '../indicator/indicator.events.js';
import type { BacklogItemEvent } from './backlog-item.events.js';

export type BacklogItemState =
  | { status: 'unopened' }
  | {
      status: 'opened';
      openedAt: string;
      risk?: RiskGrade;
      gradings: { at: string; risk: RiskGrade }[];
      clearedAt?: string;
    };

export const initialBacklogItemState = (): BacklogItemState => ({ status: 'unopened' });

export const evolveBacklogItem = (s: BacklogItemState, event: BacklogItemEvent): BacklogItemState => {
  if (event.type === 'BacklogItemOpened') {
    return s.status === 'unopened' ? { status: 'opened', openedAt: event.data.at, gradings: [] } : s;
  }
  if (s.status === 'unopened') return s;
  if (event.type === 'BacklogItemGraded') {
    const { at, risk } = event.data;
    return { ...s, risk, gradings: [...s.gradings, { at, risk }] };
  }
  return { ...s, clearedAt: event.data.at };
};
