import { readFileSync } from 'node:fs';
import { readFile, rename, writeFile } from 'node:fs/promises';
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
  try {
    const stamp = JSON.parse(await readFile(stampOf(tarball), 'utf8')) as { pglite?: string };
    // A data directory made by another PGlite (another PostgreSQL catalogue) would not open.
    if (stamp.pglite !== pgliteVersion()) return undefined;
    return new Blob([await readFile(tarball)], { type: 'application/x-tar' });
  } catch {
    return undefined;
  }
}

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
