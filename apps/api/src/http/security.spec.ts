import helmet from 'helmet';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { securityHeaders } from './security.js';

type Middleware = (req: IncomingMessage, res: ServerResponse, next: (err?: unknown) => void) => void;

/** The headers a real response carries after `middleware` (X-Powered-By set first, as Express does). */
async function headersAfter(middleware: Middleware): Promise<Record<string, string>> {
  const server = createServer((req, res) => {
    res.setHeader('X-Powered-By', 'Express');
    middleware(req, res, () => res.end('{}'));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    const res = await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`);
    const headers = Object.fromEntries([...res.headers].filter(([name]) => !['date', 'connection', 'keep-alive', 'content-length'].includes(name)));
    return headers;
  } finally {
    server.close();
  }
}

describe('securityHeaders', () => {
  it('sets exactly the headers helmet sets, and removes what it removes', async () => {
    const ours = await headersAfter(securityHeaders() as unknown as Middleware);
    expect(ours).toEqual(await headersAfter(helmet() as unknown as Middleware));
    expect(ours['content-security-policy']).toMatch(/default-src 'self'/);
    expect(ours['x-powered-by']).toBeUndefined();
    expect(Object.keys(ours).length).toBeGreaterThan(10);
  });
});
