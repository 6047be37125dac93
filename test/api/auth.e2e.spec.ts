import { describeOnServer, TEST_DATABASE_URL } from '@rm/event-store/testing';
import { bearer, startApi, type ApiHarness } from '../support/api-harness.js';
import { DA_AT_INSPECTION, daIndicator } from '../support/iops-fixtures.js';
import { badTokens, signToken } from '../support/tokens.js';
import { ADMIN, eventsOfWrite, expectCommandMetadata, expectNothingWritten, expectProblem, expectWrite, post, PROGRAMME_OFFICE } from '../support/write-api.js';
import { WRITE_ROUTES, writeSteps, type WriteStep } from '../support/write-routes.js';

const AUDIT_PATHS = ['/api/events?after=0&limit=10', '/api/streams/indicator-da-po'];

describeOnServer('auth.e2e: who may call which route', () => {
  let api: ApiHarness;
  let unauthenticated: Record<string, string>;
  let forbidden: Record<string, string>;
  beforeAll(async () => {
    api = await startApi(TEST_DATABASE_URL!);
    unauthenticated = await badTokens();
    forbidden = {
      board: api.tokens.board,
      inspector: api.tokens.inspector,
      'no roles': await signToken({ sub: 'someone', roles: [] }),
      'an unknown role': await signToken({ sub: 'someone', roles: ['superuser'] }),
      'no roles claim': await signToken({ sub: 'someone' }),
    };
  });
  afterAll(async () => api?.close());

  /** Runs every step (and what it needs first) as `token`, expecting 201 for each. */
  const runAll = async (steps: WriteStep[], token: string) => {
    const writes = [];
    for (const step of steps) {
      for (const setup of step.before ?? []) expectWrite(await post(api, setup.path, setup.body, { token }));
      const res = await post(api, step.path, step.body, { token });
      if (res.status !== 201) throw new Error(`${step.route}: ${res.status} ${res.text}`);
      writes.push(expectWrite(res));
    }
    return writes;
  };

  it('knows every command route (POST) of the OpenAPI document, which answers without a token', async () => {
    const res = await api.http.get('/api/docs-json').expect(200);
    // Operator routes under /api/admin and the bulk imports (imports.e2e, figures-import.e2e) are not commands of the write API.
    const posts = Object.entries(res.body.paths as Record<string, Record<string, unknown>>)
      .filter(([path, operations]) => 'post' in operations && !path.startsWith('/api/admin/') && !path.startsWith('/api/imports/'))
      .map(([path]) => `POST ${path}`);
    expect([...posts].sort()).toEqual([...WRITE_ROUTES].sort());
    expect(res.body.components.securitySchemes).toMatchObject({ bearer: { type: 'http', scheme: 'bearer' } });
  });

  it('answers /health and the API documentation without a token', async () => {
    expect((await api.http.get('/health').expect(200)).body).toMatchObject({ ready: true, database: { reachable: true } });
    await api.http.get('/api/docs').expect(200);
  });

  describe.each(writeSteps('denied').map((s) => [s.route, s] as const))('%s', (_route, step) => {
    it('answers 401 without a valid token and 403 to roles that may not write; nothing is written', async () => {
      await expectNothingWritten(api, async () => {
        expectProblem(await post(api, step.path, step.body, { token: null }), 401, 'HTTP.401');
        expectProblem(await post(api, step.path, step.body, { token: null, headers: { Authorization: 'Basic cHJvZ3JhbW1lLW9mZmljZTpwdw==' } }), 401);
        expectProblem(await post(api, step.path, step.body, { token: null, headers: { Authorization: 'Bearer' } }), 401);
        for (const [what, token] of Object.entries(unauthenticated)) {
          const res = await post(api, step.path, step.body, { token, idempotencyKey: `k-${what}` });
          if (res.status !== 401) throw new Error(`${what}: expected 401, got ${res.status}`);
          expectProblem(res, 401, 'HTTP.401');
        }
        for (const [who, token] of Object.entries(forbidden)) {
          const res = await post(api, step.path, step.body, { token, idempotencyKey: `k-${who}` });
          if (res.status !== 403) throw new Error(`${who}: expected 403, got ${res.status}`);
          expectProblem(res, 403, 'HTTP.403');
        }
      });
    });
  });

  it('lets the programme office call every POST route, as the actor of what it records', async () => {
    const writes = await runAll(writeSteps('po'), api.tokens['programme-office']);
    expect(writes).toHaveLength(WRITE_ROUTES.length);
    for (const write of writes) expectCommandMetadata((await eventsOfWrite(api, write, 1))[0], PROGRAMME_OFFICE);
  });

  it('lets an admin call every POST route, as the actor of what it records', async () => {
    const writes = await runAll(writeSteps('adm'), api.tokens.admin);
    for (const write of writes) expectCommandMetadata((await eventsOfWrite(api, write, 1))[0], ADMIN);
  });

  it('records the subject of any valid token as the actor, with its name when it has one', async () => {
    const named = await signToken({ sub: 'jane.doe@gmp.police.uk', name: 'Jane Doe', roles: ['programme-office'] });
    const anonymous = await signToken({ sub: 'svc-import', roles: ['inspector', 'programme-office'] });
    const first = expectWrite(await post(api, '/api/indicators', daIndicator('da-actor'), { token: named }));
    const second = expectWrite(await post(api, '/api/indicators/da-actor/figures', DA_AT_INSPECTION, { token: anonymous }));
    expectCommandMetadata((await eventsOfWrite(api, first, 1))[0], { sub: 'jane.doe@gmp.police.uk', name: 'Jane Doe' });
    expectCommandMetadata((await eventsOfWrite(api, second, 1))[0], { sub: 'svc-import' });
  });

  describe('GET /api/events and GET /api/streams/{streamId} (the audit trail)', () => {
    it('answers inspectors and admins', async () => {
      for (const path of AUDIT_PATHS) {
        for (const role of ['inspector', 'admin'] as const) {
          const res = await api.http.get(path).set(bearer(api.tokens[role]));
          if (res.status !== 200) throw new Error(`${role} ${path}: ${res.status} ${res.text}`);
        }
      }
    });

    it('answers 403 to the board and the programme office, 401 without a valid token', async () => {
      for (const path of AUDIT_PATHS) {
        for (const role of ['board', 'programme-office'] as const) expectProblem(await api.http.get(path).set(bearer(api.tokens[role])), 403, 'HTTP.403');
        expectProblem(await api.http.get(path), 401, 'HTTP.401');
        for (const token of Object.values(unauthenticated)) expectProblem(await api.http.get(path).set(bearer(token)), 401, 'HTTP.401');
      }
    });
  });

  it('challenges a client without a valid token to send a bearer token (WWW-Authenticate, RFC 9110 §15.5.2)', async () => {
    const res = await post(api, '/api/indicators', daIndicator('da-challenge'), { token: null });
    expect(res.status).toBe(401);
    expect(res.headers['www-authenticate']).toMatch(/^Bearer\b/);
  });
});
