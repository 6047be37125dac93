import { describeOnServer, TEST_DATABASE_URL } from '@rm/event-store/testing';
import type { Database, PostgresEventStore, SqlClient } from '@rm/event-store';
import { activeGeneration, advisoryLockLease, ALL_PROJECTIONS, ProjectionRunner, READ_MODEL_SCHEMA, ReadDatabase, soleProcessLease, type LeaseProvider } from '@rm/projections';
import fc from 'fast-check';
import { scenarioAppends, scenarioArbitrary } from '../../libs/projections/src/testing/scenario.arbitrary.js';
import { faultLog, readModelTables } from '../support/fault-log.js';
import { runProcess, WORKER_ENTRY } from '../support/processes.js';

/** Kill points; FAULT_WORKER_KILLS lowers it where the two-minute budget of the fault tests is tight. */
const KILLS = Number(process.env.FAULT_WORKER_KILLS ?? 20);
const SCENARIOS_PER_ROUND = 8;

async function emptyTables(sql: SqlClient, schema: string): Promise<void> {
  const { rows } = await sql.query<{ table_name: string }>(
    `SELECT table_name FROM information_schema.tables WHERE table_schema = $1 AND table_name <> 'rm_read_migrations'`,
    [schema],
  );
  if (rows.length > 0) await sql.query(`TRUNCATE ${rows.map((r) => `${schema}.${r.table_name}`).join(', ')}`);
}

/** Applies the whole log (to its head) to the read models in `schema` and returns their tables. */
async function catchUp(db: Database, store: PostgresEventStore, schema: string, lease: LeaseProvider): Promise<Record<string, string[]>> {
  const read = await ReadDatabase.open(db, schema, READ_MODEL_SCHEMA, 2);
  try {
    await new ProjectionRunner(store, read, ALL_PROJECTIONS, lease).catchUp(await store.headPosition());
  } finally {
    await read.close();
  }
  return readModelTables(db.pool, schema);
}

describeOnServer('projection-worker-kill.fault: a worker killed at random points leaves read models equal to a clean rebuild', () => {
  const log = faultLog('f');
  const { schema } = log;
  const reference = `${schema}_reference`;

  it(`kill -9 at ${KILLS} random points: each time, the read models after catching up equal a rebuild from scratch`, async () => {
    const random = fc.sample(fc.integer({ min: 0, max: 600 }), { numRuns: KILLS, seed: 20191101 });
    let events = 0;
    for (let round = 0; round < KILLS; round++) {
      const scenarios = fc.sample(scenarioArbitrary, { numRuns: SCENARIOS_PER_ROUND, seed: round });
      for (const [i, scenario] of scenarios.entries())
        for (const { streamId, event } of scenarioAppends(scenario, `r${round}s${i}`)) {
          await log.store.append(streamId, [event]);
          events++;
        }
      const served = await activeGeneration(log.db.pool, schema);

      const worker = runProcess(WORKER_ENTRY, [], { DATABASE_URL: TEST_DATABASE_URL!, DATABASE_SCHEMA: schema });
      await worker.waitForOutput(/waiting for the lease/);
      // After start-up: the point falls before, during or after the worker's catch-up transaction.
      await new Promise((r) => setTimeout(r, random[round]));
      expect(await worker.kill('SIGKILL')).toBe('SIGKILL');

      const survived = await catchUp(log.db, log.store, served.schema, advisoryLockLease(log.db.clientConfig!, 100));
      // The clean rebuild: every projection from position 0 into emptied tables.
      await emptyTables(log.db.pool, reference);
      const rebuilt = await catchUp(log.db, log.store, reference, soleProcessLease);
      expect(Object.values(survived).flat().length).toBeGreaterThan(round * 20);
      expect({ round, killedAfterMs: random[round], tables: survived }).toEqual({ round, killedAfterMs: random[round], tables: rebuilt });
    }
    expect(events).toBeGreaterThan(KILLS * 50);
    // 20 worker start-ups and 40 catch-ups of a growing log: minutes when the 2 cores are shared.
  }, 600_000);
});
