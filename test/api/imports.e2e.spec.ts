import { EVENT_STORE, type EventStore } from '@rm/event-store';
import { TEST_DATABASE_URL } from '@rm/event-store/testing';
import { ImportPlan } from '../../apps/api/src/imports/import-plan.js';
import { limitedBody, ndjsonLines } from '../../apps/api/src/imports/import-body.js';
import { daIndicator, type ApiHarness } from '../support/api-harness.js';
import { historyOfEveryRoute, importHistory, ndjson, startImportApi } from '../support/import-harness.js';
import { logVisibleThrough } from '../support/eventually.js';
import { eventsAfter, expectProblem } from '../support/write-api.js';
import { request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Readable } from 'node:stream';

const stores = TEST_DATABASE_URL ? (['pglite', 'postgres'] as const) : (['pglite'] as const);
if (!TEST_DATABASE_URL) console.warn('imports.e2e: TEST_DATABASE_URL is not set: the PostgreSQL round trip is skipped');

/**
 * What makes two logs the same: every stream's events, in stream order, with everything but the
 * positions and recording times (streams are appended side by side, so their interleaving varies).
 */
const comparable = (events: Awaited<ReturnType<typeof eventsAfter>>) =>
  events
    .map((e) => ({ id: e.id, type: e.type, streamId: e.streamId, revision: e.revision, data: e.data, metadata: e.metadata, knownAt: e.knownAt, effectiveAt: e.effectiveAt }))
    .sort((a, b) => (a.streamId < b.streamId ? -1 : a.streamId > b.streamId ? 1 : a.revision - b.revision));

describe.each(stores)('imports.e2e: historical NDJSON import on %s', (kind) => {
  let api: ApiHarness;
  const history = historyOfEveryRoute('hist').map((line, i) => (i === 2 ? { ...line, actor: { sub: 'analyst-7', name: 'Performance analyst' } } : line));
  const file = ndjson(history);
  beforeAll(async () => {
    api = await startImportApi(kind, TEST_DATABASE_URL);
  });
  afterAll(async () => api?.close());

  it('refuses roles that may not import (403) and bodies that are not NDJSON (415)', async () => {
    for (const role of ['programme-office', 'inspector', 'board'] as const) expectProblem(await importHistory(api, file, { role }), 403);
    expectProblem(await importHistory(api, file, { type: 'text/plain' }), 415);
    expect(await eventsAfter(api)).toEqual([]);
  });

  it('refuses a body over 64 MiB with 413 before reading it', async () => {
    const server = api.app.getHttpServer();
    if (!server.listening) await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    const answer = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = httpRequest({ host: '127.0.0.1', port, method: 'POST', path: '/api/admin/imports', headers: { Authorization: `Bearer ${api.tokens.admin}`, 'Content-Type': 'application/x-ndjson', 'Content-Length': String(64 * 1024 * 1024 + 1) } }, (res) => {
        let body = '';
        res.on('data', (c: Buffer) => (body += c.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      });
      req.on('error', reject);
      req.write('{}\n');
    });
    expect(answer.status).toBe(413);
    expect(JSON.parse(answer.body)).toMatchObject({ code: 'BODY.TOO_LARGE' });
  });

  it('answers each file on its own under a reused Idempotency-Key: imports are idempotent by content', async () => {
    const send = (text: string) => importHistory(api, text, { dryRun: true }).set('Idempotency-Key', 'same-key');
    expect((await send(file)).body.wouldWrite).toBe(history.length);
    expect((await send(ndjson(history.slice(0, 1)))).body.wouldWrite).toBe(1);
  });

  it('a dry run writes nothing and says how many lines would write', async () => {
    const res = await importHistory(api, file, { dryRun: true });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ lines: history.length, written: 0, wouldWrite: history.length });
    expect(await eventsAfter(api)).toEqual([]);
  });

  it('imports every POST route, each event known at its reportedAt, naming the importer, then re-imports as a no-op', async () => {
    const res = await importHistory(api, file);
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ lines: history.length, written: history.length, unchanged: 0 });
    await logVisibleThrough(api, res.body.lastPosition);
    const events = await eventsAfter(api);
    expect(res.body.firstPosition).toBe(events[0].position);
    expect(res.body.lastPosition).toBe(events[events.length - 1].position);
    const byCommand = new Map<string, number>();
    for (const e of events) byCommand.set(e.metadata.commandId as string, (byCommand.get(e.metadata.commandId as string) ?? 0) + 1);
    expect(byCommand.size).toBe(history.length);
    const reported = new Set(history.map((l) => l.reportedAt));
    for (const e of events) {
      expect(reported.has(e.knownAt)).toBe(true);
      expect(e.knownAt < e.recordedAt).toBe(true);
      expect(e.metadata).toMatchObject({ imported: true, reportedAt: e.knownAt, importedBy: { sub: 'admin-1', name: 'Test admin' } });
    }
    const actors = events.map((e) => (e.metadata.actor as { sub: string }).sub);
    expect(actors.filter((a) => a === 'analyst-7').length).toBeGreaterThan(0);
    expect(actors.filter((a) => a === 'admin-1').length).toBe(events.length - actors.filter((a) => a === 'analyst-7').length);

    const again = await importHistory(api, file);
    expect(again.status).toBe(200);
    expect(again.body).toEqual({ lines: history.length, written: 0, unchanged: history.length, firstPosition: null, lastPosition: null });
    expect(await eventsAfter(api)).toEqual(events);
  });

  it('reports every bad line with its number and field, and a file with one bad line writes nothing', async () => {
    const before = await eventsAfter(api);
    const t = (minutes: number) => new Date(Date.parse('2020-07-01T00:00:00Z') + minutes * 60_000).toISOString();
    const fig = (body: object, reportedAt: string, extra: object = {}) => JSON.stringify({ path: '/api/indicators/da-hist/figures', body, reportedAt, ...extra });
    const good = { value: 500, effectiveAt: '2020-06-30', source: 'weekly return' };
    const lines = [
      fig(good, t(1)), // 1: fine
      '{ not json', // 2
      '[1, 2]', // 3
      fig(good, t(2), { extra: 1 }), // 4
      JSON.stringify({ path: '/api/indicators/da-hist/figures', body: good }), // 5
      fig(good, '2020-07-01'), // 6: a date, not a timestamp
      fig(good, new Date(Date.now() + 86_400_000).toISOString()), // 7
      fig(good, t(0)), // 8: earlier than line 1
      JSON.stringify({ path: '/api/nowhere', body: good, reportedAt: t(3) }), // 9
      JSON.stringify({ path: '/api/indicators/NOT A SLUG/figures', body: good, reportedAt: t(4) }), // 10
      fig({ ...good, value: 'many' }, t(5)), // 11: DTO validation
      JSON.stringify({ path: '/api/indicators/never-registered/figures', body: good, reportedAt: t(6) }), // 12: decider: not found
      fig({ ...good, effectiveAt: '2020-07-02' }, t(7)), // 13: effective after reportedAt
      fig(good, t(8), { actor: { name: 'no subject' } }), // 14
      '', // 15: blank, skipped
      fig({ ...good, value: 501 }, t(9)), // 16: fine
    ];
    const res = await importHistory(api, lines.join('\n'));
    expect(res.status).toBe(400);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    const problem = JSON.parse(res.text) as { code: string; detail: string; errors: { line: number; field: string; message: string }[] };
    expect(problem.code).toBe('IMPORT.INVALID');
    expect(problem.detail).toMatch(/^13 of 15 lines are not valid; nothing was written$/);
    const errors = problem.errors;
    expect(errors.map(({ line, field }) => ({ line, field }))).toEqual([
      { line: 2, field: '(line)' },
      { line: 3, field: '(line)' },
      { line: 4, field: 'extra' },
      { line: 5, field: 'reportedAt' },
      { line: 6, field: 'reportedAt' },
      { line: 7, field: 'reportedAt' },
      { line: 8, field: 'reportedAt' },
      { line: 9, field: 'path' },
      { line: 10, field: 'path' },
      { line: 11, field: 'body.value' },
      { line: 12, field: 'body' },
      { line: 13, field: 'body.effectiveAt' },
      { line: 14, field: 'actor' },
    ]);
    for (const e of errors) expect(e.message).toEqual(expect.any(String));
    expect(await eventsAfter(api)).toEqual(before);
  });

  it('writes item feed lines to one stream per item, each checked against its indicator and the earlier lines', async () => {
    const before = await eventsAfter(api);
    const t = (minutes: number) => new Date(Date.parse('2020-07-02T00:00:00Z') + minutes * 60_000).toISOString();
    const feed = (items: object[], reportedAt: string, indicator = 'da-items') => ({ path: `/api/indicators/${indicator}/items`, body: { items }, reportedAt });
    const registration = { path: '/api/indicators', body: daIndicator('da-items'), reportedAt: t(0) };
    const bad = [
      registration,
      feed([{ ref: 'H-1', event: 'opened', at: '2020-06-01' }], t(1)),
      feed([{ ref: 'H-2', event: 'opened', at: '2020-06-01' }, { ref: 'H-3', event: 'cleared', at: '2020-06-02' }], t(2)), // H-3 never opened
      feed([{ ref: 'H-1', event: 'opened', at: '2020-06-01' }], t(3), 'never-registered'),
    ];
    const refused = await importHistory(api, ndjson(bad));
    expect(refused.status).toBe(400);
    expect((JSON.parse(refused.text) as { errors: { line: number; field: string }[] }).errors.map(({ line, field }) => ({ line, field }))).toEqual([
      { line: 3, field: 'body.items[1].ref' },
      { line: 4, field: 'body' },
    ]);
    expect(await eventsAfter(api)).toEqual(before);
    const good = [
      registration,
      feed([{ ref: 'H-1', event: 'opened', at: '2020-06-01' }, { ref: 'H-2', event: 'opened', at: '2020-06-01' }], t(4)),
      feed([{ ref: 'H-1', event: 'graded', at: '2020-06-03', risk: 'high' }, { ref: 'H-2', event: 'cleared', at: '2020-06-04' }], t(5)),
    ];
    const res = await importHistory(api, ndjson(good));
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ lines: 3, written: 3, unchanged: 0 });
    await logVisibleThrough(api, res.body.lastPosition);
    const written = (await eventsAfter(api)).slice(before.length);
    const byStream = (id: string) => written.filter((e) => e.streamId === id).map((e) => [e.type, e.knownAt]);
    expect(byStream('backlogItem-da-items:H-1')).toEqual([['BacklogItemOpened', t(4)], ['BacklogItemGraded', t(5)]]);
    expect(byStream('backlogItem-da-items:H-2')).toEqual([['BacklogItemOpened', t(4)], ['BacklogItemCleared', t(5)]]);
    expect(written).toHaveLength(5);
    expect(byStream('indicator-da-items').map(([type]) => type)).toEqual(['IndicatorRegistered']);
    const again = await importHistory(api, ndjson(good));
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ lines: 3, written: 0, unchanged: 3 });
  });

  it('an import killed midway is completed by running it again, giving the log of one clean run', async () => {
    const other = historyOfEveryRoute('killed', Date.parse('2020-08-01T08:00:00Z'));
    const text = ndjson(other);
    const head = (await eventsAfter(api)).at(-1)!.position;
    // The first half of the file's appends land, then the process "dies".
    const store = api.app.get<EventStore>(EVENT_STORE);
    const plan = new ImportPlan(store, { sub: 'admin-1', name: 'Test admin', roles: ['admin'] }, new Date());
    for await (const line of ndjsonLines(limitedBody(Readable.from([Buffer.from(text)])))) if (!('message' in line)) await plan.add(line);
    plan.sealRevisions();
    const half = Math.floor(plan.appends.length / 2);
    let partialHead = 0n;
    for (const a of plan.appends.slice(0, half)) partialHead = (await store.append(a.streamId, a.events, { expectedRevision: a.expectedRevision ?? 'no-stream' })).position;
    await logVisibleThrough(api, partialHead.toString());
    const partial = await eventsAfter(api, head);
    expect(partial.length).toBeGreaterThan(0);

    const rerun = await importHistory(api, text);
    expect(rerun.status).toBe(201);
    expect(rerun.body.written + rerun.body.unchanged).toBe(other.length);
    expect(rerun.body.unchanged).toBeGreaterThan(0);
    await logVisibleThrough(api, rerun.body.lastPosition);
    const completed = await eventsAfter(api, head);

    const clean = await startImportApi('pglite');
    try {
      expect((await importHistory(clean, ndjson(historyOfEveryRoute('hist')))).status).toBe(201);
      const cleanHead = (await eventsAfter(clean)).at(-1)!.position;
      expect((await importHistory(clean, text)).status).toBe(201);
      expect(comparable(completed)).toEqual(comparable(await eventsAfter(clean, cleanHead)));
    } finally {
      await clean.close();
    }
  });
});
