import { describeOnServer, TEST_DATABASE_URL } from '@rm/event-store/testing';
import type { AddressInfo } from 'node:net';
import { connect } from 'node:net';
import { bearer, daIndicator, startApi, type ApiHarness } from '../support/api-harness.js';
import { expectProblem, post } from '../support/write-api.js';

/** Sends raw bytes and returns the raw answer: for what Node refuses before Express sees it. */
async function rawRequest(api: ApiHarness, text: string): Promise<string> {
  const server = api.app.getHttpServer();
  if (!server.listening) await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => socket.end(text));
    let answer = '';
    socket.on('data', (chunk) => (answer += chunk.toString()));
    socket.on('close', () => resolve(answer));
    socket.on('error', reject);
  });
}

describeOnServer('security.e2e: headers, CORS, size limits, rate limits', () => {
  let api: ApiHarness;
  beforeAll(async () => {
    api = await startApi(TEST_DATABASE_URL!, { RATE_LIMIT_WRITES_PER_MINUTE: '5', CORS_ORIGINS: 'https://board.example.org' });
  });
  afterAll(async () => api?.close());

  it('sends security headers on answers and problems alike', async () => {
    for (const res of [await api.http.get('/health'), await api.http.get('/api/indicators'), await api.http.get('/api/docs/')]) {
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['content-security-policy']).toMatch(/default-src 'self'/);
      expect(res.headers['x-frame-options']).toBe('SAMEORIGIN');
      expect(res.headers['strict-transport-security']).toMatch(/max-age=/);
      expect(res.headers['x-powered-by']).toBeUndefined();
    }
  });

  it('allows only the configured origins; without CORS_ORIGINS no origin at all', async () => {
    const allowed = await api.http.options('/api/indicators').set('Origin', 'https://board.example.org').set('Access-Control-Request-Method', 'GET');
    expect(allowed.headers['access-control-allow-origin']).toBe('https://board.example.org');
    const other = await api.http.get('/health').set('Origin', 'https://evil.example.com');
    expect(other.headers['access-control-allow-origin']).toBeUndefined();
    const closed = await startApi(TEST_DATABASE_URL!);
    try {
      const res = await closed.http.get('/health').set('Origin', 'https://board.example.org');
      expect(res.headers['access-control-allow-origin']).toBeUndefined();
    } finally {
      await closed.close();
    }
  });

  it('answers headers over 16 KiB with a 431 problem', async () => {
    const answer = await rawRequest(api, `GET /health HTTP/1.1\r\nHost: x\r\nX-Padding: ${'a'.repeat(20_000)}\r\n\r\n`);
    expect(answer).toMatch(/^HTTP\/1\.1 431 /);
    expect(answer).toMatch(/Content-Type: application\/problem\+json/);
    expect(JSON.parse(answer.slice(answer.indexOf('\r\n\r\n') + 4))).toMatchObject({ status: 431, code: 'HEADERS.TOO_LARGE' });
  });

  it('answers a request that is not HTTP with a 400 problem', async () => {
    const answer = await rawRequest(api, 'NOT HTTP AT ALL\r\n\r\n');
    expect(answer).toMatch(/^HTTP\/1\.1 400 /);
    expect(answer).toMatch(/"code":"REQUEST.MALFORMED"/);
  });

  it('answers a body over 1 MiB with a 413 problem', async () => {
    expectProblem(await post(api, '/api/indicators', { ...daIndicator('big'), description: 'x'.repeat(1_100_000) }), 413, 'BODY.TOO_LARGE');
  });

  it('limits writes per client and minute (RATE_LIMIT_WRITES_PER_MINUTE), not reads', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 7; i++) statuses.push((await post(api, '/api/indicators', daIndicator(`rate-${i}`))).status);
    // Five writes a minute in all; the body parser refuses the 413 above before it counts.
    expect(statuses).toEqual([201, 201, 201, 201, 201, 429, 429]);
    const limited = await post(api, '/api/indicators', daIndicator('rate-x'));
    expectProblem(limited, 429, 'RATE_LIMITED');
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    for (let i = 0; i < 10; i++) expect((await api.http.get('/api/indicators').set(bearer(api.tokens.inspector))).status).toBe(200);
  });
});

describeOnServer('security.e2e: sign-in is rate limited (RATE_LIMIT_SIGN_IN_PER_MINUTE)', () => {
  let api: ApiHarness;
  beforeAll(async () => {
    api = await startApi(TEST_DATABASE_URL!, { RATE_LIMIT_SIGN_IN_PER_MINUTE: '3', RATE_LIMIT_WRITES_PER_MINUTE: '0' });
  });
  afterAll(async () => api?.close());

  it('answers the fourth sign-in of a minute from one client with a 429 problem, whatever the token', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 3; i++) statuses.push((await api.http.post('/api/session').send({ token: `not-a-token-${i}` })).status);
    expect(statuses).toEqual([400, 400, 400]); // refused tokens, each counted
    const limited = await api.http.post('/api/session').send({ token: api.tokens.board });
    expectProblem(limited, 429, 'RATE_LIMITED');
    expect((await api.http.get('/api/indicators').set(bearer(api.tokens.board))).status).toBe(200);
  });
});
