import fc from 'fast-check';
import type { EventStore } from '@rm/event-store';
import { describeOnServer, openKurrentDbOnTestDouble, openTestStore, type KurrentDbOnTestDouble, type TestStore } from '@rm/event-store/testing';
import { activeGeneration, dropGeneration, generationSchema } from '../database/generations.js';
import { ReadDatabase } from '../database/read-database.js';
import { soleProcessLease } from '../runner/lease.js';
import { ProjectionRunner } from '../runner/projection-runner.js';
import { ALL_PROJECTIONS, READ_MODEL_SCHEMA } from '../read-models/registry.js';
import { scenarioAppends, scenarioArbitrary } from '../testing/scenario.arbitrary.js';
import { rebuildReadModels } from './rebuild.js';

async function tablesOf(read: ReadDatabase): Promise<string[]> {
  const rows = await read.db.query<{ table_name: string }>(
    `SELECT table_name FROM information_schema.tables WHERE table_schema = $1 AND table_name NOT IN ('rm_projection_checkpoints', 'rm_read_migrations') ORDER BY table_name`,
    [read.schema],
  );
  return rows.map((r) => r.table_name);
}

/** Every index, by name, with its definition less the schema: the rebuilt one defers and then restores them. */
async function indexesOf(read: ReadDatabase): Promise<string[]> {
  const rows = await read.db.query<{ name: string; definition: string }>(
    `SELECT indexname AS name, indexdef AS definition FROM pg_indexes WHERE schemaname = $1 ORDER BY indexname`,
    [read.schema],
  );
  return rows.map((r) => `${r.name}: ${r.definition.replaceAll(`${read.schema}.`, '')}`);
}

const rowsOf = async (read: ReadDatabase, table: string) =>
  JSON.stringify(await read.db.query(`SELECT * FROM ${read.schema}.${table} ORDER BY 1, 2`));

/** Read models in `kind`'s database; the log there too, or in KurrentDB (its server test double). */
function rebuildSpecs(kind: 'server' | 'embedded', log?: () => Promise<KurrentDbOnTestDouble>) {
  let t: TestStore;
  let kurrent: KurrentDbOnTestDouble | undefined;
  let store: EventStore;
  beforeAll(async () => {
    t = await openTestStore(kind, { pollFallbackMs: 100 });
    kurrent = await log?.();
    store = kurrent?.store ?? t.store;
  });
  afterAll(async () => {
    for (const n of [1, 2]) await dropGeneration(t.db.pool, t.schema, n);
    await kurrent?.dispose();
    await t?.dispose();
  });

  it('rebuilds into a new generation that equals the live-built one row for row, then switches over', async () => {
    const live = await ReadDatabase.open(t.db, (await activeGeneration(t.db.pool, t.schema)).schema, READ_MODEL_SCHEMA, 2);
    const runner = new ProjectionRunner(store, live, ALL_PROJECTIONS, soleProcessLease);
    runner.start();
    const scenarios = fc.sample(scenarioArbitrary, { numRuns: 4, seed: 2019 });
    let last = 0n;
    for (const [i, scenario] of scenarios.entries())
      for (const { streamId, event } of scenarioAppends(scenario, `r${i}`)) last = (await store.append(streamId, [event])).position;
    expect(await runner.waitFor(last, 30_000)).toBe(true);

    const progress: { done: number; remaining: number }[] = [];
    const result = await rebuildReadModels(t.db, store, t.schema, (p) => progress.push(p), 50);
    await runner.stop();
    expect(result).toMatchObject({ from: 1, to: 2 });
    expect(result.events).toBeGreaterThan(50);
    expect(progress.length).toBeGreaterThan(1);
    // What is left is estimated from positions (no store counts its log): some left early, none at the end.
    expect(progress[0].remaining).toBeGreaterThan(0);
    expect(progress.at(-1)).toEqual({ done: result.events, remaining: 0 });
    expect((await activeGeneration(t.db.pool, t.schema)).number).toBe(2);

    const rebuilt = await ReadDatabase.open(t.db, generationSchema(t.schema, 2), READ_MODEL_SCHEMA, 2);
    const tables = await tablesOf(live);
    expect(tables.length).toBeGreaterThanOrEqual(10);
    expect(await tablesOf(rebuilt)).toEqual(tables);
    for (const table of tables) expect({ table, rows: await rowsOf(rebuilt, table) }).toEqual({ table, rows: await rowsOf(live, table) });
    const indexes = await indexesOf(live);
    expect(indexes.some((i) => i.includes('USING spgist'))).toBe(true);
    expect(await indexesOf(rebuilt)).toEqual(indexes);
    await rebuilt.close();
    await live.close();
  });
}

describe('rebuildReadModels on embedded PGlite', () => rebuildSpecs('embedded'));
describeOnServer('rebuildReadModels on a PostgreSQL server', () => rebuildSpecs('server'));
describe('rebuildReadModels from the KurrentDB log (server test double) into embedded PGlite', () => rebuildSpecs('embedded', () => openKurrentDbOnTestDouble()));
