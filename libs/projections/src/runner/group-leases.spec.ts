import { randomUUID } from 'node:crypto';
import { PROJECTION_GROUP_NAMES } from '@rm/config';
import { describeOnServer, TEST_DATABASE_URL } from '@rm/event-store/testing';
import { PROJECTION_GROUPS, ALL_PROJECTIONS } from '../read-models/registry.js';
import { openReadModelFixture, type ReadModelFixture } from '../testing/read-model-fixture.js';
import { pgBusyQueries } from '../testing/pg-busy.js';
import { assignGroups, groupLeases, type LeaseSnapshot } from './group-leases.js';
import type { Projection, ReadDb } from './projection.js';
import { ProjectionGroups, type ProjectionGroup } from './projection-groups.js';

const snapshot = (candidates: Record<string, number[]>, holders: Record<string, number> = {}): LeaseSnapshot => ({
  candidates: new Map(Object.entries(candidates)),
  holders: new Map(Object.entries(holders)),
});
const WEIGHTED = [
  { name: 'heavy', weight: 330 },
  { name: 'middle', weight: 4 },
  { name: 'light', weight: 1 },
];

describe('assignGroups', () => {
  it('gives the heaviest group to one process and the rest to another', () => {
    const all = [1, 2];
    expect(Object.fromEntries(assignGroups(WEIGHTED, snapshot({ heavy: all, middle: all, light: all })))).toEqual({ heavy: 1, middle: 2, light: 2 });
  });

  it('leaves a group with its holder on a tie, so a joining process moves only what balances the load', () => {
    const all = [1, 2];
    const held = { heavy: 2, middle: 2, light: 2 };
    expect(Object.fromEntries(assignGroups(WEIGHTED, snapshot({ heavy: all, middle: all, light: all }, held)))).toEqual({ heavy: 2, middle: 1, light: 1 });
  });

  it('gives each of three processes one group, and a process only the groups it may take', () => {
    const all = [1, 2, 3];
    expect(new Set(assignGroups(WEIGHTED, snapshot({ heavy: all, middle: all, light: all })).values()).size).toBe(3);
    expect(Object.fromEntries(assignGroups(WEIGHTED, snapshot({ heavy: [2], middle: [1, 2], light: [] })))).toEqual({ heavy: 2, middle: 1 });
  });
});

describe('PROJECTION_GROUPS', () => {
  it('holds every projection exactly once, with a positive weight', () => {
    const grouped = PROJECTION_GROUPS.flatMap((g) => g.projections.map((p) => p.name));
    expect(grouped.sort()).toEqual(ALL_PROJECTIONS.map((p) => p.name).sort());
    expect(new Set(PROJECTION_GROUPS.map((g) => g.name)).size).toBe(PROJECTION_GROUPS.length);
    for (const g of PROJECTION_GROUPS) expect(g.weight).toBeGreaterThan(0);
  });

  it('are the groups the configuration accepts in PROJECTION_GROUPS', () => {
    expect(PROJECTION_GROUPS.map((g) => g.name)).toEqual([...PROJECTION_GROUP_NAMES]);
  });
});

/** Inserts without ON CONFLICT: a second application of any event fails loudly. */
const strict = (name: string, type: string): Projection => ({
  name,
  handles: [type],
  async apply(events, db: ReadDb) {
    for (const e of events) await db.query(`INSERT INTO ${db.schema}.t_applied (projection, position) VALUES ($1, $2)`, [name, String(e.position)]);
  },
});

async function until(condition: () => boolean | Promise<boolean>, timeoutMs: number): Promise<void> {
  const started = Date.now();
  while (!(await condition())) {
    if (Date.now() - started > timeoutMs) throw new Error(`not within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

describeOnServer('groupLeases on its one connection (PostgreSQL server)', () => {
  it('sends one query at a time: groups acquired and released together while the timer reads pg_locks', async () => {
    const busy = pgBusyQueries();
    const groups = ['w', 'x', 'y', 'z'].map((name) => ({ name, weight: 1 }));
    const leases = groupLeases({ connectionString: TEST_DATABASE_URL }, { scope: `busy_${randomUUID()}`, groups, candidateFor: groups.map((g) => g.name), retryMs: 5 });
    const signal = new AbortController().signal;
    try {
      for (let round = 0; round < 5; round++) {
        const held = await Promise.all(groups.map((g) => leases.acquire(g.name, signal)));
        expect(held.map((l) => l?.held)).toEqual([true, true, true, true]);
        await Promise.all(held.map((l) => l!.release()));
      }
    } finally {
      await leases.close!();
      busy.stop();
    }
    expect(busy.seen).toEqual([]);
  });
});

describeOnServer('Projection groups shared by processes (PostgreSQL server)', () => {
  let f: ReadModelFixture;
  const errors: unknown[] = [];
  const groups: ProjectionGroup[] = [
    { name: 'a', weight: 3, projections: [strict('a.v1', 'A')] },
    { name: 'b', weight: 2, projections: [strict('b.v1', 'B')] },
    { name: 'c', weight: 1, projections: [strict('c.v1', 'C')] },
  ];
  beforeAll(async () => {
    f = await openReadModelFixture('server');
    await f.read.db.query(`CREATE TABLE ${f.read.schema}.t_applied (projection text, position bigint, PRIMARY KEY (projection, position))`);
  });
  afterAll(async () => f?.dispose());

  const member = (selected?: string[]) =>
    new ProjectionGroups(f.t.store, f.read, groups, groupLeases(f.t.db.clientConfig!, { scope: f.read.schema, groups, candidateFor: selected ?? groups.map((g) => g.name), retryMs: 100 }), {
      selected,
      retryMs: 100,
      onError: (e) => errors.push(e),
    });
  const append = async (n: number) => {
    let last = 0n;
    for (let i = 0; i < n; i++) last = (await f.t.store.append(`s-${i % 3}`, ['A', 'B', 'C'].map((type) => ({ id: randomUUID(), type, data: {} })))).position;
    return last;
  };

  it('two processes share the groups; when one stops, the other takes its groups over and nothing is applied twice or lost', async () => {
    const one = member();
    const two = member();
    one.start();
    two.start();
    await until(() => one.heldGroups.length + two.heldGroups.length === 3 && one.heldGroups.length > 0 && two.heldGroups.length > 0, 10_000);
    expect([...one.heldGroups, ...two.heldGroups].sort()).toEqual(['a', 'b', 'c']);
    const status = await one.status();
    expect(status.every((g) => g.holder?.startsWith('rm-projections'))).toBe(true);
    const first = await append(5);
    await until(async () => (await one.refreshCheckpoints(), one.position >= first), 10_000);

    await one.stop(); // its lease connection closes, as when the process dies
    const second = await append(5);
    await until(() => two.leaseHeld && two.position >= second, 10_000);
    expect(two.heldGroups.sort()).toEqual(['a', 'b', 'c']);
    const rows = await f.read.db.query<{ projection: string; n: number }>(`SELECT projection, count(*)::int AS n FROM ${f.read.schema}.t_applied GROUP BY projection ORDER BY projection`);
    expect(rows).toEqual([{ projection: 'a.v1', n: 10 }, { projection: 'b.v1', n: 10 }, { projection: 'c.v1', n: 10 }]);
    await two.stop();
    expect(errors).toEqual([]);
  });

  it('a process limited to some groups never takes another', async () => {
    const limited = member(['c']);
    const full = member();
    limited.start();
    await until(() => limited.heldGroups.length === 1, 10_000);
    await new Promise((r) => setTimeout(r, 300));
    expect(limited.heldGroups).toEqual(['c']);
    full.start();
    await until(() => full.heldGroups.length === 2, 10_000);
    expect(full.heldGroups.sort()).toEqual(['a', 'b']);
    await Promise.all([limited.stop(), full.stop()]);
    expect(() => member(['nope'])).toThrow(/PROJECTION_GROUPS: "nope" is not a projection group; the groups are a, b, c/);
  });
});
