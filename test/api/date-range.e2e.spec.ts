import { describeOnServer, TEST_DATABASE_URL } from '@rm/event-store/testing';
import { bearer, startApi, type ApiHarness } from '../support/api-harness.js';
import { action } from '../support/iops-fixtures.js';
import { expectWrite, post } from '../support/write-api.js';
import { writeSteps } from '../support/write-routes.js';

const STEPS = writeSteps('dates');
const DATE = /^\d{4}-\d{2}-\d{2}/;
const OUT_OF_RANGE = ['0000-01-01', '1899-12-31', '2101-01-01', '9999-12-31'];

/** Every date leaf of a body, by the field path the API names in its errors. */
function dateFields(value: unknown, path = ''): string[] {
  if (typeof value === 'string') return DATE.test(value) ? [path] : [];
  if (Array.isArray(value)) return value.flatMap((v, i) => dateFields(v, `${path}[${i}]`));
  if (value && typeof value === 'object') return Object.entries(value).flatMap(([k, v]) => dateFields(v, path ? `${path}.${k}` : k));
  return [];
}

function withDate(body: unknown, field: string, day: string): unknown {
  const copy = structuredClone(body) as Record<string, unknown>;
  const keys = field.match(/[^.[\]]+/g)!;
  let at: Record<string, unknown> = copy;
  for (const key of keys.slice(0, -1)) at = at[key] as Record<string, unknown>;
  const last = keys[keys.length - 1];
  // Keep the form (plain date or instant) of the valid body.
  at[last] = (at[last] as string).length > 10 ? `${day}T00:00:00Z` : day;
  return copy;
}

describeOnServer('date-range.e2e: every accepted date is one the read models can store', () => {
  let api: ApiHarness;
  beforeAll(async () => {
    api = await startApi(TEST_DATABASE_URL!);
  });
  afterAll(async () => api?.close());

  // In route order: each step's valid write at the end sets up the steps after it.
  it.each(STEPS.map((s) => [s.route, s] as const))('%s: dates outside 1900-01-01..2100-12-31 are a 400 naming the field', async (_route, step) => {
    for (const setup of step.before ?? []) expectWrite(await post(api, setup.path, setup.body));
    const before = await api.eventCount();
    for (const field of dateFields(step.body))
      for (const day of OUT_OF_RANGE) {
        const res = await post(api, step.path, withDate(step.body, field, day));
        if (res.status !== 400) throw new Error(`${field}=${day}: expected 400, got ${res.status} ${res.text}`);
        expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
        expect(res.body.errors).toEqual([{ field, message: expect.stringMatching(/1900-01-01|later than the moment of recording/) }]);
      }
    expect(await api.eventCount()).toBe(before);
    expectWrite(await post(api, step.path, step.body));
  });

  it('accepts the first day of the range and a due date in the far future', async () => {
    expectWrite(await post(api, '/api/indicators/da-dates/figures', { value: 3, effectiveAt: '1900-01-01', source: 'archive' }));
    expectWrite(await post(api, '/api/plans/plan-dates/actions', action('A9', { indicators: ['da-dates'], dueDate: '2100-12-31' })));
    expectWrite(await post(api, '/api/plans/plan-dates/actions/A9/reschedule', { dueDate: '2100-12-31T23:59:59Z', reason: 'Long-term' }));
  });

  it.each([
    ['/api/indicators?asOf=0000-01-01', 'asOf'],
    ['/api/indicators?asOf=1899-12-31T23:59:59Z', 'asOf'],
    ['/api/indicators?knownAt=0000-01-01', 'knownAt'],
    ['/api/scorecard?asOf=0001-01-01', 'asOf'],
    ['/api/plans/plan-dates?knownAt=0000-06-01T00:00:00Z', 'knownAt'],
    ['/api/indicators/da-dates/history?from=0000-01-01', 'from'],
    ['/api/indicators/da-dates/history?to=0000-01-01', 'to'],
  ])('GET %s is a 400 naming %s', async (path, field) => {
    const res = await api.http.get(path).set(bearer(api.tokens.inspector));
    expect(res.status).toBe(400);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body.errors[0].field).toBe(field);
  });
});
