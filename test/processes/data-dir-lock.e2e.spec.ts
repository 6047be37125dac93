import { openDatabase } from '@rm/event-store';
import { mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { daIndicator } from '../support/api-harness.js';
import { CLI_ENTRY, postJson, runProcess, startApiProcess, stopAllProcesses, writerToken } from '../support/processes.js';

async function modesUnder(dir: string): Promise<Map<string, number>> {
  const modes = new Map<string, number>([[dir, (await stat(dir)).mode & 0o777]]);
  for (const entry of await readdir(dir, { withFileTypes: true, recursive: true })) {
    const path = join(entry.parentPath, entry.name);
    modes.set(path, (await stat(path)).mode & 0o777);
  }
  return modes;
}

describe('the embedded data directory has one owner process', () => {
  let parent: string;

  beforeAll(async () => {
    parent = await mkdtemp(join(tmpdir(), 'rm-lock-'));
  });
  afterAll(async () => {
    await stopAllProcesses();
    await rm(parent, { recursive: true, force: true });
  });

  it('refuses a second app and the CLI while the first runs; the first keeps every acknowledged write; files are the owner’s only', async () => {
    const dataDir = join(parent, 'data');
    const first = await startApiProcess({ DATA_DIR: dataDir });
    try {
      const second = runProcess('apps/api/src/main.ts', [], { DATA_DIR: dataDir, PORT: '0' });
      expect(await second.exited).not.toBe(0);
      expect(second.output()).toContain(`${dataDir} is in use by process ${first.pid}`);

      const rebuild = runProcess(CLI_ENTRY, ['rebuild'], { DATA_DIR: dataDir });
      expect(await rebuild.exited).not.toBe(0);
      expect(rebuild.output()).toContain(`${dataDir} is in use by process ${first.pid}`);

      const token = await writerToken();
      expect((await postJson(`${first.url}/api/indicators`, token, daIndicator('lock-check'))).status).toBe(201);
      const writes = await Promise.all(
        Array.from({ length: 30 }, (_, i) => postJson(`${first.url}/api/indicators/lock-check/figures`, token, { value: i, effectiveAt: '2019-11-01', source: `return ${i}` })),
      );
      expect(writes.map((w) => w.status)).toEqual(writes.map(() => 201));
    } finally {
      expect(await first.kill('SIGTERM')).toBe(0);
    }

    const modes = await modesUnder(dataDir);
    const open = [...modes].filter(([, mode]) => (mode & 0o077) !== 0).map(([path, mode]) => `${path} ${mode.toString(8)}`);
    expect(open).toEqual([]);
    expect(modes.get(dataDir)).toBe(0o700);

    // The lock went with the process: the directory opens again, with all 31 acknowledged events.
    const db = await openDatabase({ dataDir });
    try {
      const { rows } = await db.pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM rm_events WHERE stream_id = 'indicator-lock-check'`);
      expect(rows[0].n).toBe(31);
    } finally {
      await db.close();
    }
  }, 180_000);
});
