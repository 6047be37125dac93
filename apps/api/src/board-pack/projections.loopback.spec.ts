import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Request } from 'express';
import { projectionsOverLoopback } from './projections.loopback.js';

const tt = { asOf: new Date('2020-06-30T23:59:59.999Z'), knownAt: new Date('2020-06-30T23:59:59.999Z'), knownAtLatest: true, position: 42n };
const projection = { indicatorId: 'da-risk-assessment', method: 'ols', window: { from: '2020-05-19', to: '2020-06-30', days: 42 }, intercept: 20, slopePerDay: -0.2, targetLevel: 25, targetDate: null, projectedReturn: null, status: 'returned' };

describe('board pack: projections asked of the same app over loopback', () => {
  let server: Server;
  let base: string;
  let projectionsRoute: 'present' | 'absent';
  const asked: { url?: string; authorization?: string }[] = [];

  beforeAll(async () => {
    server = createServer((req, res) => {
      if (req.url === '/pack') {
        void projectionsOverLoopback(req as unknown as Request)(tt).then((found) => res.end(JSON.stringify(found ? [...found.entries()] : null)));
      } else if (req.url?.startsWith('/api/projections') && projectionsRoute === 'present') {
        asked.push({ url: req.url, authorization: req.headers.authorization });
        res.setHeader('content-type', 'application/json');
        res.end(JSON.stringify({ projections: [projection], asOf: tt.asOf.toISOString(), knownAt: 'latest', position: '42' }));
      } else res.writeHead(404).end('{"status":404}');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise((resolve) => server.close(resolve)));

  it("asks GET /api/projections with the caller's token, pinned to the pack's moment, and keys the answers by indicator", async () => {
    projectionsRoute = 'present';
    const res = await fetch(`${base}/pack`, { headers: { authorization: 'Bearer caller' } });
    expect(await res.json()).toEqual([['da-risk-assessment', projection]]);
    expect(asked).toEqual([{ url: '/api/projections?asOf=2020-06-30T23%3A59%3A59.999Z&knownAt=latest&position=42', authorization: 'Bearer caller' }]);
  });

  it('gives none where the app has no projections route', async () => {
    projectionsRoute = 'absent';
    expect(await (await fetch(`${base}/pack`)).json()).toBeNull();
  });
});
