import { TEST_DATABASE_URL } from '@rm/event-store/testing';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { mintToken } from '@rm/auth';
import { daIndicator, TEST_SECRET } from '../support/api-harness.js';
import { getJson, postJson, startApiProcess, stopAllProcesses, writerToken } from '../support/processes.js';

const WRITERS = 8;
const KILL_AFTER_ACKS = 40;
/** Killed by then at the latest, however few writes a loaded machine acknowledged. */
const KILL_AFTER_MS = 5000;
const kinds = TEST_DATABASE_URL ? (['PostgreSQL', 'PGlite'] as const) : (['PGlite'] as const);

describe.each(kinds)('kill-server.fault: kill -9 of the API under concurrent writes on %s', (kind) => {
  const schema = `k_${randomBytes(5).toString('hex')}`;
  let parent: string;
  let env: Record<string, string>;

  beforeAll(async () => {
    parent = await mkdtemp(join(tmpdir(), 'rm-kill-'));
    env = kind === 'PostgreSQL' ? { DATABASE_URL: TEST_DATABASE_URL!, DATABASE_SCHEMA: schema } : { DATA_DIR: join(parent, 'data') };
  });
  afterAll(async () => {
    await stopAllProcesses();
    await rm(parent, { recursive: true, force: true });
    if (kind !== 'PostgreSQL') return;
    const admin = new pg.Client({ connectionString: TEST_DATABASE_URL });
    await admin.connect();
    const { rows } = await admin.query<{ nspname: string }>('SELECT nspname FROM pg_namespace WHERE nspname LIKE $1', [`${schema}%`]);
    for (const { nspname } of rows) await admin.query(`DROP SCHEMA ${nspname} CASCADE`);
    await admin.end();
  });

  it('keeps every acknowledged write exactly once after a restart', async () => {
    const token = await writerToken();
    const first = await startApiProcess(env);
    expect((await postJson(`${first.url}/api/indicators`, token, daIndicator('crash'))).status).toBe(201);

    const acknowledged: string[] = [];
    let killed = false;
    const kill = () => {
      if (killed) return;
      killed = true;
      first.child.kill('SIGKILL');
    };
    const deadline = setTimeout(kill, KILL_AFTER_MS);
    const writer = async (w: number) => {
      for (let i = 0; !killed; i++) {
        const source = `writer ${w} #${i}`;
        const res = await postJson(`${first.url}/api/indicators/crash/figures`, token, { value: i, effectiveAt: '2019-11-01', source }).catch(() => undefined);
        if (res?.status === 201) acknowledged.push(source);
        if (acknowledged.length >= KILL_AFTER_ACKS) kill();
      }
    };
    await Promise.all(Array.from({ length: WRITERS }, (_, w) => writer(w)));
    clearTimeout(deadline);
    expect(await first.exited).toBe('SIGKILL');

    const second = await startApiProcess(env);
    try {
      const inspector = await mintToken(new TextEncoder().encode(TEST_SECRET), { sub: 'inspector-1', name: 'Inspector', roles: ['inspector'] });
      const stream = await getJson(`${second.url}/api/streams/indicator-crash?limit=1000`, inspector);
      expect(stream.status).toBe(200);
      const sources = (stream.body as unknown as { data: { source?: string } }[]).map((e) => e.data.source).filter((s) => s !== undefined);
      const counts = new Map<string, number>();
      for (const s of sources) counts.set(s, (counts.get(s) ?? 0) + 1);
      expect(acknowledged.length).toBeGreaterThan(0);
      expect(acknowledged.filter((s) => counts.get(s) !== 1)).toEqual([]);
      expect([...counts].filter(([, n]) => n > 1)).toEqual([]);
    } finally {
      await second.kill('SIGTERM');
    }
  }, 240_000);
});
