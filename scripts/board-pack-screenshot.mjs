/* global process, console, URL, URLSearchParams, TextEncoder, fetch, document */
// npm run board-pack:screenshot [-- OUT_DIR]: renders the founding case's board pack in headless
// Chromium (Debian's /usr/bin/chromium, or CHROMIUM_PATH) and writes board-pack.png and index.html,
// for a human to look at. Boots the built app in memory, loads demo/iops-2019.ndjson through the
// historical import where the app has it, else line by line through the write routes.
import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';

const out = process.argv[2] ?? 'board-pack-screenshot';
const asOf = process.env.AS_OF ?? '2020-06-30';
const knownAt = process.env.KNOWN_AT ?? 'latest';
const since = process.env.SINCE ?? '2020-03-31';
const secret = randomBytes(32).toString('hex');
const { createApp } = await import(new URL('../dist/apps/api/src/bootstrap.js', import.meta.url));
const { loadConfig } = await import(new URL('../dist/libs/config/src/index.js', import.meta.url));
const { mintToken } = await import(new URL('../dist/libs/auth/src/index.js', import.meta.url));

const app = await createApp(loadConfig({ DATA_DIR: 'memory://', AUTH_JWT_SECRET: secret, PORT: '0', LOG_LEVEL: 'error' }));
await app.listen(0, '127.0.0.1');
const url = `http://127.0.0.1:${app.getHttpServer().address().port}`;
const token = await mintToken(new TextEncoder().encode(secret), { sub: 'screenshot', roles: ['admin'] }, '1h');
const auth = { authorization: `Bearer ${token}` };
try {
  const ndjson = readFileSync(new URL('../demo/iops-2019.ndjson', import.meta.url), 'utf8');
  let position = await importHistory(ndjson);
  if (position === undefined) position = await postLineByLine(ndjson);
  await fetch(`${url}/api/indicators?waitFor=${position}`, { headers: auth });
  const res = await fetch(`${url}/api/board-pack?${new URLSearchParams({ asOf, knownAt, since })}`, { headers: auth });
  if (!res.ok) throw new Error(`board pack: ${res.status} ${await res.text()}`);
  const html = await res.text();
  mkdirSync(out, { recursive: true });
  writeFileSync(join(out, 'index.html'), html);
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
  try {
    const page = await browser.newPage({ viewport: { width: 1100, height: 900 } });
    const requests = [];
    page.on('request', (r) => requests.push(r.url()));
    await page.setContent(html, { waitUntil: 'load' });
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    await page.screenshot({ path: join(out, 'board-pack.png'), fullPage: true });
    console.log(JSON.stringify({ png: join(out, 'board-pack.png'), bytes: html.length, externalRequests: requests.length, horizontalOverflowPx: overflow }));
    if (requests.length > 0 || overflow > 0) process.exitCode = 1;
  } finally {
    await browser.close();
  }
} finally {
  await app.close();
}

async function importHistory(ndjson) {
  const res = await fetch(`${url}/api/admin/imports`, { method: 'POST', headers: { ...auth, 'content-type': 'application/x-ndjson' }, body: ndjson });
  if (res.status === 404) return undefined;
  const body = await res.json();
  if (!res.ok) throw new Error(`import: ${res.status} ${JSON.stringify(body)}`);
  return body.lastPosition;
}

/** Without the import route the facts are recorded now; only knownAt=latest then shows them. */
async function postLineByLine(ndjson) {
  console.error('no POST /api/admin/imports here: posting each line to its route (known times are now)');
  let position = '0';
  for (const line of ndjson.split('\n').filter(Boolean).map((l) => JSON.parse(l))) {
    const body = Object.fromEntries(Object.entries(line.body).filter(([k]) => k !== 'decidedOn' && k !== 'inForceFrom'));
    const res = await fetch(url + line.path, { method: 'POST', headers: { ...auth, 'content-type': 'application/json' }, body: JSON.stringify(body) });
    if (!res.ok) throw new Error(`${line.path}: ${res.status} ${await res.text()}`);
    position = (await res.json()).position;
  }
  return position;
}
