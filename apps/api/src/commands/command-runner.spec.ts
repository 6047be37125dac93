import { randomUUID } from 'node:crypto';
import { backlogItemDecider, backlogItemStream, type RecordItemLines } from '@rm/domain';
import { WrongExpectedRevision, type EventStore, type StreamAppend } from '@rm/event-store';
import { openTestStore, type TestStore } from '@rm/event-store/testing';
import type { CommandContext } from './command-context.js';
import { CommandRunner } from './command-runner.js';

const ctx = (): CommandContext => ({ actor: { sub: 'po-1', roles: ['programme-office'] }, commandId: randomUUID(), correlationId: randomUUID(), now: new Date().toISOString() });

const opened = (indicatorId: string, ref: string): RecordItemLines => ({
  type: 'RecordItemLines',
  data: { indicatorId, ref, lines: [{ ref, event: 'opened', at: '2019-08-01', field: 'items[0]' }] },
  now: new Date().toISOString(),
});

describe('CommandRunner.runMany on embedded PGlite', () => {
  let t: TestStore;
  beforeAll(async () => {
    t = await openTestStore('embedded');
  });
  afterAll(async () => t?.dispose());

  it('writes a batch with one append; a race on one stream fails the whole append, which is decided again on fresh state', async () => {
    const indicatorId = `ind-${randomUUID().slice(0, 8)}`;
    const refs = ['A', 'B', 'C'];
    const streams = refs.map((ref) => backlogItemStream(indicatorId, ref));
    const calls: { writes: readonly StreamAppend[]; writtenAfterFailure?: number }[] = [];
    // Another writer opens item B between the runner's decision and its first append.
    const racing = new Proxy(t.store, {
      get(target, key, receiver) {
        if (key !== 'appendMany') return Reflect.get(target, key, receiver);
        return async (writes: readonly StreamAppend[]) => {
          const call: (typeof calls)[number] = { writes };
          calls.push(call);
          if (calls.length === 1) {
            await target.append(streams[1], [{ id: randomUUID(), type: 'BacklogItemOpened', data: { indicatorId, ref: 'B', at: '2019-07-31' } }]);
            const err = await target.appendMany(writes).catch((e: unknown) => e);
            call.writtenAfterFailure = (await target.readStream(streams[0])).length + (await target.readStream(streams[2])).length;
            throw err;
          }
          return target.appendMany(writes);
        };
      },
    }) as EventStore;
    const runner = new CommandRunner(racing);

    const results = await runner.runMany(refs.map((ref, i) => ({ decider: backlogItemDecider, streamId: streams[i], command: opened(indicatorId, ref) })), ctx());

    expect(calls).toHaveLength(2);
    expect(calls[0].writes.map((w) => w.streamId)).toEqual(streams);
    expect(calls[0].writtenAfterFailure).toBe(0);
    // Decided again: B is open already, so only A and C are written.
    expect(calls[1].writes.map((w) => w.streamId)).toEqual([streams[0], streams[2]]);
    expect(results.map((r) => [r.streamId, r.revision, r.changed])).toEqual([
      [streams[0], 0n, true],
      [streams[1], 0n, false],
      [streams[2], 0n, true],
    ]);
    for (const s of streams) expect(await t.store.readStream(s)).toHaveLength(1);
  });

  it('refuses the batch and writes nothing when one command is refused on its state', async () => {
    const indicatorId = `ind-${randomUUID().slice(0, 8)}`;
    const streams = ['A', 'B'].map((ref) => backlogItemStream(indicatorId, ref));
    const graded: RecordItemLines = { ...opened(indicatorId, 'B'), data: { indicatorId, ref: 'B', lines: [{ ref: 'B', event: 'graded', at: '2019-08-02', risk: 'high', field: 'items[1]' }] } };
    const runner = new CommandRunner(t.store);
    await expect(
      runner.runMany([{ decider: backlogItemDecider, streamId: streams[0], command: opened(indicatorId, 'A') }, { decider: backlogItemDecider, streamId: streams[1], command: graded }], ctx()),
    ).rejects.toMatchObject({ code: 'ITEM.NOT_OPENED' });
    expect(await t.store.readStream(streams[0])).toEqual([]);
  });

  it('gives up after repeated races with the store error', async () => {
    const indicatorId = `ind-${randomUUID().slice(0, 8)}`;
    const stream = backlogItemStream(indicatorId, 'A');
    const always = new Proxy(t.store, {
      get: (target, key, receiver) =>
        key === 'appendMany' ? async () => Promise.reject(new WrongExpectedRevision(stream, 'no-stream', 0n)) : Reflect.get(target, key, receiver),
    }) as EventStore;
    await expect(new CommandRunner(always).runMany([{ decider: backlogItemDecider, streamId: stream, command: opened(indicatorId, 'A') }], ctx())).rejects.toBeInstanceOf(WrongExpectedRevision);
  });
});
