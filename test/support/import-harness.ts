import type { NestExpressApplication } from '@nestjs/platform-express';
import request from 'supertest';
import { mintToken } from '@rm/auth';
import { createApp } from '../../apps/api/src/bootstrap.js';
import { loadConfig } from '@rm/config';
import type { Role } from '../../apps/api/src/auth/roles.js';
import { startApi, TEST_SECRET, type ApiHarness } from './api-harness.js';
import { writeSteps } from './write-routes.js';

/** The app on the PostgreSQL server, or on an in-memory PGlite (no server needed). */
export async function startImportApi(kind: 'postgres' | 'pglite', databaseUrl?: string): Promise<ApiHarness> {
  if (kind === 'postgres') return startApi(databaseUrl!);
  const app: NestExpressApplication = await createApp(loadConfig({ DATA_DIR: 'memory://', AUTH_JWT_SECRET: TEST_SECRET, LOG_LEVEL: 'error', PORT: '0' }));
  await app.init();
  const secret = new TextEncoder().encode(TEST_SECRET);
  const tokens = {} as Record<Role, string>;
  for (const role of ['programme-office', 'inspector', 'board', 'admin'] as const)
    tokens[role] = await mintToken(secret, { sub: `${role}-1`, name: `Test ${role}`, roles: [role] });
  return {
    app,
    http: request(app.getHttpServer()),
    schema: 'public',
    tokens,
    eventCount: () => Promise.reject(new Error('count events through the audit trail on PGlite')),
    close: () => app.close(),
  };
}

export interface HistoryLine {
  path: string;
  body: Record<string, unknown>;
  reportedAt: string;
  actor?: { sub: string; name?: string };
}

/** Every POST route of the API as one history file, reported a minute apart from `start`. */
export function historyOfEveryRoute(suffix: string, start = Date.parse('2020-06-01T08:00:00Z')): HistoryLine[] {
  const writes = writeSteps(suffix).flatMap((step) => [...(step.before ?? []), { path: step.path, body: step.body }]);
  return writes.map((w, i) => ({ ...w, reportedAt: new Date(start + i * 60_000).toISOString() }));
}

export const ndjson = (lines: readonly object[]): string => lines.map((l) => JSON.stringify(l)).join('\n') + '\n';

export function importHistory(api: ApiHarness, text: string, options: { role?: Role; dryRun?: boolean; type?: string } = {}) {
  return api.http
    .post(`/api/admin/imports${options.dryRun ? '?dryRun=true' : ''}`)
    .set('Authorization', `Bearer ${api.tokens[options.role ?? 'admin']}`)
    .set('Content-Type', options.type ?? 'application/x-ndjson')
    .send(text);
}
