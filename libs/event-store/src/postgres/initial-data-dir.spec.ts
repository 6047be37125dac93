import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from './database.js';
import { readInitialDataDir, unpackInitialDataDir, writeInitialDataDir } from './initial-data-dir.js';
import { migrate } from './migrations.js';

describe('a new embedded data directory starts from the prepared initial data directory', () => {
  let root: string;
  let tarball: string;

  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'rm-initial-'));
    tarball = join(root, 'initial.tar');
    expect(await writeInitialDataDir(tarball)).toBe(true);
  }, 120_000);

  afterAll(() => rm(root, { recursive: true, force: true }));

  it('is written once per PGlite version', async () => {
    expect(await writeInitialDataDir(tarball)).toBe(false);
    expect(await readInitialDataDir(tarball)).toBeInstanceOf(Blob);
  });

  it('is ignored when another PGlite version made it', async () => {
    const other = join(root, 'other.tar');
    await writeFile(other, await readFile(tarball));
    await writeFile(`${other}.json`, JSON.stringify({ pglite: '0.0.1' }));
    expect(await readInitialDataDir(other)).toBeUndefined();
  });

  it('unpacks byte for byte what tar unpacks, for the owner only', async () => {
    const byTar = join(root, 'by-tar');
    const unpacked = join(root, 'unpacked');
    await mkdir(byTar);
    execFileSync('tar', ['-xf', tarball, '-C', byTar]);
    expect(await unpackInitialDataDir(unpacked, tarball)).toBe(true);
    const files = await filesUnder(byTar);
    expect(files.length).toBeGreaterThan(500);
    expect(await filesUnder(unpacked)).toEqual(files);
    for (const file of files) expect((await readFile(join(unpacked, file))).equals(await readFile(join(byTar, file)))).toBe(true);
    expect((await stat(join(unpacked, 'global', 'pg_control'))).mode & 0o777).toBe(0o600);
    expect((await stat(join(unpacked, 'base'))).mode & 0o777).toBe(0o700);
  });

  it('opens, migrates and keeps what it commits, with files for the owner only', async () => {
    const dataDir = join(root, 'fresh');
    const db = await openDatabase({ dataDir, initialDataDir: tarball });
    await migrate(db.pool, 'public');
    await db.pool.query(`INSERT INTO public.rm_streams (stream_id, revision) VALUES ('indicator-kept', 0)`);
    await db.close();
    expect((await stat(dataDir)).mode & 0o777).toBe(0o700);
    expect((await stat(join(dataDir, 'base'))).mode & 0o777).toBe(0o700);
    expect((await stat(join(dataDir, 'PG_VERSION'))).mode & 0o777).toBe(0o600);
    await expect(stat(join(dataDir, '.rm-first-start'))).rejects.toThrow();

    const again = await openDatabase({ dataDir, initialDataDir: tarball });
    const { rows } = await again.pool.query(`SELECT revision FROM public.rm_streams WHERE stream_id = 'indicator-kept'`);
    await again.close();
    expect(rows).toEqual([{ revision: '0' }]);
  });

  it('redoes a first start that was killed half-way, keeping the token secret', async () => {
    const dataDir = join(root, 'interrupted');
    await mkdir(join(dataDir, 'base'), { recursive: true, mode: 0o700 });
    await writeFile(join(dataDir, 'PG_VERSION'), '18\n');
    await writeFile(join(dataDir, 'jwt-secret'), 'a-secret-of-the-app\n', { mode: 0o600 });
    await writeFile(join(dataDir, '.rm-first-start'), '');
    const db = await openDatabase({ dataDir, initialDataDir: tarball });
    const { rows } = await db.pool.query('SELECT 1 AS answer');
    await db.close();
    expect(rows).toEqual([{ answer: 1 }]);
    expect(await readFile(join(dataDir, 'jwt-secret'), 'utf8')).toBe('a-secret-of-the-app\n');
    await expect(stat(join(dataDir, '.rm-first-start'))).rejects.toThrow();
  });
});

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries.filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name).slice(dir.length + 1)).sort();
}
