import type { NestExpressApplication } from '@nestjs/platform-express';
import { spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import pg from 'pg';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import type { Role } from '../../../apps/api/src/auth/roles.js';
import { mintToken } from '@rm/auth';
import { createApp } from '../../../apps/api/src/bootstrap.js';
import { loadConfig } from '@rm/config';

export const WEB_SECRET = 'web-test-secret-of-at-least-thirty-two-chars';
export const CHROMIUM = '/usr/bin/chromium';
export const CHROMIUM_FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-quic', '--no-first-run', '--disable-component-update', '--disable-sync', '--lang=en-GB'];
export const SCREENSHOTS = join(process.cwd(), 'test-output', 'screenshots');
export const SIZES = [
  { name: 'desktop', width: 1280, height: 800 },
  { name: 'phone', width: 390, height: 844 },
] as const;

/** Builds the web assets once per run of a suite, so a browser test never runs stale code. */
export function buildWeb(): void {
  const r = spawnSync('npm', ['run', '-s', 'build:web'], { stdio: 'inherit' });
  if (r.status !== 0) throw new Error('npm run build:web failed');
}

export interface WebHarness {
  app: NestExpressApplication;
  baseUrl: string;
  browser: Browser;
  token(roles: Role[], sub?: string): Promise<string>;
  /** A browser context signed in through the sign-in page with a token of these roles. */
  signedIn(roles: Role[], size?: { width: number; height: number }): Promise<{ context: BrowserContext; page: Page }>;
  close(): Promise<void>;
}

/** The whole app on the test PostgreSQL server (a schema of its own), listening on loopback, and Chromium. */
export async function startWeb(databaseUrl: string, env: Record<string, string> = {}): Promise<WebHarness> {
  const schema = `web_${randomBytes(5).toString('hex')}`;
  const app = await createApp(loadConfig({ DATABASE_URL: databaseUrl, DATABASE_SCHEMA: schema, AUTH_JWT_SECRET: WEB_SECRET, LOG_LEVEL: 'error', PORT: '0', DATABASE_POOL_SIZE: '6', ...env }));
  await app.listen(0, '127.0.0.1');
  const baseUrl = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_FLAGS, timeout: 30_000 });
  mkdirSync(SCREENSHOTS, { recursive: true });
  const token = (roles: Role[], sub = `${roles.join('+')}-1`) => mintToken(new TextEncoder().encode(WEB_SECRET), { sub, name: `Test ${roles.join(' and ')}`, roles });
  return {
    app,
    baseUrl,
    browser,
    token,
    async signedIn(roles, size = SIZES[0]) {
      const context = await browser.newContext({ baseURL: baseUrl, viewport: size, locale: 'en-GB', timezoneId: 'UTC' });
      const page = await context.newPage();
      await page.goto('/signin');
      await page.getByLabel('Token').fill(await token(roles));
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.getByRole('button', { name: 'Sign out' }).waitFor();
      return { context, page };
    },
    async close() {
      await browser.close();
      await app.close();
      const admin = new pg.Client({ connectionString: databaseUrl });
      await admin.connect();
      await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      await admin.end();
    },
  };
}
