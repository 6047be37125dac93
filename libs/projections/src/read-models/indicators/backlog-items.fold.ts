import type { RiskGrade } from '@rm/domain';
import { byKnown, DAY_MS } from './figure-series.fold.js';
import type { ItemFact } from './indicator-facts.model.js';

/** One backlog item as its qualifying feed lines tell it. */
export interface ItemLifecycle {
  ref: string;
  openedAt: Date;
  clearedAt?: Date;
  risk?: RiskGrade;
}

export interface ItemSummary {
  open: number;
  oldestOpenedAt: Date | null;
  /** Open items that have been open for at least 30 (100) whole days at asOf. */
  over30Days: number;
  over100Days: number;
}

/** The ages itemSummary counts open items at, in days: an answer at asOf turns when an item reaches one. */
export const ITEM_AGE_DAYS = [30, 100] as const;

const byAt = (a: ItemFact, b: ItemFact): number => a.at.getTime() - b.at.getTime() || byKnown(a, b);

const earlier = (a: Date | undefined, b: Date): Date => (a && a <= b ? a : b);

/**
 * Items from feed lines: opened at the earliest 'opened' line, cleared at the earliest
 * 'cleared' line, graded by the latest grading. An item whose opening is not a qualifying
 * fact is left out.
 */
export function itemLifecycles(items: readonly ItemFact[]): ItemLifecycle[] {
  const byRef = new Map<string, { openedAt?: Date; clearedAt?: Date; grade?: ItemFact }>();
  for (const line of items) {
    const item = byRef.get(line.ref) ?? {};
    byRef.set(line.ref, item);
    if (line.event === 'opened') item.openedAt = earlier(item.openedAt, line.at);
    else if (line.event === 'cleared') item.clearedAt = earlier(item.clearedAt, line.at);
    else if (!item.grade || byAt(item.grade, line) < 0) item.grade = line;
  }
  const lifecycles: ItemLifecycle[] = [];
  for (const [ref, item] of byRef) {
    if (!item.openedAt) continue;
    lifecycles.push({ ref, openedAt: item.openedAt, clearedAt: item.clearedAt, risk: item.grade?.risk });
  }
  return lifecycles;
}

/** The item feed at asOf: every item in `lifecycles` is effective by asOf. */
export function itemSummary(lifecycles: readonly ItemLifecycle[], asOf: Date): ItemSummary {
  let open = 0;
  let oldest: Date | null = null;
  let over30Days = 0;
  let over100Days = 0;
  for (const item of lifecycles) {
    if (item.clearedAt) continue;
    open++;
    if (!oldest || item.openedAt < oldest) oldest = item.openedAt;
    const age = asOf.getTime() - item.openedAt.getTime();
    if (age >= ITEM_AGE_DAYS[0] * DAY_MS) over30Days++;
    if (age >= ITEM_AGE_DAYS[1] * DAY_MS) over100Days++;
  }
  return { open, oldestOpenedAt: oldest, over30Days, over100Days };
}
