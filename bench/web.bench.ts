/**
 * Browser benchmark of the board's dashboard on the founding-case demo: time to interactive (the
 * page loaded, every indicator card drawn with its chart, controls usable) and the JavaScript the
 * first view loads, gzipped. Reference in the same run: the sign-in page, the lightest view.
 * Runs on embedded PGlite (as `npm start`), or on DATABASE_URL when set.
 */
import { readdirSync, readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';
import { mintToken } from '@rm/auth';
import { createApp } from '../apps/api/src/bootstrap.js';
import { loadConfig } from '@rm/config';
import { webDir } from '../apps/api/src/web/serve-web.js';
import { httpPost, seedIopsDemo } from './lib/iops-demo.js';
import { emit, log, median, round2 } from './lib/report.js';

const SECRET = 'web-bench-secret-of-at-least-thirty-two-chars';
const RUNS = Number(process.env.BENCH_RUNS ?? 7);
const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-quic', '--no-first-run', '--disable-component-update', '--disable-sync'];

const p95 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.ceil(xs.length * 0.95) - 1)];

const env = process.env.DATABASE_URL ? { DATABASE_URL: process.env.DATABASE_URL, DATABASE_SCHEMA: `webbench_${process.pid}` } : { DATA_DIR: 'memory://' };
const app = await createApp(loadConfig({ ...env, AUTH_JWT_SECRET: SECRET, LOG_LEVEL: 'error', PORT: '0' }));
await app.listen(0, '127.0.0.1');
const base = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;
const secret = new TextEncoder().encode(SECRET);
log('seeding the founding-case demo');
await seedIopsDemo(httpPost(base, await mintToken(secret, { sub: 'bench-po', roles: ['programme-office'] })));
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: FLAGS });
try {
  const context = await browser.newContext({ baseURL: base, viewport: { width: 1280, height: 800 } });
  await context.request.post('/api/session', { data: { token: await mintToken(secret, { sub: 'bench-board', roles: ['board'] }) } });
  const page = await context.newPage();
  const firstViewJs: { url: string; bytes: number }[] = [];
  page.on('response', async (res) => {
    if (!res.url().endsWith('.js')) return;
    firstViewJs.push({ url: res.url(), bytes: gzipSync(await res.body()).length });
  });
  const dashboard = '/?asOf=2020-03-02&knownAt=latest';
  const interactive = async () => {
    await page.locator('.card .chart svg').nth(3).waitFor();
    await page.getByLabel('As of').waitFor();
  };
  // Warm-up: the server's first reads and the browser's first parse are not what a board member sees twice.
  await page.goto(dashboard);
  await interactive();
  if (process.env.BENCH_DEBUG)
    log(JSON.stringify(await page.evaluate(() => (globalThis as unknown as { performance: { getEntriesByType(t: string): { name: string; startTime: number; responseEnd: number }[] } }).performance.getEntriesByType('resource').map((e) => `${e.name.replace(/^https?:\/\/[^/]+/, '')} ${Math.round(e.startTime)}-${Math.round(e.responseEnd)}`)), null, 1));
  const jsGzip = firstViewJs.reduce((n, f) => n + f.bytes, 0);
  const jsFiles = new Set(firstViewJs.map((f) => f.url)).size;
  const times: number[] = [];
  const refs: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    await page.goto('about:blank');
    let t = performance.now();
    await page.goto(dashboard);
    await interactive();
    times.push(performance.now() - t);
    await page.goto('about:blank');
    t = performance.now();
    await page.goto('/signin');
    await page.getByRole('heading').first().waitFor();
    refs.push(performance.now() - t);
  }
  const assets = join(webDir(), 'assets');
  const allJs = readdirSync(assets).filter((f) => f.endsWith('.js')).reduce((n, f) => n + gzipSync(readFileSync(join(assets, f))).length, 0);
  emit({ workload: 'dashboard-time-to-interactive', runs: RUNS, medianMs: round2(median(times)), p95Ms: round2(p95(times)), referenceMs: round2(median(refs)), reference: 'sign-in page load', ratio: round2(median(times) / median(refs)), budgetMs: 1500 });
  emit({ workload: 'first-view-js-gzip', bytes: jsGzip, kib: round2(jsGzip / 1024), files: jsFiles, budgetKib: 350, allJsGzipKib: round2(allJs / 1024) });
} finally {
  await browser.close();
  await app.close();
}
