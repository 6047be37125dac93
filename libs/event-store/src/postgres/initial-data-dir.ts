import { readFileSync } from 'node:fs';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * A freshly initialised PGlite data directory, dumped once at build time (`npm run build`).
 * Loading it into a new data directory skips initdb, which takes most of a first start
 * (measured by `npm run bench:start`). Beside the build output: dist/ when built, the project
 * root when run from source (where it is normally absent, and initdb runs as before).
 */
export const INITIAL_DATA_DIR = fileURLToPath(new URL('../../../../pglite-initial-data.tar', import.meta.url));

const stampOf = (tarball: string) => `${tarball}.json`;

function pgliteVersion(): string {
  const entry = createRequire(import.meta.url).resolve('@electric-sql/pglite');
  const manifest = join(dirname(entry), '..', 'package.json');
  return (JSON.parse(readFileSync(manifest, 'utf8')) as { version: string }).version;
}

/** The tarball, when one made by the installed PGlite version is there; else undefined (initdb then runs). */
export async function readInitialDataDir(tarball = INITIAL_DATA_DIR): Promise<Blob | undefined> {
  const tar = await readTarball(tarball);
  return tar && new Blob([tar], { type: 'application/x-tar' });
}

async function readTarball(tarball: string): Promise<Buffer | undefined> {
  try {
    const stamp = JSON.parse(await readFile(stampOf(tarball), 'utf8')) as { pglite?: string };
    // A data directory made by another PGlite (another PostgreSQL catalogue) would not open.
    if (stamp.pglite !== pgliteVersion()) return undefined;
    return await readFile(tarball);
  } catch {
    return undefined;
  }
}

/**
 * Unpacks the tarball into `dataDir` with Node's own file writes, for the owner only; false when
 * there is no usable tarball. PGlite's loadDataDir writes the same files through its emulated
 * file system, which took longer than opening the directory afterwards (measured by bench:start).
 */
export async function unpackInitialDataDir(dataDir: string, tarball = INITIAL_DATA_DIR): Promise<boolean> {
  const tar = await readTarball(tarball);
  if (!tar) return false;
  for (let at = 0; at + BLOCK <= tar.length; ) {
    const name = field(tar, at, 0, 100);
    if (!name) break; // the two zero blocks that end the archive
    const size = parseInt(field(tar, at, 124, 12) || '0', 8);
    const type = String.fromCharCode(tar[at + 156] || 48);
    const prefix = field(tar, at, 345, 155);
    const path = join(dataDir, ...`${prefix}${prefix ? '/' : ''}${name}`.split('/').filter((part) => part && part !== '..'));
    const body = at + BLOCK;
    if (type === '5') await mkdir(path, { recursive: true, mode: 0o700 });
    else if (type === '0') {
      await mkdir(dirname(path), { recursive: true, mode: 0o700 });
      await writeFile(path, tar.subarray(body, body + size), { mode: 0o600 });
    } else throw new Error(`unexpected entry type ${type} for ${name} in ${tarball}`);
    at = body + Math.ceil(size / BLOCK) * BLOCK;
  }
  return true;
}

const BLOCK = 512;
const field = (tar: Buffer, header: number, offset: number, length: number) =>
  tar.toString('utf8', header + offset, header + offset + length).replace(/\0.*$/s, '').trim();

/** Writes the tarball unless one from the installed PGlite version is already there. Returns whether it wrote. */
export async function writeInitialDataDir(tarball = INITIAL_DATA_DIR): Promise<boolean> {
  const version = pgliteVersion();
  if (await readInitialDataDir(tarball)) return false;
  const { PGlite } = await import('@electric-sql/pglite');
  const db = await PGlite.create();
  try {
    // Uncompressed: 40 MB, but gunzip costs more at start than reading it (measured: +0.9 s).
    const dump = await db.dumpDataDir('none');
    await writeFile(`${tarball}.tmp`, Buffer.from(await dump.arrayBuffer()));
    await rename(`${tarball}.tmp`, tarball);
    await writeFile(stampOf(tarball), JSON.stringify({ pglite: version }) + '\n');
    return true;
  } finally {
    await db.close();
  }
}
