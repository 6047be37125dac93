import { indicatorStream, olderItemStates, type BacklogItemState, type IndicatorState } from '@rm/domain';
import type { EventStore } from '@rm/event-store';
import { LRUCache } from 'lru-cache';

/**
 * The items of an indicator stream written before item feeds had streams of their own, where
 * those items' streams start from. Read once per indicator and kept: no item event is written
 * to an indicator stream any more, so what is read never goes stale.
 */
export class OlderItems {
  private readonly byIndicator = new LRUCache<string, Map<string, BacklogItemState>>({ max: 100 });

  constructor(private readonly store: Pick<EventStore, 'readStream'>) {}

  /** undefined: the indicator's stream holds no item events (every log since item streams). */
  async of(indicatorId: string, indicator: unknown): Promise<ReadonlyMap<string, BacklogItemState> | undefined> {
    const state = indicator as IndicatorState;
    if (state.status !== 'registered' || !state.olderItemEvents) return undefined;
    let items = this.byIndicator.get(indicatorId);
    if (!items) {
      items = olderItemStates(await this.store.readStream(indicatorStream(indicatorId)));
      this.byIndicator.set(indicatorId, items);
    }
    return items;
  }
}
