import type { EventBatch, RecordedEvent } from './event-store.port.js';

/** `subscribe` for any adapter: the events of its `subscribeBatches`, one at a time, until aborted. */
export async function* eventsOfBatches(batches: AsyncIterable<EventBatch>, signal?: AbortSignal): AsyncGenerator<RecordedEvent> {
  for await (const batch of batches) {
    for (const event of batch.events) {
      if (signal?.aborted) return;
      yield event;
    }
  }
}
