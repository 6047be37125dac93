import type { NestExpressApplication } from '@nestjs/platform-express';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import request from 'supertest';
import type { Role } from '../../apps/api/src/auth/roles.js';
import { mintToken } from '@rm/auth';
import { createApp } from '../../apps/api/src/bootstrap.js';
import { loadConfig } from '@rm/config';

export const TEST_SECRET = 'test-secret-of-at-least-thirty-two-characters';

export interface ApiHarness {
  app: NestExpressApplication;
  http: ReturnType<typeof request>;
  schema: string;
  tokens: Record<Role, string>;
  /** Number of events in the log. */
  eventCount(): Promise<number>;
  close(): Promise<void>;
}

/** Boots the whole app on the test PostgreSQL server, in a schema of its own. */
export async function startApi(databaseUrl: string, env: Record<string, string> = {}): Promise<ApiHarness> {
  const schema = `e2e_${randomBytes(5).toString('hex')}`;
  const app = await createApp(loadConfig({ DATABASE_URL: databaseUrl, DATABASE_SCHEMA: schema, AUTH_JWT_SECRET: TEST_SECRET, LOG_LEVEL: 'error', PORT: '0', DATABASE_POOL_SIZE: '6', ...env }));
  await app.init();
  const secret = new TextEncoder().encode(TEST_SECRET);
  const tokens = {} as Record<Role, string>;
  for (const role of ['programme-office', 'inspector', 'board', 'admin'] as const)
    tokens[role] = await mintToken(secret, { sub: `${role}-1`, name: `Test ${role}`, roles: [role] });
  const admin = new pg.Pool({ connectionString: databaseUrl, max: 2 });
  return {
    app,
    http: request(app.getHttpServer()),
    schema,
    tokens,
    async eventCount() {
      const { rows } = await admin.query(`SELECT count(*)::int AS n FROM ${schema}.rm_events`);
      return rows[0].n as number;
    },
    async close() {
      await app.close();
      await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      await admin.end();
    },
  };
}

export const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });

export const daIndicator = (id = 'da-risk-assessment') => ({
  id,
  name: 'Domestic abuse incidents awaiting risk assessment',
  description: 'Incidents with no DASH risk assessment recorded',
  unit: 'count',
  direction: 'lower-is-better',
  baseline: { value: 0, from: '2019-06-01', to: '2019-06-30', source: 'GMP pre-go-live returns' },
  tolerance: 10,
  owner: 'Head of Public Protection',
  questions: [1, 2],
});
