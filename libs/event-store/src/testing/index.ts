export * from './event-store.contract.js';
export * from './test-database.js';
export { openKurrentDbOnTestDouble, type KurrentDbOnTestDouble } from '../kurrentdb/testing/open-on-test-double.js';
