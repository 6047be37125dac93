import type { NestExpressApplication } from '@nestjs/platform-express';
import request from 'supertest';
import type { Role } from '../../apps/api/src/auth/roles.js';
import { mintToken } from '@rm/auth';
import { createApp } from '../../apps/api/src/bootstrap.js';
import { loadConfig } from '@rm/config';
import { TEST_SECRET } from './api-harness.js';

export interface EmbeddedApi {
  app: NestExpressApplication;
  http: ReturnType<typeof request>;
  tokens: Record<Role, string>;
  close(): Promise<void>;
}

/** Boots the whole app on a fresh in-memory PGlite, as `npm start` runs it without a server. */
export async function startEmbeddedApi(env: Record<string, string> = {}): Promise<EmbeddedApi> {
  const app = await createApp(loadConfig({ DATA_DIR: 'memory://', AUTH_JWT_SECRET: TEST_SECRET, LOG_LEVEL: 'error', PORT: '0', ...env }));
  await app.init();
  const secret = new TextEncoder().encode(TEST_SECRET);
  const tokens = {} as Record<Role, string>;
  for (const role of ['programme-office', 'inspector', 'board', 'admin'] as const)
    tokens[role] = await mintToken(secret, { sub: `${role}-1`, name: `Test ${role}`, roles: [role] });
  return { app, http: request(app.getHttpServer()), tokens, close: () => app.close() };
}
