import { randomUUID } from 'node:crypto';
import { EventIdConflict, InvalidAppend, WrongExpectedRevision } from '../event-store.errors.js';
import type { EventStore, NewEvent, RecordedEvent } from '../event-store.port.js';
import { MAX_EVENT_BYTES } from '../event-store.validation.js';

export interface ContractStore {
  store: EventStore;
  dispose(): Promise<void>;
}

/** Opens a fresh store. Tests read from the head they saw first, so the log need not be empty. */
export type ContractStoreFactory = () => Promise<ContractStore>;

export interface ContractOptions {
  /** A store whose log already lies beyond 2^53 (where the adapter can place it), to prove positions stay exact. */
  openBeyondSafeIntegers?: ContractStoreFactory;
}

export const event = (type = 'FigureRecorded', data: Record<string, unknown> = { value: 686 }): NewEvent => ({
  id: randomUUID(),
  type,
  data,
  metadata: { actor: { sub: 'po-1', name: 'Programme Office' }, correlationId: randomUUID() },
});

const stream = () => `indicator-${randomUUID().slice(0, 8)}`;

async function collect(iterable: AsyncIterable<RecordedEvent>, count: number): Promise<RecordedEvent[]> {
  const seen: RecordedEvent[] = [];
  for await (const e of iterable) {
    seen.push(e);
    if (seen.length === count) break;
  }
  return seen;
}

/**
 * Reads the global log until `count` events show. On a shared server another session's open
 * transaction holds back what readers may see (gap safety), so visibility can lag an append.
 */
async function readAllSettled(
  store: EventStore,
  count: number,
  options: Parameters<EventStore['readAll']>[0],
  keep: (e: RecordedEvent) => boolean = () => true,
): Promise<RecordedEvent[]> {
  const deadline = Date.now() + 15_000;
  for (;;) {
    // A head read while another test's append was still invisible lies before that append: keep only this test's streams.
    const events = (await store.readAll(options)).filter(keep);
    if (events.length >= count || Date.now() > deadline) return events;
    await new Promise((r) => setTimeout(r, 25));
  }
}

/** The behaviour every EventStore adapter must have. Call inside a describe block of the adapter's spec. */
export function eventStoreContract(open: ContractStoreFactory, options: ContractOptions = {}): void {
  let ctx: ContractStore;
  let store: EventStore;
  /** A case whose expectation differs where appendMany is not all or nothing: the title says which. */
  const atomicCase = (title: string) => `${title} (where appendMany is atomic; otherwise its documented weaker result)`;
  beforeAll(async () => {
    ctx = await open();
    store = ctx.store;
  });
  afterAll(async () => ctx?.dispose());

  describe('append and read', () => {
    it('round-trips id, type, data, metadata and store-assigned fields', async () => {
      const s = stream();
      const e = event('IndicatorRegistered', { id: 'da-risk-assessment', baseline: { value: 0 }, nested: [1, 'two', null] });
      const before = new Date(Date.now() - 1000);
      const result = await store.append(s, [e], { expectedRevision: 'no-stream' });
      const [read] = await store.readStream(s);
      expect(read).toMatchObject({ id: e.id, type: e.type, streamId: s, data: e.data, metadata: e.metadata, revision: 0n });
      expect(read.position).toBe(result.position);
      expect(result.revision).toBe(0n);
      expect(typeof read.position).toBe('bigint');
      expect(read.recordedAt.getTime()).toBeGreaterThanOrEqual(before.getTime());
      expect(read.recordedAt.getTime()).toBeLessThanOrEqual(Date.now() + 1000);
    });

    it('appends a batch atomically with consecutive revisions and increasing positions', async () => {
      const s = stream();
      const batch = Array.from({ length: 5 }, (_, i) => event('FigureRecorded', { value: i }));
      const result = await store.append(s, batch);
      const read = await store.readStream(s);
      expect(read.map((e) => e.revision)).toEqual([0n, 1n, 2n, 3n, 4n]);
      expect(read.map((e) => e.id)).toEqual(batch.map((e) => e.id));
      for (let i = 1; i < read.length; i++) expect(read[i].position > read[i - 1].position).toBe(true);
      expect(result).toEqual({ revision: 4n, position: read[4].position });
    });

    it('reads a stream forwards and backwards, from a revision, up to a count', async () => {
      const s = stream();
      await store.append(s, Array.from({ length: 6 }, (_, i) => event('FigureRecorded', { value: i })));
      expect((await store.readStream(s, { fromRevision: 2n, maxCount: 3 })).map((e) => e.revision)).toEqual([2n, 3n, 4n]);
      expect((await store.readStream(s, { direction: 'backwards', maxCount: 2 })).map((e) => e.revision)).toEqual([5n, 4n]);
      expect((await store.readStream(s, { direction: 'backwards', fromRevision: 1n })).map((e) => e.revision)).toEqual([1n, 0n]);
      expect(await store.readStream(stream())).toEqual([]);
    });

    it('reads several streams at once, each from its revision, in the order asked', async () => {
      const [a, b, missing] = [stream(), stream(), stream()];
      await store.append(a, [event('A0'), event('A1'), event('A2')]);
      await store.append(b, [event('B0')]);
      const read = await store.readStreams([{ streamId: b }, { streamId: missing }, { streamId: a, fromRevision: 1n }]);
      expect(read.map((events) => events.map((e) => e.type))).toEqual([['B0'], [], ['A1', 'A2']]);
      expect(read[2].map((e) => [e.streamId, e.revision])).toEqual([[a, 1n], [a, 2n]]);
      expect(await store.readStreams([])).toEqual([]);
      await expect(store.readStreams([{ streamId: a }, { streamId: 'a b' }])).rejects.toMatchObject({ field: 'reads[1].streamId' });
    });

    it('orders readAll by global position, across streams, in append order', async () => {
      const a = stream();
      const b = stream();
      const start = await store.headPosition();
      await store.append(a, [event('A1')]);
      await store.append(b, [event('B1')]);
      await store.append(a, [event('A2'), event('A3')]);
      const all = await readAllSettled(store, 4, { after: start }, (e) => e.streamId === a || e.streamId === b);
      expect(all.map((e) => e.type)).toEqual(['A1', 'B1', 'A2', 'A3']);
      expect(await store.headPosition()).toBe(all[3].position);
      const page = await store.readAll({ after: all[0].position, limit: 2 });
      expect(page.map((e) => e.type)).toEqual(['B1', 'A2']);
      const typed = (await store.readAll({ after: start, types: ['A2', 'B1'] })).filter((e) => e.streamId === a || e.streamId === b);
      expect(typed.map((e) => e.type)).toEqual(['B1', 'A2']);
    });
  });

  describe('expected revision', () => {
    it("'no-stream' succeeds on a new stream and conflicts on an existing one", async () => {
      const s = stream();
      await expect(store.append(s, [event()], { expectedRevision: 'no-stream' })).resolves.toMatchObject({ revision: 0n });
      const err = await store.append(s, [event()], { expectedRevision: 'no-stream' }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(WrongExpectedRevision);
      expect(err).toMatchObject({ streamId: s, expected: 'no-stream', actual: 0n, code: 'EVENT_STORE.WRONG_EXPECTED_REVISION' });
    });

    it("'exists' conflicts on a new stream and succeeds on an existing one", async () => {
      const s = stream();
      const err = await store.append(s, [event()], { expectedRevision: 'exists' }).catch((e: unknown) => e);
      expect(err).toMatchObject({ expected: 'exists', actual: undefined });
      expect(err).toBeInstanceOf(WrongExpectedRevision);
      await store.append(s, [event()]);
      await expect(store.append(s, [event()], { expectedRevision: 'exists' })).resolves.toMatchObject({ revision: 1n });
    });

    it('an exact revision succeeds when current and conflicts with expected and actual when stale', async () => {
      const s = stream();
      await store.append(s, [event(), event()]);
      await expect(store.append(s, [event()], { expectedRevision: 1n })).resolves.toMatchObject({ revision: 2n });
      const err = await store.append(s, [event()], { expectedRevision: 1n }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(WrongExpectedRevision);
      expect(err).toMatchObject({ expected: 1n, actual: 2n });
      const missing = await store.append(stream(), [event()], { expectedRevision: 0n }).catch((e: unknown) => e);
      expect(missing).toMatchObject({ expected: 0n, actual: undefined });
    });

    it("'any' appends whatever the stream's state", async () => {
      const s = stream();
      await expect(store.append(s, [event()], { expectedRevision: 'any' })).resolves.toMatchObject({ revision: 0n });
      await expect(store.append(s, [event()])).resolves.toMatchObject({ revision: 1n });
    });

    it('writes nothing on a conflict', async () => {
      const s = stream();
      await store.append(s, [event()]);
      await store.append(s, [event(), event()], { expectedRevision: 5n }).catch(() => undefined);
      expect(await store.readStream(s)).toHaveLength(1);
    });
  });

  describe('idempotent retries', () => {
    it('re-appending the same events returns the original result and writes nothing', async () => {
      const s = stream();
      const batch = [event('FigureRecorded', { value: 604, b: 1, a: 2 }), event()];
      const start = await store.headPosition();
      const first = await store.append(s, batch, { expectedRevision: 'no-stream' });
      const reordered = [{ ...batch[0], data: { a: 2, value: 604, b: 1 } }, batch[1]];
      await expect(store.append(s, reordered, { expectedRevision: 'no-stream' })).resolves.toEqual(first);
      await expect(store.append(s, batch, { expectedRevision: 'any' })).resolves.toEqual(first);
      await expect(store.append(s, batch, { expectedRevision: 0n })).resolves.toEqual(first);
      expect(await store.readStream(s)).toHaveLength(2);
      expect(await readAllSettled(store, 3, { after: start }, (e) => e.streamId === s)).toHaveLength(2);
    });

    it('rejects a known id with different content, and a retry mixing old and new ids', async () => {
      const s = stream();
      const e = event('FigureRecorded', { value: 1 });
      await store.append(s, [e]);
      await expect(store.append(s, [{ ...e, data: { value: 2 } }])).rejects.toBeInstanceOf(EventIdConflict);
      await expect(store.append(s, [{ ...e, type: 'Other' }])).rejects.toBeInstanceOf(EventIdConflict);
      await expect(store.append(s, [e, event()])).rejects.toBeInstanceOf(EventIdConflict);
      expect(await store.readStream(s)).toHaveLength(1);
    });
  });

  describe('appendMany', () => {
    it('appends to several streams with one result per write, positions in the order given', async () => {
      const [a, b, c] = [stream(), stream(), stream()];
      // From B0's own position: a head read now could lie before B0 while another session's transaction holds it back.
      const { position: start } = await store.append(b, [event('B0')]);
      const results = await store.appendMany([
        { streamId: c, events: [event('C0'), event('C1')], expectedRevision: 'no-stream' },
        { streamId: a, events: [event('A0')] },
        { streamId: b, events: [event('B1')], expectedRevision: 0n },
      ]);
      const mine = (e: RecordedEvent) => [a, b, c].includes(e.streamId);
      const all = await readAllSettled(store, 4, { after: start }, mine);
      expect(all.map((e) => e.type)).toEqual(['C0', 'C1', 'A0', 'B1']);
      expect(results).toEqual([
        { revision: 1n, position: all[1].position },
        { revision: 0n, position: all[2].position },
        { revision: 1n, position: all[3].position },
      ]);
      expect((await store.readStream(b)).map((e) => e.type)).toEqual(['B0', 'B1']);
    });

    it(atomicCase('writes nothing in any stream when one expected revision fails'), async () => {
      const [a, b, c] = [stream(), stream(), stream()];
      await store.append(b, [event('B0'), event('B1')]);
      const err = await store
        .appendMany([
          { streamId: a, events: [event('A0')], expectedRevision: 'no-stream' },
          { streamId: b, events: [event('B2')], expectedRevision: 0n },
          { streamId: c, events: [event('C0')] },
        ])
        .catch((e: unknown) => e);
      expect(err).toBeInstanceOf(WrongExpectedRevision);
      expect(err).toMatchObject({ streamId: b, expected: 0n, actual: 1n });
      const written = { a: (await store.readStream(a)).length, b: (await store.readStream(b)).length, c: (await store.readStream(c)).length };
      // KurrentDB appends one write after another: the one before the conflict stays written.
      expect(written).toEqual(store.appendManyIsAtomic ? { a: 0, b: 2, c: 0 } : { a: 1, b: 2, c: 0 });
    });

    it('a repeat of the same writes returns the original results and writes nothing twice', async () => {
      const [a, b] = [stream(), stream()];
      const writes = [
        { streamId: a, events: [event('A0', { value: 1, b: 2 }), event('A1')], expectedRevision: 'no-stream' as const },
        { streamId: b, events: [event('B0')] },
      ];
      const start = await store.headPosition();
      const first = await store.appendMany(writes);
      await expect(store.appendMany(writes)).resolves.toEqual(first);
      const reordered = [{ ...writes[0], events: [{ ...writes[0].events[0], data: { b: 2, value: 1 } }, writes[0].events[1]] }, writes[1]];
      await expect(store.appendMany(reordered)).resolves.toEqual(first);
      expect(await store.readStream(a)).toHaveLength(2);
      expect(await readAllSettled(store, 4, { after: start }, (e) => e.streamId === a || e.streamId === b)).toHaveLength(3);
    });

    it(atomicCase('a repeat with a changed event is refused and writes nothing in any stream'), async () => {
      const [a, b, c] = [stream(), stream(), stream()];
      const e = event('A0', { value: 1 });
      await store.append(b, [e]);
      const err = await store
        .appendMany([
          { streamId: a, events: [event('A0')] },
          { streamId: b, events: [{ ...e, data: { value: 2 } }] },
          { streamId: c, events: [event('C0')] },
        ])
        .catch((x: unknown) => x);
      expect(err).toBeInstanceOf(EventIdConflict);
      const counts = [(await store.readStream(a)).length, (await store.readStream(b)).length, (await store.readStream(c)).length];
      expect(counts).toEqual(store.appendManyIsAtomic ? [0, 1, 0] : [1, 1, 0]);
    });

    it.each([
      ['no writes', () => [], 'writes'],
      ['a stream named twice', () => { const s = stream(); return [{ streamId: s, events: [event()] }, { streamId: s, events: [event()] }]; }, 'writes[1].streamId'],
      ['a bad stream id', () => [{ streamId: stream(), events: [event()] }, { streamId: 'a b', events: [event()] }], 'writes[1].streamId'],
      ['an empty write', () => [{ streamId: stream(), events: [event()] }, { streamId: stream(), events: [] }], 'writes[1].events'],
      ['a bad event', () => [{ streamId: stream(), events: [event(), { ...event(), id: 'x' }] }], 'writes[0].events[1].id'],
      ['a bad expected revision', () => [{ streamId: stream(), events: [event()], expectedRevision: -1n }], 'writes[0].expectedRevision'],
    ] as [string, () => { streamId: string; events: NewEvent[]; expectedRevision?: bigint }[], string][])('rejects %s with the field named, writing nothing', async (_label, make, field) => {
      const writes = make();
      const err = await store.appendMany(writes).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(InvalidAppend);
      expect((err as InvalidAppend).field).toBe(field);
      for (const w of writes) if (w.streamId !== 'a b') expect(await store.readStream(w.streamId)).toEqual([]);
    });

    it('concurrent batches over the same streams, in different orders, all land with no gap and no lost write', async () => {
      const streams = Array.from({ length: 6 }, stream);
      const head = await store.headPosition();
      const controller = new AbortController();
      const batches = 12;
      const seen = collect(
        (async function* () {
          for await (const e of store.subscribe({ after: head, signal: controller.signal })) if (streams.includes(e.streamId)) yield e;
        })(),
        batches * 3,
      );
      const results = await Promise.all(
        Array.from({ length: batches }, (_, i) => {
          const picked = [streams[i % 6], streams[(i + 2) % 6], streams[(i + 5) % 6]];
          return store.appendMany((i % 2 ? picked.reverse() : picked).map((s) => ({ streamId: s, events: [event(`B${i}`)] })));
        }),
      );
      const delivered = await seen;
      controller.abort();
      expect(results.flat()).toHaveLength(batches * 3);
      let total = 0;
      for (const s of streams) {
        const read = await store.readStream(s);
        expect(read.map((e) => e.revision)).toEqual(read.map((_, r) => BigInt(r)));
        total += read.length;
      }
      expect(total).toBe(batches * 3);
      const positions = delivered.map((e) => e.position);
      expect(new Set(positions).size).toBe(batches * 3);
      expect([...positions].sort((x, y) => (x < y ? -1 : x > y ? 1 : 0))).toEqual(positions);
      if (store.appendManyIsAtomic)
        for (let i = 0; i < batches; i++) {
          // One transaction: a batch's events are next to each other in the log.
          const at = delivered.map((e, k) => (e.type === `B${i}` ? k : -1)).filter((k) => k >= 0);
          expect(at[2] - at[0]).toBe(2);
        }
    });

    it(atomicCase('of batches racing to create the same streams, one wins whole and the rest write nothing'), async () => {
      const streams = Array.from({ length: 4 }, stream);
      const settled = await Promise.allSettled(
        Array.from({ length: 8 }, (_, i) =>
          store.appendMany([...streams.slice(i % 4), ...streams.slice(0, i % 4)].map((s) => ({ streamId: s, events: [event(`W${i}`)], expectedRevision: 'no-stream' as const }))),
        ),
      );
      const failures = settled.filter((r): r is PromiseRejectedResult => r.status === 'rejected').map((r) => r.reason);
      for (const f of failures) expect(f).toBeInstanceOf(WrongExpectedRevision);
      const types = await Promise.all(streams.map(async (s) => (await store.readStream(s)).map((e) => e.type)));
      for (const t of types) expect(t).toHaveLength(1);
      if (store.appendManyIsAtomic) {
        expect(failures).toHaveLength(7);
        expect(new Set(types.flat()).size).toBe(1);
      }
    });
  });

  describe('subscriptions', () => {
    it('catches up, then follows live appends with no gap and no duplicate', async () => {
      const s = stream();
      const head = await store.headPosition();
      await store.append(s, [event('C1'), event('C2'), event('C3')]);
      const controller = new AbortController();
      const received = collect(store.subscribe({ after: head, batchSize: 2, signal: controller.signal }), 7);
      await store.append(s, [event('L1')]);
      await store.append(stream(), [event('L2'), event('L3')]);
      await store.append(s, [event('L4')]);
      const seen = await received;
      controller.abort();
      expect(seen.map((e) => e.type)).toEqual(['C1', 'C2', 'C3', 'L1', 'L2', 'L3', 'L4']);
      expect(new Set(seen.map((e) => e.position)).size).toBe(7);
    });

    it('delivers only the requested types and ends when aborted', async () => {
      const { position: head } = await store.append(stream(), [event('Marker')]);
      const controller = new AbortController();
      const received = collect(store.subscribe({ after: head, types: ['Wanted'], signal: controller.signal }), 2);
      await store.append(stream(), [event('Unwanted'), event('Wanted')]);
      await store.append(stream(), [event('Unwanted'), event('Wanted')]);
      expect((await received).map((e) => e.type)).toEqual(['Wanted', 'Wanted']);
      const iterator = store.subscribe({ after: await store.headPosition(), signal: controller.signal });
      controller.abort();
      await expect(collect(iterator, 1)).resolves.toEqual([]);
    });
  });

  describe('batched subscriptions', () => {
    it('yields pages whose `through` passes filtered-out events', async () => {
      const { position: start } = await store.append(stream(), [event('Marker')]);
      await store.append(stream(), [event('Kept'), event('Skipped'), event('Kept'), event('Skipped')]);
      const last = (await readAllSettled(store, 4, { after: start })).at(-1)!;
      expect(last.type).toBe('Skipped');
      const controller = new AbortController();
      const pages = [];
      for await (const page of store.subscribeBatches({ after: start, types: ['Kept'], batchSize: 10, signal: controller.signal })) {
        pages.push(page);
        if (page.through >= last.position) break;
      }
      controller.abort();
      const kept = pages.flatMap((p) => p.events);
      expect(kept.map((e) => e.type)).toEqual(['Kept', 'Kept']);
      expect(kept.every((e) => e.position < last.position)).toBe(true);
      expect(await store.readAll({ after: pages.at(-1)!.through })).toEqual([]);
    });
  });

  describe('bad input writes nothing', () => {
    const cases: [string, () => [string, NewEvent[], unknown?], string][] = [
      ['an empty stream id', () => ['', [event()]], 'streamId'],
      ['a stream id with spaces', () => ['indicator da', [event()]], 'streamId'],
      ['a stream id starting with a dash', () => ['-x', [event()]], 'streamId'],
      ['an over-long stream id', () => ['s'.repeat(256), [event()]], 'streamId'],
      ['an empty batch', () => [stream(), []], 'events'],
      ['data that is an array', () => [stream(), [{ ...event(), data: [1] as unknown as Record<string, unknown> }]], 'events[0].data'],
      ['data that is a string', () => [stream(), [{ ...event(), data: 'x' as unknown as Record<string, unknown> }]], 'events[0].data'],
      ['data that is null', () => [stream(), [{ ...event(), data: null as unknown as Record<string, unknown> }]], 'events[0].data'],
      ['an event over 1 MiB', () => [stream(), [event(), event('Big', { blob: 'x'.repeat(MAX_EVENT_BYTES) })]], 'events[1]'],
      ['an id that is not a UUID', () => [stream(), [{ ...event(), id: 'not-a-uuid' }]], 'events[0].id'],
      ['a duplicate id in the batch', () => { const e = event(); return [stream(), [e, e]]; }, 'events[1].id'],
      ['an empty type', () => [stream(), [{ ...event(), type: '' }]], 'events[0].type'],
      ['metadata that is not an object', () => [stream(), [{ ...event(), metadata: 'x' as unknown as Record<string, unknown> }]], 'events[0].metadata'],
      ['an unknown expected revision', () => [stream(), [event()], 'latest'], 'expectedRevision'],
      ['a negative expected revision', () => [stream(), [event()], -1n], 'expectedRevision'],
      ['a numeric (not bigint) expected revision', () => [stream(), [event()], 3], 'expectedRevision'],
    ];
    it.each(cases)('rejects %s with the field named', async (_label, make, field) => {
      const start = await store.headPosition();
      const before = stream();
      const after = stream();
      await store.append(before, [event('Before')]);
      const [s, events, expectedRevision] = make();
      const err = await store.append(s, events, { expectedRevision: expectedRevision as never }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(InvalidAppend);
      expect((err as InvalidAppend).field).toBe(field);
      await store.append(after, [event('After')]);
      const between = await readAllSettled(store, 2, { after: start }, (e) => e.streamId === before || e.streamId === after || e.streamId === s);
      expect(between.map((e) => e.type)).toEqual(['Before', 'After']);
    });

    it('rejects bad read options', async () => {
      await expect(store.readAll({ limit: 0 })).rejects.toBeInstanceOf(InvalidAppend);
      await expect(store.readAll({ after: -1n })).rejects.toBeInstanceOf(InvalidAppend);
      await expect(store.readStream('', {})).rejects.toBeInstanceOf(InvalidAppend);
    });
  });

  const openBeyond = options.openBeyondSafeIntegers;
  if (openBeyond) describe('positions beyond 2^53', () => {
    let big: ContractStore;
    beforeAll(async () => {
      big = await openBeyond();
    });
    afterAll(async () => big?.dispose());

    it('keeps every position exact as a bigint', async () => {
      const s = stream();
      const result = await big.store.append(s, [event(), event()]);
      expect(result.position > 1n << 60n).toBe(true);
      const read = await readAllSettled(big.store, 2, {});
      expect(read.map((e) => e.position)).toEqual((await big.store.readStream(s)).map((e) => e.position));
      expect(read[1].position).toBe(result.position);
      expect(read[1].position > read[0].position).toBe(true);
      expect(await big.store.readAll({ after: read[0].position })).toHaveLength(1);
      expect(await big.store.headPosition()).toBe(result.position);
      expect(Number.isSafeInteger(Number(result.position))).toBe(false);
    });
  });
}
