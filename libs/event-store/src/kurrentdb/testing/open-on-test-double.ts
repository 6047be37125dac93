import { openKurrentDbEventStore } from '../connect.js';
import type { KurrentDbEventStore } from '../kurrentdb-event-store.js';
import { KurrentDbServerTestDouble } from './kurrentdb-server.test-double.js';

export interface KurrentDbOnTestDouble {
  store: KurrentDbEventStore;
  dispose(): Promise<void>;
}

/** Tests only: the KurrentDB adapter connected to a fresh in-process server TEST DOUBLE. */
export async function openKurrentDbOnTestDouble(firstPosition?: bigint): Promise<KurrentDbOnTestDouble> {
  const server = new KurrentDbServerTestDouble(firstPosition);
  const store = await openKurrentDbEventStore(await server.start(), { pollFallbackMs: 200 });
  return {
    store,
    async dispose() {
      await store.close();
      await server.stop();
    },
  };
}
