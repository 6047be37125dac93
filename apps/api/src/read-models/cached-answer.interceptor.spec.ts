import { jest } from '@jest/globals';
import type { CallHandler, ExecutionContext } from '@nestjs/common';
import { lastValueFrom, of } from 'rxjs';
import { AnswerCache } from './answer-cache.js';
import { exactUntil } from './answer-horizon.js';
import { CachedAnswerInterceptor } from './cached-answer.interceptor.js';
import type { ReadModels } from './read-models.service.js';

const T0 = Date.UTC(2026, 10, 30, 9, 0, 0);
const HORIZON = T0 + 60_000;

/** A read at asOf = now whose answer (a count of computations) is exact until HORIZON, as a handler states it. */
let positionKnown: () => bigint | undefined;

function harness(validUntil: number | null = HORIZON, knownAt?: string) {
  const interceptor = new CachedAnswerInterceptor(new AnswerCache(), { generation: { number: 1 }, position: async () => 7n, positionKnown } as unknown as ReadModels);
  let computed = 0;
  const next: CallHandler = {
    handle: () => {
      computed++;
      const at = new Date().toISOString();
      const answer = { value: computed, effectiveAt: '2026-11-01T00:00:00.000Z', asOf: at, knownAt: knownAt ?? at, position: '7' };
      return of(validUntil === null ? answer : exactUntil(answer, validUntil));
    },
  };
  const get = async (headers: Record<string, string> = {}, query: Record<string, string> = {}) => {
    const sent: Record<string, string> = {};
    let status = 200;
    const req = { query, path: '/api/indicators/x', headers: Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v])), accepts: () => 'application/json' };
    const res = { setHeader: (k: string, v: string) => (sent[k.toLowerCase()] = v), status: (s: number) => (status = s), type: () => undefined };
    const context = { switchToHttp: () => ({ getRequest: () => req, getResponse: () => res }) } as unknown as ExecutionContext;
    const body = (await lastValueFrom(interceptor.intercept(context, next))) as string | undefined;
    return { status, headers: sent, body: body === undefined ? undefined : (JSON.parse(body) as Record<string, unknown>) };
  };
  return { get, computed: () => computed };
}

// Projecting in this process, the position is known at once; otherwise it is read from the checkpoints.
describe.each([
  ['known at once', () => 7n],
  ['read from the checkpoints', () => undefined],
])('CachedAnswerInterceptor at asOf = now, the position %s', (_, known) => {
  beforeEach(() => {
    positionKnown = known;
    // Only the clock: promises and timers run as usual.
    jest.useFakeTimers({ doNotFake: ['nextTick', 'setImmediate', 'clearImmediate', 'setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'queueMicrotask', 'hrtime', 'performance'] });
    jest.setSystemTime(T0);
  });
  afterEach(() => jest.useRealTimers());

  it('answers from the kept answer until its horizon, stating the moment of each reply', async () => {
    const h = harness();
    const first = await h.get();
    expect(first.body).toMatchObject({ value: 1, asOf: new Date(T0).toISOString(), knownAt: new Date(T0).toISOString() });
    expect(first.headers.etag).toMatch(/^W\/"p7-[A-Za-z0-9_-]{22}"$/);
    jest.setSystemTime(T0 + 1_234);
    const later = await h.get();
    expect(h.computed()).toBe(1);
    expect(later.body).toEqual({ ...first.body, asOf: new Date(T0 + 1_234).toISOString(), knownAt: new Date(T0 + 1_234).toISOString() });
    expect(later.headers.etag).toBe(first.headers.etag);
    expect(later.headers.age).toBeUndefined();
    jest.setSystemTime(HORIZON - 1);
    expect((await h.get()).body).toMatchObject({ value: 1, asOf: new Date(HORIZON - 1).toISOString() });
    jest.setSystemTime(HORIZON);
    expect((await h.get()).body).toMatchObject({ value: 2, asOf: new Date(HORIZON).toISOString() });
    expect(h.computed()).toBe(2);
  });

  it('answers a matching If-None-Match with 304 within the horizon, and not past it once the content changes', async () => {
    const h = harness();
    const first = await h.get();
    jest.setSystemTime(T0 + 5_000);
    const again = await h.get({ 'If-None-Match': first.headers.etag });
    expect(again.status).toBe(304);
    expect(again.body).toBeUndefined();
    jest.setSystemTime(HORIZON + 1);
    expect((await h.get({ 'If-None-Match': first.headers.etag })).status).toBe(200);
  });

  it('reads afresh with Cache-Control: no-cache, and keeps nothing exact that the handler did not bound', async () => {
    const h = harness();
    await h.get();
    expect((await h.get({ 'Cache-Control': 'no-cache' })).body).toMatchObject({ value: 2 });
    const unbounded = harness(null);
    await unbounded.get();
    jest.setSystemTime(T0 + 1);
    expect((await unbounded.get()).body).toMatchObject({ value: 2 });
  });

  it('past the horizon, serves the old answer only within the max-age the caller accepts, stating its own asOf and age', async () => {
    const h = harness();
    await h.get();
    jest.setSystemTime(HORIZON + 2_000);
    const stale = await h.get({ 'Cache-Control': 'max-age=90' });
    expect(stale.body).toMatchObject({ value: 1, asOf: new Date(T0).toISOString() });
    expect(stale.headers.age).toBe('62');
    jest.setSystemTime(T0 + 91_000);
    expect((await h.get({ 'Cache-Control': 'max-age=90' })).body).toMatchObject({ value: 2 });
  });

  it('restates knownAt too only when it follows asOf', async () => {
    const h = harness(HORIZON, 'latest');
    await h.get({}, { knownAt: 'latest' });
    jest.setSystemTime(T0 + 10);
    expect((await h.get({}, { knownAt: 'latest' })).body).toMatchObject({ value: 1, asOf: new Date(T0 + 10).toISOString(), knownAt: 'latest' });
  });
});
