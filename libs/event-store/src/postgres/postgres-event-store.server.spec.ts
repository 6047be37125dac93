import { eventStoreContract } from '../testing/event-store.contract.js';
import { describeOnServer, openTestStore } from '../testing/test-database.js';

describeOnServer('PostgresEventStore on a PostgreSQL server', () => {
  eventStoreContract(async ({ positionBase }) => openTestStore('server', { positionBase }));
});
