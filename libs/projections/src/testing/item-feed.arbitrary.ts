import fc from 'fast-check';
import { backlogItemStream } from '@rm/domain';
import type { EventMetadata, NewEvent } from '@rm/event-store';

const TYPES = { opened: 'BacklogItemOpened', graded: 'BacklogItemGraded', cleared: 'BacklogItemCleared' } as const;
const START = Date.UTC(2019, 6, 1);

/**
 * The effective time in an item event's metadata, in every form the write side has stored or a
 * log may hold: toISOString's instant, a plain date, none (the recorded time then).
 */
const effectiveArbitrary = fc.oneof(
  fc.integer({ min: 0, max: 400 * 86_400_000 }).map((ms) => new Date(START + ms).toISOString()),
  fc.integer({ min: 0, max: 400 }).map((d) => new Date(START + d * 86_400_000).toISOString().slice(0, 10)),
  fc.constant(undefined),
);

/**
 * An import's known time: reported before the recording (kept), after it (clamped to it), or a
 * reportedAt without `imported` (ignored), or `imported` without one.
 */
const importArbitrary = fc.oneof(
  { arbitrary: fc.constant(undefined), weight: 2 },
  { arbitrary: fc.integer({ min: 0, max: 500 * 86_400_000 }).map((ms) => ({ imported: true, reportedAt: new Date(START + ms).toISOString() })), weight: 3 },
  { arbitrary: fc.constant({ imported: true, reportedAt: '2999-01-01T00:00:00.000Z' }), weight: 1 },
  { arbitrary: fc.constant({ reportedAt: '2019-07-02T00:00:00.000Z' }), weight: 1 },
  { arbitrary: fc.constant({ imported: true }), weight: 1 },
);

export interface ItemFeedLine {
  indicator: number;
  item: number;
  event: keyof typeof TYPES;
  effectiveAt: string | undefined;
  imported: Pick<EventMetadata, 'imported' | 'reportedAt'> | undefined;
}

/**
 * Item events as a log may hold them beyond what the deciders write today: an item opened or
 * cleared more than once (irregular), cleared before it opens, graded without either, never
 * cleared; plain-date and absent effective times; imports with and without a reported time.
 */
export const itemFeedArbitrary: fc.Arbitrary<ItemFeedLine[]> = fc.array(
  fc.record({
    indicator: fc.nat({ max: 1 }),
    item: fc.nat({ max: 5 }),
    event: fc.constantFrom('opened' as const, 'graded' as const, 'cleared' as const, 'opened' as const, 'cleared' as const),
    effectiveAt: effectiveArbitrary,
    imported: importArbitrary,
  }),
  { maxLength: 30 },
);

/** The lines as appends of `run`, each to its item's stream, for indicators `ind-<run>-<n>`. */
export function itemFeedAppends(lines: readonly ItemFeedLine[], run: string): { streamId: string; event: NewEvent }[] {
  return lines.map((l) => {
    const indicatorId = `ind-${run}-${l.indicator}`;
    const at = l.effectiveAt ?? '2019-07-01';
    const data = { indicatorId, ref: `INC-${l.item}`, at, ...(l.event === 'graded' ? { risk: 'high' } : {}) };
    const metadata: EventMetadata = { ...(l.effectiveAt === undefined ? {} : { effectiveAt: l.effectiveAt }), ...l.imported };
    return { streamId: backlogItemStream(indicatorId, data.ref), event: { id: crypto.randomUUID(), type: TYPES[l.event], data, metadata } };
  });
}
