import type { NestExpressApplication } from '@nestjs/platform-express';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { mintToken } from '@rm/auth';
import { createApp } from '../../apps/api/src/bootstrap.js';
import { loadConfig } from '@rm/config';
import { ApiClient } from '../../apps/cli/src/api-client.js';
import { exportList } from '../../apps/cli/src/export.command.js';
import { replay } from '../../apps/cli/src/replay.command.js';
import { appSigningSecret, NoSigningSecret, tokenLifetime } from '../../apps/cli/src/signing-secret.js';
import { readModelsInclude } from '../support/read-your-writes.js';
import { daIndicator } from '../support/api-harness.js';

describe('cli.e2e: the command line against a running app on its embedded data directory', () => {
  let parent: string;
  let dataDir: string;
  let app: NestExpressApplication;
  let url: string;
  let writer: string;

  beforeAll(async () => {
    parent = await mkdtemp(join(tmpdir(), 'rm-cli-'));
    dataDir = join(parent, 'data');
    app = await createApp(loadConfig({ DATA_DIR: dataDir, PORT: '0', LOG_LEVEL: 'error' }));
    await app.listen(0, '127.0.0.1');
    url = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;
    const { secret } = await appSigningSecret(loadConfig({ DATA_DIR: dataDir }));
    writer = await mintToken(secret, { sub: 'po-1', roles: ['programme-office'] }, '1h');
    const post = async (path: string, body: unknown) => {
      const res = await fetch(url + path, { method: 'POST', headers: { authorization: `Bearer ${writer}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
      expect(res.status).toBe(201);
      return (await res.json()) as { position: string };
    };
    await post('/api/indicators', daIndicator());
    await post('/api/indicators/da-risk-assessment/figures', { value: 686, effectiveAt: '2019-11-01', source: 'HMICFRS fieldwork' });
    await post('/api/plans', { id: 'iops-2019', title: 'iOPS recovery', objective: 'back to baseline', targetDate: '2020-03-31' });
    const last = await post('/api/plans/iops-2019/actions', {
      actionId: 'da-lookback', title: 'DA look-back', owner: 'Public protection', dueDate: '2019-10-31', indicators: ['da-risk-assessment'], questions: [2, 3], successMeasure: 'all assessed',
    });
    await readModelsInclude(url, writer, last.position);
  }, 120_000);
  afterAll(async () => {
    await app?.close();
    await rm(parent, { recursive: true, force: true });
  });

  it('token: finds the secret the app made in its DATA_DIR, and says so; its tokens are accepted', async () => {
    const found = await appSigningSecret(loadConfig({ DATA_DIR: dataDir }));
    expect(found.from).toContain(join(dataDir, 'jwt-secret'));
    const inspector = await mintToken(found.secret, { sub: 'hmic-1', roles: ['inspector'] }, tokenLifetime('8h'));
    expect((await fetch(`${url}/api/scorecard`, { headers: { authorization: `Bearer ${inspector}` } })).status).toBe(200);
  });

  it('token: refuses, and creates nothing, where the data directory holds no secret', async () => {
    const empty = join(parent, 'not-the-app');
    await expect(appSigningSecret(loadConfig({ DATA_DIR: empty }))).rejects.toThrow(NoSigningSecret);
    await expect(appSigningSecret(loadConfig({ DATA_DIR: empty }))).rejects.toThrow(/no secret in .*not-the-app/);
    await expect(readdir(empty)).rejects.toThrow(/ENOENT/);
    await expect(appSigningSecret(loadConfig({ DATABASE_URL: 'postgres://x' }))).rejects.toThrow(/AUTH_JWT_SECRET/);
    const env = await appSigningSecret(loadConfig({ AUTH_JWT_SECRET: 'x'.repeat(40), DATA_DIR: empty }));
    expect(env.from).toBe('AUTH_JWT_SECRET');
  });

  it('token: lifetimes are capped at 12 hours', () => {
    expect(tokenLifetime('12h')).toBe('43200s');
    expect(tokenLifetime('30m')).toBe('1800s');
    expect(() => tokenLifetime('13h')).toThrow(/43200s \(AUTH_JWT_MAX_LIFETIME\)/);
    expect(() => tokenLifetime('2h', 3600)).toThrow(/3600s/);
    expect(() => tokenLifetime('forever')).toThrow(/duration/);
  });

  it("replay: the scorecard, indicators and overdue actions at one position, the API's numbers", async () => {
    const text = await replay({ url, token: writer, asOf: '2019-11-15', knownAt: 'latest' });
    const position = /log position (\d+)/.exec(text)![1];
    const scorecard = await new ApiClient({ url, token: writer }, 'inspector').json<{ questions: { question: number; status: string }[] }>('/api/scorecard', { asOf: '2019-11-15', knownAt: 'latest', position });
    for (const q of scorecard.questions) expect(text).toMatch(new RegExp(`\\n\\s+${q.question}  ${q.status}\\s`));
    expect(text).toMatch(/da-risk-assessment\s+686\s+2019-11-01\s+0\s+10\s+686/);
    expect(text).toMatch(/Overdue actions \(1\)[\s\S]*iops-2019\s+da-lookback\s+Public protection\s+planned\s+2019-10-31/);
    const before = await replay({ url, token: writer, asOf: '2019-10-15', knownAt: 'latest' });
    expect(before).toContain('Overdue actions (0)');
    expect(before).not.toContain('686');
  });

  it('export: a list read as CSV, flattened where the app answers JSON', async () => {
    const out = join(parent, 'indicators.csv');
    await exportList('indicators', { url, token: writer, asOf: '2019-11-15', knownAt: 'latest', out });
    const [header, row] = (await readFile(out, 'utf8')).trim().split('\n');
    const columns = header.split(',');
    const cells = row.split(',');
    expect(cells[columns.indexOf('id')]).toBe('da-risk-assessment');
    expect(cells[columns.indexOf('value')]).toBe('686');
    expect(cells[columns.indexOf('baseline.value')]).toBe('0');
  });
});
