import { describeOnServer, TEST_DATABASE_URL } from '@rm/event-store/testing';
import fc from 'fast-check';
import type { Response } from 'supertest';
import { startApi, type ApiHarness } from '../support/api-harness.js';
import { extremeNumbers, malformedBodies } from '../support/malformed-bodies.js';
import { expectWrite, post } from '../support/write-api.js';
import { writeSteps } from '../support/write-routes.js';

const STEPS = writeSteps('fuzz');
const RUNS = 40;

/** A 4xx answer must be a well-formed problem whose field errors all name a field. */
function expectClientProblem(res: Response, body: string) {
  const where = `${res.status} for ${body.slice(0, 300)}: ${res.text.slice(0, 300)}`;
  if (res.status < 400 || res.status >= 500) throw new Error(`expected a 4xx, got ${where}`);
  if (!/^application\/problem\+json/.test(res.headers['content-type'] ?? '')) throw new Error(`not problem+json: ${where}`);
  const problem = JSON.parse(res.text) as { status: number; code: unknown; errors?: { field: unknown; message: unknown }[] };
  if (problem.status !== res.status || typeof problem.code !== 'string') throw new Error(`bad problem document: ${where}`);
  for (const error of problem.errors ?? [])
    if (typeof error.field !== 'string' || typeof error.message !== 'string') throw new Error(`a field error without a field: ${where}`);
}

describeOnServer('fuzz.e2e: random malformed bodies never yield a 5xx and never write', () => {
  let api: ApiHarness;
  beforeAll(async () => {
    api = await startApi(TEST_DATABASE_URL!);
    // Every target exists, so that a body is refused for what it is, not for a missing resource.
    for (const step of STEPS) {
      for (const setup of step.before ?? []) expectWrite(await post(api, setup.path, setup.body));
      expectWrite(await post(api, step.path, step.body));
    }
  });
  afterAll(async () => api?.close());

  describe.each(STEPS.map((s) => [s.route, s] as const))('%s', (_route, step) => {
    it(`answers ${RUNS} malformed bodies with 4xx problems and writes nothing`, async () => {
      const before = await api.eventCount();
      await fc.assert(
        fc.asyncProperty(malformedBodies(step), async (body) => {
          expectClientProblem(await post(api, step.path, body), body);
        }),
        { numRuns: RUNS },
      );
      expect(await api.eventCount()).toBe(before);
    });

    it('answers valid bodies with extreme numbers without a 5xx', async () => {
      await fc.assert(
        fc.asyncProperty(extremeNumbers(step), async (body) => {
          const res = await post(api, step.path, body);
          if (res.status === 200 || res.status === 201) expectWrite(res, { status: res.status });
          else expectClientProblem(res, body);
        }),
        { numRuns: 15 },
      );
    });
  });

  it('answers random path ids with 4xx problems and writes nothing', async () => {
    const withIds = STEPS.filter((s) => /\/(da|plan|cps)-fuzz\b/.test(s.path));
    const segment = fc.string({ minLength: 1, maxLength: 80 }).filter((id) => !/^(da|plan|cps)-fuzz$|^(f-inspection|over-100-days|A[01])$/.test(id));
    const before = await api.eventCount();
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...withIds), segment, fc.boolean(), async (step, id, inner) => {
        const encoded = encodeURIComponent(id);
        const path = inner
          ? step.path.replace(/\/(f-inspection|over-100-days|A[01])\//, `/${encoded}/`)
          : step.path.replace(/\/(da|plan|cps)-fuzz\b/, `/${encoded}`);
        if (path === step.path) return;
        expectClientProblem(await post(api, path, step.body), path);
      }),
      { numRuns: 60 },
    );
    expect(await api.eventCount()).toBe(before);
  });
});
