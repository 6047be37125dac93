import { eventStoreContract } from '../testing/event-store.contract.js';
import { describeOnServer, openTestStore } from '../testing/test-database.js';

describeOnServer('PostgresEventStore on a PostgreSQL server', () => {
  eventStoreContract(() => openTestStore('server'), { openBeyondSafeIntegers: () => openTestStore('server', { positionBase: 1n << 60n }) });
});
