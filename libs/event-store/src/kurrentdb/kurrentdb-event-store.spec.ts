import { openKurrentDbEventStore } from './connect.js';
import { openKurrentDbOnTestDouble } from './testing/open-on-test-double.js';
import { eventStoreContract } from '../testing/event-store.contract.js';

describe('KurrentDbEventStore against the KurrentDB server test double', () => {
  eventStoreContract(() => openKurrentDbOnTestDouble(), { openBeyondSafeIntegers: () => openKurrentDbOnTestDouble(1n << 60n) });
});

const KURRENTDB_URL = process.env.KURRENTDB_URL || undefined;
if (!KURRENTDB_URL) console.warn('skipped "KurrentDbEventStore on a KurrentDB server": KURRENTDB_URL is not set: no KurrentDB server is configured');
(KURRENTDB_URL ? describe : describe.skip)('KurrentDbEventStore on a KurrentDB server', () => {
  eventStoreContract(async () => {
    const store = await openKurrentDbEventStore(KURRENTDB_URL);
    return { store, dispose: () => store.close() };
  });
});
