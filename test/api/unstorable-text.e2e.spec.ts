import { describeOnServer, TEST_DATABASE_URL } from '@rm/event-store/testing';
import { bearer, startApi, type ApiHarness } from '../support/api-harness.js';
import { expectWrite, post } from '../support/write-api.js';
import { writeSteps } from '../support/write-routes.js';

const STEPS = writeSteps('text');
const UNSTORABLE = { 'a lone high surrogate': 'Weekly \ud83d return', 'a lone low surrogate': '\udc00', 'a NUL character': 'a\u0000b' };

/** Every string leaf of a body, by the field path the API names in its errors. */
function stringFields(value: unknown, path = ''): string[] {
  if (typeof value === 'string') return [path];
  if (Array.isArray(value)) return value.flatMap((v, i) => stringFields(v, `${path}[${i}]`));
  if (value && typeof value === 'object') return Object.entries(value).flatMap(([k, v]) => stringFields(v, path ? `${path}.${k}` : k));
  return [];
}

function replaced(body: unknown, field: string, text: string): unknown {
  const copy = structuredClone(body) as Record<string, unknown>;
  const keys = field.match(/[^.[\]]+/g)!;
  let at: Record<string, unknown> = copy;
  for (const key of keys.slice(0, -1)) at = at[key] as Record<string, unknown>;
  at[keys[keys.length - 1]] = text;
  return copy;
}

describeOnServer('unstorable-text.e2e: text no database can hold is a 400 naming the field', () => {
  let api: ApiHarness;
  beforeAll(async () => {
    api = await startApi(TEST_DATABASE_URL!);
  });
  afterAll(async () => api?.close());

  // In route order: each step's valid write at the end sets up the steps after it.
  it.each(STEPS.map((s) => [s.route, s] as const))('%s: every string field, each kind of unstorable text', async (_route, step) => {
    for (const setup of step.before ?? []) expectWrite(await post(api, setup.path, setup.body));
    const before = await api.eventCount();
    const fields = stringFields(step.body);
    expect(fields.length).toBeGreaterThan(0);
    for (const field of fields)
      for (const [kind, text] of Object.entries(UNSTORABLE)) {
        const res = await post(api, step.path, replaced(step.body, field, text));
        if (res.status !== 400) throw new Error(`${field} with ${kind}: expected 400, got ${res.status} ${res.text}`);
        expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
        expect(res.body.errors).toEqual([{ field, message: expect.any(String) }]);
      }
    expect(await api.eventCount()).toBe(before);
    expectWrite(await post(api, step.path, step.body));
  });

  it('refuses unstorable text in a field name', async () => {
    const res = await post(api, '/api/indicators', '{"id":"x","na\\u0000me":"y"}');
    expect(res.status).toBe(400);
    expect(res.body.errors[0].field).toBe('na\u0000me');
  });

  it.each([
    ['asOf=%00', 'query.asOf'],
    ['knownAt=latest%00', 'query.knownAt'],
    ['asOf=2019-01-01%00', 'query.asOf'],
  ])('refuses unstorable text in the query string (%s)', async (query, field) => {
    const res = await api.http.get(`/api/indicators?${query}`).set(bearer(api.tokens.inspector));
    expect(res.status).toBe(400);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body.errors[0].field).toBe(field);
  });

  it.each(['/api/indicators/a%00b', '/api/indicators/%ED%A0%BD', '/api/indicators/%F0%9F'])('refuses an unstorable path segment (%s)', async (path) => {
    const get = await api.http.get(path).set(bearer(api.tokens.inspector));
    expect(get.status).toBe(400);
    expect(get.body.errors[0].field).toBe('path');
    const write = await post(api, `${path}/figures`, { value: 1, effectiveAt: '2019-11-01', source: 'x' });
    expect(write.status).toBe(400);
  });
});
