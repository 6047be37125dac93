// Projection worker for scale-out: applies the projection groups of the active read-model
// generation that it holds; workers share the groups out, and take over a dead one's within seconds.
import { describeEventStore, openStorage, redact } from '@rm/event-store';
import {
  activeGeneration, PROJECTION_GROUPS, projectionGroupsFor, READ_MODEL_SCHEMA, ReadDatabase,
} from '@rm/projections';
import { loadConfig } from '@rm/config';
import { serveWorkerHealth } from './worker-health.js';

const config = (() => {
  try {
    return loadConfig();
  } catch (err) {
    console.error((err as Error).message);
    process.exit(2);
  }
})();
if (!config.databaseUrl) {
  console.error('DATABASE_URL: required — workers share a PostgreSQL server (the embedded database runs projections in `npm start`)');
  process.exit(2);
}
const storage = await openStorage({ ...config, dataDir: undefined, poolSize: 4 }).catch((err: Error) => {
  console.error(err.message);
  process.exit(2);
});
const { db, store } = storage;
const log = (message: string) => console.log(`${new Date().toISOString()} worker ${process.pid}: ${message}`);

let generation = await activeGeneration(db.pool, config.schema);
let read = await ReadDatabase.open(db, generation.schema, READ_MODEL_SCHEMA, 4);
const start = (r: ReadDatabase) => {
  const runner = projectionGroupsFor(store, r, db, PROJECTION_GROUPS, {
    selected: config.projectionGroups,
    onError: (err) => log(`error, retrying: ${(err as Error).message}`),
  });
  runner.start();
  return runner;
};
let runner = start(read);
const candidates = config.projectionGroups?.join(', ') ?? 'all groups';
log(`following ${describeEventStore(config)}, read models in ${generation.schema} at ${redact(config.databaseUrl)}; waiting for the lease of ${candidates}`);

let reported = '';
let ready = true;
const health = config.workerHealthPort
  ? serveWorkerHealth(config.workerHealthPort, () => ({ ready, groups: runner.heldGroups, generation: generation.number, position: runner.position.toString() }))
  : undefined;
const poll = setInterval(async () => {
  try {
    const held = runner.heldGroups.join(', ');
    if (held !== reported) {
      reported = held;
      log(held ? `holds the lease of ${held}: projecting` : 'holds no group: standing by');
    }
    // The groups others hold: for the position this worker's health states.
    await runner.refreshCheckpoints();
    const active = await activeGeneration(db.pool, config.schema);
    ready = true;
    if (active.number === generation.number) return;
    log(`switching to read-model generation ${active.number}`);
    await runner.stop();
    await read.close();
    generation = active;
    read = await ReadDatabase.open(db, generation.schema, READ_MODEL_SCHEMA, 4);
    runner = start(read);
  } catch (err) {
    ready = false;
    log(`generation check failed: ${(err as Error).message}`);
  }
}, 2000);

for (const signal of ['SIGINT', 'SIGTERM'] as const)
  process.once(signal, async () => {
    clearInterval(poll);
    health?.close();
    await runner.stop();
    await read.close();
    await storage.close();
    process.exit(0);
  });
