import { randomUUID } from 'node:crypto';
import { describeOnServer, openKurrentDbOnTestDouble, type KurrentDbOnTestDouble } from '@rm/event-store/testing';
import { openReadModelFixture, type ReadModelFixture } from '../testing/read-model-fixture.js';
import type { Projection, ReadDb } from './projection.js';

/** A projection that counts the events it sees, per type, keyed by position so re-applying is a no-op. */
function countingProjection(name: string, handles: string[], failOn?: { position?: bigint; type?: string }): Projection & { applied: number } {
  const p = {
    name,
    handles,
    applied: 0,
    async apply(events: readonly { position: bigint; type: string }[], db: ReadDb) {
      for (const e of events) {
        if (failOn?.position === e.position) throw new Error('killed mid-batch');
        if (failOn?.type === e.type) throw new Error('date/time field value out of range');
        await db.query(`INSERT INTO ${db.schema}.t_seen VALUES ($1, $2, $3) ON CONFLICT DO NOTHING`, [name, String(e.position), e.type]);
        p.applied++;
      }
    },
  };
  return p;
}

const newEvent = (type: string) => ({ id: randomUUID(), type, data: { n: 1 } });

function runnerSpecs(kind: 'server' | 'embedded', log?: () => Promise<KurrentDbOnTestDouble>) {
  let f: ReadModelFixture;
  let kurrent: KurrentDbOnTestDouble | undefined;
  beforeAll(async () => {
    kurrent = await log?.();
    f = await openReadModelFixture(kind, { log: kurrent?.store });
    await f.read.db.query(`CREATE TABLE ${f.read.schema}.t_seen (projection text, position bigint, type text, PRIMARY KEY (projection, position))`);
  });
  afterAll(async () => {
    await f?.dispose();
    await kurrent?.dispose();
  });

  const seen = async (name: string) =>
    (await f.read.db.query<{ type: string }>(`SELECT type FROM ${f.read.schema}.t_seen WHERE projection = $1 ORDER BY position`, [name])).map((r) => r.type);

  it('applies handled events, ignores the rest, and stores the checkpoint with them', async () => {
    const { position } = await f.store.append('s-1', [newEvent('Wanted'), newEvent('Other'), newEvent('Wanted')]);
    const p = countingProjection('count.v1', ['Wanted']);
    const runner = f.runner([p]);
    await runner.catchUp(position);
    expect(await seen('count.v1')).toEqual(['Wanted', 'Wanted']);
    expect(runner.position >= position).toBe(true);
  });

  it('follows live appends and answers waitFor', async () => {
    const p = countingProjection('live.v1', ['Live']);
    const runner = f.runner([p]);
    runner.start();
    const { position } = await f.store.append('s-2', [newEvent('Live')]);
    expect(await runner.waitFor(position, 10_000)).toBe(true);
    expect(await seen('live.v1')).toEqual(['Live']);
    await runner.stop();
  });

  it('a runner killed mid-batch resumes to the same state as a clean run', async () => {
    const first = await f.store.append('s-3', [newEvent('K'), newEvent('K'), newEvent('K')]);
    const failing = countingProjection('killed.v1', ['K'], { position: first.position });
    const broken = f.runner([failing]);
    broken.start();
    // A bounded probe, not a sleep: the runner has applied what comes before the event at fault.
    for (const deadline = Date.now() + 20_000; (await seen('killed.v1')).length < 2 && Date.now() < deadline; ) await new Promise((r) => setTimeout(r, 20));
    await broken.stop();
    expect(await seen('killed.v1')).toEqual(['K', 'K']); // the events before the one at fault; its transaction rolled back
    const resumed = f.runner([countingProjection('killed.v1', ['K'])]);
    await resumed.catchUp(first.position);
    const clean = f.runner([countingProjection('clean.v1', ['K'])]);
    await clean.catchUp(first.position);
    expect(await seen('killed.v1')).toEqual(await seen('clean.v1'));
    expect(resumed.position >= first.position).toBe(true);
  });

  it('a projection that cannot apply an event is stuck before it, names it, and reports it instead of spinning', async () => {
    const good = await f.store.append('s-4', [newEvent('Fine'), newEvent('Fine')]);
    const bad = await f.store.append('s-4', [newEvent('Poison')]);
    const after = await f.store.append('s-4', [newEvent('Fine')]);
    const [, , poison] = await f.store.readStream('s-4');
    const retries: unknown[] = [];
    const runner = f.runner([countingProjection('stuck.v1', ['Fine', 'Poison'], { type: 'Poison' })], { retryMs: 20, onError: (e: unknown) => retries.push(e) });
    await expect(runner.catchUp(after.position)).rejects.toThrow(`projection stuck.v1 cannot apply event ${poison.id} (Poison) at position ${bad.position}: date/time field value out of range`);
    expect(await seen('stuck.v1')).toEqual(['Fine', 'Fine']); // everything before the event at fault is applied
    expect(runner.position >= good.position && runner.position < bad.position).toBe(true);
    expect(runner.faultBefore(after.position)).toMatchObject({ projection: 'stuck.v1', position: bad.position, eventId: poison.id, eventType: 'Poison', streamId: 's-4' });
    expect(runner.faultBefore(good.position)).toBeUndefined();

    const live = f.runner([countingProjection('stuck.v1', ['Fine', 'Poison'], { type: 'Poison' })], { retryMs: 20, onError: (e: unknown) => retries.push(e) });
    live.start();
    expect(await live.waitFor(after.position, 60_000)).toBe(false); // at once, not after the timeout
    const watcher = f.runner([countingProjection('stuck.v1', ['Fine', 'Poison'])]);
    const deadline = Date.now() + 30_000;
    while ((watcher.faults[0]?.attempts ?? 0) < 3 && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 10)); // a bounded probe of what the live runner stored
      await watcher.refreshCheckpoints();
    }
    await live.stop();
    const [fault] = watcher.faults;
    expect(fault).toMatchObject({ projection: 'stuck.v1', position: bad.position, eventId: poison.id, error: 'date/time field value out of range' });
    expect(fault.attempts).toBeGreaterThanOrEqual(3);
    // Backoff, not a spin. Attempt 1 was catchUp's (which stops at once), attempt 2 the live runner's
    // first; attempt 3 comes after the doubled pause (2 × 20 ms): at least 40 ms after the first.
    expect(fault.lastFailedAt.getTime() - fault.firstFailedAt.getTime()).toBeGreaterThanOrEqual(40);
    expect(retries).toHaveLength(1); // logged when it starts failing, not on every retry (nor again by the next runner)

    const fixed = f.runner([countingProjection('stuck.v1', ['Fine', 'Poison'])]);
    await fixed.catchUp(after.position);
    expect(await seen('stuck.v1')).toEqual(['Fine', 'Fine', 'Poison', 'Fine']);
    await watcher.refreshCheckpoints();
    expect(watcher.faults).toEqual([]);
  });
}

describe('ProjectionRunner on embedded PGlite', () => runnerSpecs('embedded'));
describeOnServer('ProjectionRunner on a PostgreSQL server', () => runnerSpecs('server'));
describe('ProjectionRunner following KurrentDB (server test double), read models on embedded PGlite', () => runnerSpecs('embedded', () => openKurrentDbOnTestDouble()));
