import type { NestExpressApplication } from '@nestjs/platform-express';
import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { mintToken } from '@rm/auth';
import { createApp } from '../../apps/api/src/bootstrap.js';
import { loadConfig } from '@rm/config';
import { TEST_SECRET } from '../support/api-harness.js';
import { readModelsInclude } from '../support/read-your-writes.js';

interface Line {
  path: string;
  body: Record<string, unknown>;
  reportedAt: string;
  actor?: { sub: string; name: string };
}

const lines: Line[] = readFileSync(new URL('../../demo/iops-2019.ndjson', import.meta.url), 'utf8')
  .split('\n')
  .filter((l) => l.trim() !== '')
  .map((l) => JSON.parse(l) as Line);
const EFFECTIVE = ['effectiveAt', 'assessedAt', 'startedOn', 'reportedOn', 'completedOn', 'date', 'decidedOn', 'inForceFrom'];

describe('iops-2019 demo: the founding case file is a valid historical import', () => {
  it('every line is { path, body, reportedAt, actor } with a full timestamp, never decreasing, never in the future', () => {
    expect(lines.length).toBeGreaterThan(500);
    let previous = 0;
    lines.forEach((line, i) => {
      expect(Object.keys(line).sort()).toEqual(['actor', 'body', 'path', 'reportedAt']);
      expect(line.reportedAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
      const t = Date.parse(line.reportedAt);
      if (t < previous) throw new Error(`line ${i + 1}: reportedAt goes back in time`);
      expect(t).toBeLessThanOrEqual(Date.now());
      previous = t;
    });
  });

  it('no effective date lies after its line was reported (due and target dates may)', () => {
    const late = lines.flatMap((line, i) =>
      EFFECTIVE.filter((f) => typeof line.body[f] === 'string' && Date.parse(line.body[f] as string) > Date.parse(line.reportedAt)).map((f) => `line ${i + 1}: ${f}`),
    );
    expect(late).toEqual([]);
  });

  it('every figure, baseline and correction says whether it is published or assumed', () => {
    const unsaid = lines.flatMap((line, i) => {
      const said = [line.body.source, (line.body.baseline as { source?: string } | undefined)?.source, line.body.reason].filter((s): s is string => typeof s === 'string');
      return said.filter((s) => !/^(Published|Assumed): /.test(s)).map((s) => `line ${i + 1}: ${s}`);
    });
    expect(unsaid).toEqual([]);
    expect(lines.filter((l) => l.path.endsWith('/corrections')).length).toBeGreaterThanOrEqual(1);
    expect(lines.filter((l) => typeof l.body.decidedOn === 'string').map((l) => l.body.decidedOn)).toContain('2019-12-10');
  });

  it("the README's replay: at 15 November 2019, 686 incidents awaiting assessment as known then, 649 as known now", () => {
    const asOf = Date.parse('2019-11-15T23:59:59.999Z');
    const figures = lines.filter((l) => l.path === '/api/indicators/da-risk-assessment/figures' && Date.parse(l.body.effectiveAt as string) <= asOf);
    const latest = (known: number) =>
      figures.filter((l) => Date.parse(l.reportedAt) <= known).sort((a, b) => Date.parse(a.body.effectiveAt as string) - Date.parse(b.body.effectiveAt as string)).pop()?.body.value;
    expect(latest(asOf)).toBe(686);
    expect(latest(Infinity)).toBe(649);
  });

  describe('the demo loads through the historical import', () => {
    let app: NestExpressApplication;
    let url: string;
    let token: string;
    const file = readFileSync(new URL('../../demo/iops-2019.ndjson', import.meta.url), 'utf8');
    const importFile = () =>
      fetch(`${url}/api/admin/imports`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/x-ndjson' }, body: file });
    const read = async (path: string) => (await fetch(url + path, { headers: { authorization: `Bearer ${token}` } })).json();
    beforeAll(async () => {
      app = await createApp(loadConfig({ DATA_DIR: 'memory://', AUTH_JWT_SECRET: TEST_SECRET, PORT: '0', LOG_LEVEL: 'error' }));
      await app.listen(0, '127.0.0.1');
      url = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;
      token = await mintToken(new TextEncoder().encode(TEST_SECRET), { sub: 'admin-1', roles: ['admin'] }, '1h');
    }, 120_000);
    afterAll(async () => app?.close());

    it('imports every line; the replay at 15 November 2019 shows 686 as known then and 649 as known now; a second import writes nothing', async () => {
      const res = await importFile();
      const answer = (await res.json()) as { lines: number; written: number; lastPosition: string; errors?: unknown };
      expect(answer.errors).toBeUndefined();
      expect(res.status).toBe(201);
      expect(answer.lines).toBe(lines.length);
      await readModelsInclude(url, token, answer.lastPosition);
      expect(await read('/api/indicators/da-risk-assessment?asOf=2019-11-15')).toMatchObject({ value: 686 });
      expect(await read('/api/indicators/da-risk-assessment?asOf=2019-11-15&knownAt=latest')).toMatchObject({ value: 649, peak: 720 });
      const again = await importFile();
      expect(again.status).toBe(200);
      expect(await again.json()).toMatchObject({ lines: lines.length, written: 0 });
    }, 180_000);

    it('gives trend projections that read sensibly for the founding case', async () => {
      const { projections } = (await read('/api/projections?asOf=2020-06-30&knownAt=latest')) as { projections: { indicatorId: string; status: string }[] };
      expect(projections.length).toBeGreaterThanOrEqual(5);
      for (const p of projections) expect(['returned', 'on-track', 'at-risk', 'off-track', 'no-target', 'not-returning', 'insufficient-data']).toContain(p.status);
      // Mid-recovery, as the board saw it then: the unmigrated crimes and the 999 answer time are coming back.
      for (const id of ['legacy-crimes-unmigrated', 'answer-time-999']) {
        const p = (await read(`/api/indicators/${id}/projection?asOf=2020-01-15`)) as { slopePerDay: number; status: string; projectedReturn: { date: string } | null };
        expect({ id, falling: p.slopePerDay < 0 }).toEqual({ id, falling: true });
        expect(['on-track', 'at-risk', 'off-track', 'returned']).toContain(p.status);
      }
    });
  });
});
