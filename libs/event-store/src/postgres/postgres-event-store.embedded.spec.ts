import { eventStoreContract } from '../testing/event-store.contract.js';
import { openTestStore } from '../testing/test-database.js';

describe('PostgresEventStore on embedded PGlite', () => {
  eventStoreContract(async ({ positionBase }) => openTestStore('embedded', { positionBase }));
});
