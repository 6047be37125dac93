import { describeOnServer, TEST_DATABASE_URL } from '@rm/event-store/testing';
import { activeGeneration, ALL_PROJECTIONS, PROJECTION_GROUPS, ProjectionRunner, READ_MODEL_SCHEMA, ReadDatabase, rebuildReadModels, soleProcessLease } from '@rm/projections';
import fc from 'fast-check';
import { loadavg } from 'node:os';
import { scenarioAppends, scenarioArbitrary } from '../../libs/projections/src/testing/scenario.arbitrary.js';
import { faultLog, readModelTables } from '../support/fault-log.js';
import { freePort, runProcess, WORKER_ENTRY, type AppProcess } from '../support/processes.js';

const ROUNDS = 3;
const GROUPS = PROJECTION_GROUPS.map((g) => g.name).sort();

interface WorkerStatus {
  groups: string[];
  position: string;
  generation: number;
}

interface Worker extends AppProcess {
  status(): Promise<WorkerStatus>;
}

async function startWorker(schema: string): Promise<Worker> {
  const port = await freePort();
  const proc = runProcess(WORKER_ENTRY, [], { DATABASE_URL: TEST_DATABASE_URL!, DATABASE_SCHEMA: schema, WORKER_HEALTH_PORT: String(port) });
  await proc.waitForOutput(/waiting for the lease/);
  return Object.assign(proc, { status: async () => (await fetch(`http://127.0.0.1:${port}/health`)).json() as Promise<WorkerStatus> });
}

async function until(condition: () => Promise<boolean>, what: string, timeoutMs = 30_000): Promise<void> {
  const started = Date.now();
  while (!(await condition().catch(() => false))) {
    if (Date.now() - started > timeoutMs) throw new Error(`not within ${timeoutMs} ms: ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describeOnServer('projection-groups-takeover.fault: two worker processes share the groups; kill -9 one and the other takes its groups over', () => {
  const log = faultLog('g');
  const { schema } = log;
  let appended = 0;
  let survivor: Worker;
  const appendScenarios = async (seed: number) => {
    for (const [i, scenario] of fc.sample(scenarioArbitrary, { numRuns: 6, seed }).entries())
      for (const { streamId, event } of scenarioAppends(scenario, `g${seed}s${i}`)) {
        await log.store.append(streamId, [event]);
        appended++;
      }
  };

  it(`${ROUNDS} rounds: both workers hold groups, the survivor of a kill holds them all, and the read models equal a clean rebuild`, async () => {
    expect(GROUPS.length).toBeGreaterThanOrEqual(2);
    survivor = await startWorker(schema);
    for (let round = 0; round < ROUNDS; round++) {
      await appendScenarios(round * 2);
      const joining = await startWorker(schema);
      const both = [survivor, joining];
      await until(async () => {
        const [a, b] = await Promise.all(both.map((w) => w.status()));
        return a.groups.length > 0 && b.groups.length > 0 && [...a.groups, ...b.groups].sort().join() === GROUPS.join();
      }, `round ${round}: each worker holds at least one group`);
      // Events appended while both project, then a kill in the middle of their work.
      const writing = appendScenarios(round * 2 + 1);
      await new Promise((r) => setTimeout(r, 50 + round * 150));
      const victim = both[round % 2];
      survivor = both[(round + 1) % 2];
      expect(await victim.kill('SIGKILL')).toBe('SIGKILL');
      const killedAt = Date.now();
      await until(async () => (await survivor.status()).groups.length === GROUPS.length, `round ${round}: the survivor holds every group`);
      // A figure, not an assertion: how long the victim's groups had no holder.
      console.log(JSON.stringify({ round, takeoverMs: Date.now() - killedAt, loadavg: loadavg().map((l) => Math.round(l * 100) / 100) }));
      await writing;
      const head = await log.store.headPosition();
      await until(async () => {
        const s = await survivor.status();
        return s.groups.slice().sort().join() === GROUPS.join() && BigInt(s.position) >= head;
      }, `round ${round}: the survivor holds every group and reaches ${head}`);

      await expectEqualToRebuild(`reference_${round}`, head);
    }
    expect(appended).toBeGreaterThan(ROUNDS * 50);
  }, 300_000);

  it('after a rebuild switches the generation, both workers share the new generation\'s groups and keep it up to date', async () => {
    const other = await startWorker(schema);
    const { to: generation } = await rebuildReadModels(log.db, log.store, schema);
    await appendScenarios(100);
    const head = await log.store.headPosition();
    await until(async () => {
      const [a, b] = await Promise.all([survivor, other].map((w) => w.status()));
      const held = [...a.groups, ...b.groups].sort().join();
      return a.generation === generation && b.generation === generation && a.groups.length > 0 && b.groups.length > 0 && held === GROUPS.join() && BigInt(a.position) >= head;
    }, `both workers on generation ${generation}, sharing its groups, at ${head}`);
    expect((await activeGeneration(log.db.pool, schema)).number).toBe(generation);
    await expectEqualToRebuild('reference_rebuilt', head);
    await Promise.all([survivor.kill('SIGTERM'), other.kill('SIGTERM')]);
  }, 120_000);

  /** The served generation's tables equal a projection of the log up to `head` from scratch. */
  async function expectEqualToRebuild(name: string, head: bigint) {
    const served = await activeGeneration(log.db.pool, schema);
    const reference = `${schema}_${name}`;
    const read = await ReadDatabase.open(log.db, reference, READ_MODEL_SCHEMA, 2);
    await new ProjectionRunner(log.store, read, ALL_PROJECTIONS, soleProcessLease).catchUp(head).finally(() => read.close());
    const [live, rebuilt] = [await readModelTables(log.db.pool, served.schema), await readModelTables(log.db.pool, reference)];
    expect(Object.values(live).flat().length).toBeGreaterThan(0);
    expect({ name, tables: live }).toEqual({ name, tables: rebuilt });
  }
});
