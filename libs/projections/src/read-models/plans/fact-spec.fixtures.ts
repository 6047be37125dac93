import { randomUUID } from 'node:crypto';
import type { EventMetadata, NewEvent } from '@rm/event-store';
import { toProjected, type Projection, type ProjectedEvent } from '../../runner/projection.js';
import type { ReadModelFixture } from '../../testing/read-model-fixture.js';
import { resolveTimeTravel, type TimeTravel } from '../../time-travel/time-travel.js';

/** Test helpers shared by the plans, partners and workforce fact specs. */
export const event = (type: string, data: object, metadata?: EventMetadata): NewEvent => ({
  id: randomUUID(),
  type,
  data: data as NewEvent['data'],
  metadata,
});

/** A historical import: known when reported, effective then unless the event has its own date. */
export const imported = (reportedAt: string): EventMetadata => ({
  imported: true,
  reportedAt,
  effectiveAt: reportedAt,
});

/** Appends to one stream and lets the projection catch up; returns the last position. */
export async function project(
  f: ReadModelFixture,
  projection: Projection,
  streamId: string,
  events: NewEvent[],
): Promise<bigint> {
  const { position } = await f.t.store.append(streamId, events);
  await f.runner([projection]).catchUp(position);
  return position;
}

/** A table's rows in position order, as plain values for comparison. */
export async function tableRows(
  f: ReadModelFixture,
  table: string,
): Promise<Record<string, unknown>[]> {
  const rows = await f.read.db.query(`SELECT * FROM ${f.read.schema}.${table} ORDER BY position`);
  return JSON.parse(JSON.stringify(rows)) as Record<string, unknown>[];
}

export async function snapshot(
  f: ReadModelFixture,
  tables: readonly string[],
): Promise<Record<string, Record<string, unknown>[]>> {
  const all: Record<string, Record<string, unknown>[]> = {};
  for (const table of tables) all[table] = await tableRows(f, table);
  return all;
}

/** The whole log as projections see it. */
export async function projectedLog(f: ReadModelFixture): Promise<ProjectedEvent[]> {
  return (await f.t.store.readAll({ limit: 10_000 })).map(toProjected);
}

/** Applies every handled event of the log twice in one read transaction. */
export async function applyLogTwice(f: ReadModelFixture, projection: Projection): Promise<void> {
  const mine = (await projectedLog(f)).filter((e) => projection.handles.includes(e.type));
  await f.read.transaction(async (db) => {
    await projection.apply(mine, db);
    await projection.apply(mine, db);
  });
}

export const at = (asOf: string, knownAt: string | undefined, position: bigint): TimeTravel =>
  resolveTimeTravel({ asOf, knownAt }, new Date(), position);

/** Events no plan, partner or workforce projection handles. */
export const unrelatedEvents = (): NewEvent[] => [
  event('FigureRecorded', {
    indicatorId: 'da-risk-assessment',
    figureId: 'f-1',
    value: 686,
    effectiveAt: '2019-11-01',
  }),
  event('IndicatorRegistered', { indicatorId: 'marac-referrals' }),
  event('SomethingElse', { planId: 'iops-2019', partnerId: 'cps' }),
];

/**
 * Disposes a fixture. The PGlite pg-module's Pool.end ignores TypeORM's callback, so
 * DataSource.destroy() never resolves on PGlite; calling the callback here is harmless once it does.
 */
export async function disposeFixture(f: ReadModelFixture | undefined): Promise<void> {
  if (!f) return;
  const pool = (
    f.read.dataSource.driver as unknown as {
      master?: { end: (done?: (err?: Error) => void) => unknown };
    }
  ).master;
  if (pool) {
    const end = pool.end.bind(pool);
    pool.end = (done) => {
      const ended = end();
      done?.();
      return ended;
    };
  }
  await f.dispose();
}

/**
 * The specs every fact projection shares: the same batch twice changes nothing (`filled` must
 * hold rows by then), and events of other streams are passed over without a write.
 */
export function idempotenceSpecs(fixture: () => ReadModelFixture, projection: Projection, tables: readonly string[], filled: string, unrelatedStream: string): void {
  it('the same batch applied twice changes nothing', async () => {
    const f = fixture();
    const before = await snapshot(f, tables);
    expect(before[filled].length).toBeGreaterThan(0);
    await applyLogTwice(f, projection);
    expect(await snapshot(f, tables)).toEqual(before);
  });

  it('ignores unrelated events', async () => {
    const f = fixture();
    const before = await snapshot(f, tables);
    const runner = f.runner([projection]);
    const { position } = await f.t.store.append(unrelatedStream, unrelatedEvents());
    await runner.catchUp(position);
    expect(runner.position).toBeGreaterThanOrEqual(position);
    expect(await snapshot(f, tables)).toEqual(before);
  });
}
