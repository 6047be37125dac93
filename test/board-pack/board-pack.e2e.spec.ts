import type { NestExpressApplication } from '@nestjs/platform-express';
import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { mintToken } from '@rm/auth';
import { createApp } from '../../apps/api/src/bootstrap.js';
import { loadConfig } from '@rm/config';
import { boardPack } from '../../apps/cli/src/board-pack.command.js';
import { readModelsInclude } from '../support/read-your-writes.js';
import { daIndicator, TEST_SECRET } from '../support/api-harness.js';

describe('board-pack.e2e: GET /api/board-pack and the CLI that writes it', () => {
  let app: NestExpressApplication;
  let url: string;
  let writer: string;
  let board: string;
  let beforeSlip: string;
  const get = (query: string, token = board) => fetch(`${url}/api/board-pack?${query}`, { headers: { authorization: `Bearer ${token}` } });

  beforeAll(async () => {
    app = await createApp(loadConfig({ DATA_DIR: 'memory://', AUTH_JWT_SECRET: TEST_SECRET, PORT: '0', LOG_LEVEL: 'error' }));
    await app.listen(0, '127.0.0.1');
    url = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;
    const secret = new TextEncoder().encode(TEST_SECRET);
    writer = await mintToken(secret, { sub: 'po-1', roles: ['programme-office'] }, '1h');
    board = await mintToken(secret, { sub: 'board-1', roles: ['board'] }, '1h');
    const post = async (path: string, body: unknown) => {
      const res = await fetch(url + path, { method: 'POST', headers: { authorization: `Bearer ${writer}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
      expect(res.status).toBe(201);
      return ((await res.json()) as { position: string }).position;
    };
    await post('/api/indicators', { ...daIndicator(), name: 'Domestic abuse <incidents> awaiting assessment' });
    for (const [value, effectiveAt] of [[40, '2019-07-15'], [310, '2019-08-20'], [540, '2019-09-25'], [686, '2019-11-01']] as const)
      await post('/api/indicators/da-risk-assessment/figures', { value, effectiveAt, source: 'weekly return' });
    await post('/api/plans', { id: 'iops-2019', title: 'iOPS recovery', objective: 'back to baseline', targetDate: '2020-03-31' });
    await post('/api/plans/iops-2019/actions', { actionId: 'da-lookback', title: 'DA look-back', owner: 'Public protection', dueDate: '2019-10-31', indicators: ['da-risk-assessment'], questions: [2, 3], successMeasure: 'all assessed' });
    beforeSlip = await post('/api/plans/iops-2019/actions', { actionId: 'triage', title: 'Triage cell', owner: 'Ops', dueDate: '2020-01-31', indicators: ['da-risk-assessment'], questions: [3], successMeasure: 'cell live' });
    const last = await post('/api/plans/iops-2019/actions/triage/reschedule', { dueDate: '2020-02-28', reason: 'supplier fix late' });
    await readModelsInclude(url, board, last);
  }, 120_000);
  afterAll(async () => app?.close());

  it('answers one self-contained HTML document: the six questions, the indicator with its chart, late actions, changes', async () => {
    const res = await get('asOf=2019-11-15&knownAt=latest&since=2019-10-01');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    expect(res.headers.get('x-as-of')).toBe('2019-11-15T23:59:59.999Z');
    expect(res.headers.get('x-known-at')).toBe('latest');
    const html = await res.text();
    expect(html.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(html).not.toMatch(/<script|<link|\ssrc=|href=|url\(|@import|https?:\/\//);
    expect(html.match(/<td class="q">\d<\/td>/g)).toHaveLength(6);
    expect(html).toContain('Domestic abuse &lt;incidents&gt; awaiting assessment');
    expect(html).toMatch(/<svg class="chart"[^>]*>.*<path class="history" d="M[^"]+"/);
    expect(html).toContain('<dd>686 <small>at 1 Nov 2019</small></dd>');
    expect(html).toMatch(/DA look-back.*overdue/);
    expect(html).not.toContain('Triage cell'); // slipped today, after this asOf
    expect(html).toMatch(/Changes since 1 Oct 2019.*<td>Domestic abuse &lt;incidents&gt; awaiting assessment<\/td><td class="n">540<\/td><td class="n">540<\/td><td>no<\/td><td class="n">686<\/td><td class="n">686<\/td><td>no<\/td>/);
    expect(html).toMatch(/Actions newly overdue.*DA look-back \(da-lookback\), due 31 Oct 2019/);
    expect(html).toContain('No trend: fewer than 4 days with a figure in the last 42 days (status <b>insufficient-data</b>).'); // one figure in the window
    // Everything here was entered today, so the figures about days up to since were back-filled since then.
    const restated = html.split('Figures restated or back-filled')[1];
    expect(restated.match(/<td class="n">not known<\/td>/g)).toHaveLength(3);
    expect(restated).toContain('<td class="n">not known</td><td class="n">540</td>');
  });

  it('shows a slip from the day it was decided', async () => {
    const html = await (await get(`asOf=${new Date().toISOString().slice(0, 10)}&knownAt=latest`)).text();
    expect(html).toMatch(/Triage cell.*<td class="d">28 Feb 2020<\/td><td class="d">31 Jan 2020<\/td><td class="n">1<\/td><td class="n">28<\/td>/);
  });

  it('gives byte-identical HTML for the same position, and another page at an earlier one', async () => {
    const first = await get('asOf=2019-11-15&knownAt=latest&since=2019-10-01');
    const position = first.headers.get('x-position')!;
    const again = await get(`asOf=2019-11-15&knownAt=latest&since=2019-10-01&position=${position}`);
    expect(await again.text()).toBe(await first.text());
    const earlier = await (await get(`asOf=2019-11-15&knownAt=latest&position=${beforeSlip}`)).text();
    expect(earlier).not.toContain('Triage cell');
  });

  it('refuses a bad since (400 naming the field) and a caller without a token (401)', async () => {
    const bad = await get('asOf=2019-11-15&since=yesterday');
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { errors: unknown }).errors).toEqual([expect.objectContaining({ field: 'since' })]);
    const after = await get('asOf=2019-11-15&since=2019-12-01');
    expect(((await after.json()) as { errors: unknown }).errors).toEqual([{ field: 'since', message: 'must not be after asOf' }]);
    expect((await fetch(`${url}/api/board-pack`)).status).toBe(401);
  });

  it('CLI: writes index.html and manifest.json with the moment and the sha256 of the HTML', async () => {
    const out = await mkdtemp(join(tmpdir(), 'rm-pack-'));
    try {
      await boardPack({ url, token: board, asOf: '2019-11-15', knownAt: 'latest', since: '2019-10-01', out });
      const html = await readFile(join(out, 'index.html'));
      const manifest = JSON.parse(await readFile(join(out, 'manifest.json'), 'utf8'));
      expect(manifest).toMatchObject({ asOf: '2019-11-15T23:59:59.999Z', knownAt: 'latest', since: '2019-10-01T23:59:59.999Z', sha256: createHash('sha256').update(html).digest('hex') });
      expect(BigInt(manifest.position) > 0n).toBe(true);
      expect(Date.parse(manifest.generatedAt)).not.toBeNaN();
      expect(html.toString()).not.toContain(manifest.generatedAt);
    } finally {
      await rm(out, { recursive: true, force: true });
    }
  });
});
