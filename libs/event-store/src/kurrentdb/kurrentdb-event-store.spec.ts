import { openKurrentDbEventStore } from './connect.js';
import { KurrentDbServerTestDouble } from './testing/kurrentdb-server.test-double.js';
import { eventStoreContract, type ContractStore } from '../testing/event-store.contract.js';

/** The adapter against an in-process gRPC TEST DOUBLE of the server (see its header). */
async function openOnTestDouble(firstPosition?: bigint): Promise<ContractStore> {
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

describe('KurrentDbEventStore against the KurrentDB server test double', () => {
  eventStoreContract(() => openOnTestDouble(), { openBeyondSafeIntegers: () => openOnTestDouble(1n << 60n) });
});

const KURRENTDB_URL = process.env.KURRENTDB_URL || undefined;
if (!KURRENTDB_URL) console.warn('skipped "KurrentDbEventStore on a KurrentDB server": KURRENTDB_URL is not set: no KurrentDB server is configured');
(KURRENTDB_URL ? describe : describe.skip)('KurrentDbEventStore on a KurrentDB server', () => {
  eventStoreContract(async () => {
    const store = await openKurrentDbEventStore(KURRENTDB_URL);
    return { store, dispose: () => store.close() };
  });
});
