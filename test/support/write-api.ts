import type { Response } from 'supertest';
import type { AuditEvent } from '../../apps/api/src/audit/audit-event.response.js';
import type { Role } from '../../apps/api/src/auth/roles.js';
import { bearer, type ApiHarness } from './api-harness.js';

export type { AuditEvent };

export interface PostOptions {
  /** Whose token to send; programme-office unless told. */
  role?: Role;
  /** A raw token instead of a role's; null sends no Authorization header. */
  token?: string | null;
  idempotencyKey?: string;
  ifMatch?: string;
  correlationId?: string;
  headers?: Record<string, string>;
}

/** POSTs a JSON body (or raw JSON text) as a writer. */
export function post(api: ApiHarness, path: string, body: unknown, options: PostOptions = {}) {
  let req = api.http.post(path);
  const token = options.token === undefined ? api.tokens[options.role ?? 'programme-office'] : options.token;
  if (token !== null) req = req.set(bearer(token));
  if (options.idempotencyKey !== undefined) req = req.set('Idempotency-Key', options.idempotencyKey);
  if (options.ifMatch !== undefined) req = req.set('If-Match', options.ifMatch);
  if (options.correlationId !== undefined) req = req.set('X-Correlation-Id', options.correlationId);
  for (const [name, value] of Object.entries(options.headers ?? {})) req = req.set(name, value);
  const hasType = Object.keys(options.headers ?? {}).some((name) => name.toLowerCase() === 'content-type');
  if (typeof body === 'string') return (hasType ? req : req.set('Content-Type', 'application/json')).send(body);
  return req.send(body as object);
}

/** Checks the shape every successful write answers with, and returns its body. */
export function expectWrite(res: Response, expected: { status?: 200 | 201; streamId?: string; revision?: number } = {}) {
  const status = expected.status ?? 201;
  if (res.status !== status) throw new Error(`expected ${status}, got ${res.status}: ${JSON.stringify(res.body)}`);
  expect(res.headers['content-type']).toMatch(/^application\/json/);
  expect(res.body).toMatchObject({ streamId: expect.any(String), revision: expect.any(Number), position: expect.stringMatching(/^\d+$/), changed: status === 201 });
  if (expected.streamId !== undefined) expect(res.body.streamId).toBe(expected.streamId);
  if (expected.revision !== undefined) expect(res.body.revision).toBe(expected.revision);
  expect(res.headers.etag).toBe(`"${res.body.revision}"`);
  return res.body as { streamId: string; revision: number; position: string; changed: boolean } & Record<string, unknown>;
}

/** Checks an RFC 9457 problem answer: status, stable code and, for validation, the field paths. */
export function expectProblem(res: Response, status: number, code?: string, fields?: string[]) {
  if (res.status !== status) throw new Error(`expected ${status}, got ${res.status}: ${JSON.stringify(res.body ?? res.text)}`);
  expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  const problem = JSON.parse(res.text) as { status: number; title: string; detail: string; code: string; type: string; errors?: { field: string; message: string }[] };
  expect(problem).toMatchObject({ status, title: expect.any(String), detail: expect.any(String), code: expect.any(String), type: expect.any(String) });
  if (code !== undefined) expect(problem.code).toBe(code);
  for (const field of fields ?? []) expect(problem.errors?.map((e) => e.field)).toContain(field);
  for (const error of problem.errors ?? []) expect(error).toEqual({ field: expect.any(String), message: expect.any(String) });
  return problem;
}

/** Runs `action` and asserts that the log (domain events and idempotency records) did not grow. */
export async function expectNothingWritten<T>(api: ApiHarness, action: () => Promise<T>): Promise<T> {
  const before = await api.eventCount();
  const result = await action();
  expect(await api.eventCount()).toBe(before);
  return result;
}

/** One stream's events from the audit trail, read as an inspector. */
export async function streamEvents(api: ApiHarness, streamId: string, query = ''): Promise<AuditEvent[]> {
  const res = await api.http.get(`/api/streams/${encodeURIComponent(streamId)}${query}`).set(bearer(api.tokens.inspector));
  if (res.status !== 200) throw new Error(`GET stream ${streamId}: ${res.status} ${res.text}`);
  return res.body as AuditEvent[];
}

/** Every event of the global log after `after`, following the `next` cursor page by page. */
export async function eventsAfter(api: ApiHarness, after = '0', limit = 1000): Promise<AuditEvent[]> {
  const all: AuditEvent[] = [];
  let cursor: string | null = after;
  for (let pages = 0; cursor !== null; pages++) {
    if (pages > 10_000) throw new Error('the audit log never ended');
    const res = await api.http.get(`/api/events?after=${cursor}&limit=${limit}`).set(bearer(api.tokens.inspector));
    if (res.status !== 200) throw new Error(`GET /api/events: ${res.status} ${res.text}`);
    all.push(...(res.body.events as AuditEvent[]));
    cursor = res.body.next as string | null;
  }
  return all;
}

/** The head of the audit log: the position to read after, to see only what comes next. */
export async function headPosition(api: ApiHarness): Promise<string> {
  const res = await api.http.get('/health');
  return res.body.eventStore.headPosition as string;
}

/** The events one write stored: those of its stream after the revision it started from. */
export async function eventsOfWrite(api: ApiHarness, write: { streamId: string; revision: number }, count: number): Promise<AuditEvent[]> {
  const events = await streamEvents(api, write.streamId, `?fromRevision=${write.revision - count + 1}&limit=${count}`);
  expect(events).toHaveLength(count);
  return events;
}

export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** The metadata every command writes: the token's subject as actor, ids, an effective time. */
export function expectCommandMetadata(event: AuditEvent, actor: { sub: string; name?: string }, correlationId?: string) {
  const metadata = event.metadata as { actor: unknown; commandId: string; correlationId: string; effectiveAt: string };
  expect(metadata.actor).toEqual(actor.name === undefined ? { sub: actor.sub } : { sub: actor.sub, name: actor.name });
  expect(metadata.commandId).toMatch(UUID);
  expect(metadata.correlationId).toBe(correlationId ?? metadata.commandId);
  expect(metadata.effectiveAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
  expect(event.effectiveAt).toBe(metadata.effectiveAt);
  expect(event.knownAt).toBe(event.recordedAt);
}

export const PROGRAMME_OFFICE = { sub: 'programme-office-1', name: 'Test programme-office' };
export const ADMIN = { sub: 'admin-1', name: 'Test admin' };
