import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { loadConfig } from '@rm/config';
import express, { type NextFunction, type Request, type Response } from 'express';

const API_PATHS = /^\/(api|health)(\/|$)/;
/** Paths the server itself answers outside /api (sign-in links and the OIDC redirect). */
const SERVER_PATHS = /^\/(signin\/link|auth\/)/;

/** Where `npm run build` puts the web application; WEB_DIR overrides it (read by @rm/config). */
export const webDir = (env: NodeJS.ProcessEnv = process.env): string => loadConfig(env).webDir;

/**
 * Serves the built web application at `/`: its hashed assets cached for a year, and index.html for
 * every other path that is not the API's, so that client-side routes load on a refresh.
 */
export function serveWeb(app: NestExpressApplication, dir: string): boolean {
  const index = join(dir, 'index.html');
  if (!existsSync(index)) return false;
  app.useStaticAssets(join(dir, 'assets'), { prefix: '/assets/', immutable: true, maxAge: '365d', index: false, fallthrough: false });
  // The API's paths never name a file here: they skip the look-up on disk that every other GET makes.
  const files = express.static(dir, { index: false, maxAge: 0 });
  const ours = (req: Request) => API_PATHS.test(req.path) || SERVER_PATHS.test(req.path);
  app.use((req: Request, res: Response, next: NextFunction) => (ours(req) ? next() : files(req, res, next)));
  app.use((req: Request, res: Response, next: NextFunction) => {
    if ((req.method !== 'GET' && req.method !== 'HEAD') || ours(req)) return next();
    res.setHeader('Cache-Control', 'no-cache');
    res.setHeader('Content-Security-Policy', "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; frame-ancestors 'none'");
    res.sendFile(index);
  });
  return true;
}
