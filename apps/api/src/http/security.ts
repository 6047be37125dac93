import type { NestExpressApplication } from '@nestjs/platform-express';
import type { NextFunction, Request, Response } from 'express';
import helmet from 'helmet';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import type { AppConfig } from '@rm/config';
import { problemType } from './problem.js';

/**
 * Security headers on every answer (helmet's defaults: a same-origin content security policy,
 * nosniff, frame denial, HSTS, no referrer leaks), CORS only for the configured origins, and
 * problem+json answers for requests Node refuses before any route runs.
 */
export function applySecurity(app: NestExpressApplication, config: AppConfig): void {
  app.use(securityHeaders());
  if (config.corsOrigins.length > 0)
    app.enableCors({ origin: config.corsOrigins, allowedHeaders: ['Authorization', 'Content-Type', 'If-Match', 'Idempotency-Key', 'X-Correlation-Id'], exposedHeaders: ['ETag', 'Location', 'Retry-After'], maxAge: 600 });
  answerClientErrors(app.getHttpServer() as Server);
}

/**
 * Helmet's default headers, taken from helmet once and set in one step: with its defaults they
 * are the same on every answer, and its chain of a dozen middlewares ran on every request.
 */
export function securityHeaders(): (req: Request, res: Response, next: NextFunction) => void {
  const set: [string, string][] = [];
  const removed: string[] = [];
  const recorder = { setHeader: (name: string, value: string) => set.push([name, String(value)]), removeHeader: (name: string) => removed.push(name) };
  let failure: unknown;
  helmet()({} as IncomingMessage, recorder as unknown as ServerResponse, (err?: unknown) => (failure = err));
  if (failure) throw failure;
  return (_req, res, next) => {
    for (const [name, value] of set) res.setHeader(name, value);
    for (const name of removed) res.removeHeader(name);
    next();
  };
}

/**
 * Node answers a request whose headers exceed its limit (16 KiB) or that it cannot parse with a
 * bare status line; with a listener, the answer is ours to write: problem+json like every other.
 */
function answerClientErrors(server: Server): void {
  server.on('clientError', (err: NodeJS.ErrnoException & { rawPacket?: unknown }, socket: Duplex) => {
    if (err.code === 'ECONNRESET' || !socket.writable) return void socket.destroy();
    const tooLarge = err.code === 'HPE_HEADER_OVERFLOW';
    const [status, code, title, detail] = tooLarge
      ? [431, 'HEADERS.TOO_LARGE', 'Request header fields too large', 'the request line and headers must not exceed 16 KiB together']
      : err.code === 'ERR_HTTP_REQUEST_TIMEOUT'
        ? [408, 'REQUEST.TIMEOUT', 'Request timeout', 'the request did not arrive in time']
        : [400, 'REQUEST.MALFORMED', 'Bad request', 'the request is not valid HTTP/1.1'];
    const body = JSON.stringify({ type: problemType(code), title, status, detail, code });
    socket.end(`HTTP/1.1 ${status} ${title}\r\nContent-Type: application/problem+json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`);
  });
}

