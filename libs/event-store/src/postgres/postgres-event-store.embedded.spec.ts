import { eventStoreContract } from '../testing/event-store.contract.js';
import { openTestStore } from '../testing/test-database.js';

describe('PostgresEventStore on embedded PGlite', () => {
  eventStoreContract(() => openTestStore('embedded'), { openBeyondSafeIntegers: () => openTestStore('embedded', { positionBase: 1n << 60n }) });
});
