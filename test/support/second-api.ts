import type { NestExpressApplication } from '@nestjs/platform-express';
import request from 'supertest';
import { createApp } from '../../apps/api/src/bootstrap.js';
import { loadConfig } from '@rm/config';
import { TEST_SECRET, type ApiHarness } from './api-harness.js';

/** Another API process on the same database and schema as `api`: a second node behind a load balancer. */
export async function startSecondApi(api: ApiHarness, databaseUrl: string, env: Record<string, string> = {}): Promise<{ http: ReturnType<typeof request>; close(): Promise<void> }> {
  const app: NestExpressApplication = await createApp(
    loadConfig({ DATABASE_URL: databaseUrl, DATABASE_SCHEMA: api.schema, AUTH_JWT_SECRET: TEST_SECRET, LOG_LEVEL: 'error', PORT: '0', ...env }),
  );
  await app.init();
  return { http: request(app.getHttpServer()), close: () => app.close() };
}
