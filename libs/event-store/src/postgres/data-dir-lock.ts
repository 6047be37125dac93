import { chmodSync, readdirSync } from 'node:fs';
import { mkdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import lockfile from 'proper-lockfile';

/** The lock's directory inside the data directory (proper-lockfile's mkdir lock) and who holds it. */
export const LOCK_DIR = '.rm-lock';
export const OWNER_FILE = '.rm-lock-owner';
const TAKEOVER_DIR = '.rm-lock-takeover';

// The holder refreshes the lock every UPDATE_MS; any lock STALE_MS old is taken over. A lock whose
// holder is known to be dead is taken over at once, by one process at a time (the takeover lock);
// a live holder is never waited for: the second process refuses at once.
const STALE_MS = 10_000;
const UPDATE_MS = 2_000;
/** A lock refreshed this recently may be one just taken by a process yet to write its name. */
const UNREFRESHED_MS = UPDATE_MS * 1.5;

export class DataDirectoryInUse extends Error {
  constructor(
    readonly dataDir: string,
    readonly holder: { pid?: number; command?: string },
  ) {
    const who = holder.pid ? `process ${holder.pid}${holder.command ? ` (${holder.command})` : ''}` : 'another process';
    super(`the embedded database directory ${dataDir} is in use by ${who}; stop it first, or point DATA_DIR elsewhere`);
  }
}

/**
 * Makes `dataDir` exclusive to this process for its life (the app, the CLI and the worker alike):
 * creates it readable by the owner only, and holds an inter-process lock on it. Returns the release.
 */
export async function lockDataDirectory(dataDir: string): Promise<() => Promise<void>> {
  await mkdir(dataDir, { recursive: true, mode: 0o700 });
  restrictToOwner(dataDir);
  for (;;) {
    try {
      const release = await acquire(dataDir, LOCK_DIR);
      await writeOwner(dataDir);
      return release;
    } catch (err) {
      if ((err as { code?: string }).code !== 'ELOCKED') throw err;
    }
    const holder = await readHolder(dataDir);
    if (holder.pid === undefined || isAlive(holder.pid)) throw new DataDirectoryInUse(dataDir, holder);
    const taken = await takeOverFromDead(dataDir, holder.pid).catch((err: { code?: string }) => {
      if (err.code === 'ELOCKED') return undefined; // another process took it first: look again
      throw err;
    });
    if (taken) return taken;
    await new Promise((r) => setTimeout(r, 100));
  }
}

function acquire(dataDir: string, lockDir: typeof LOCK_DIR | typeof TAKEOVER_DIR): Promise<() => Promise<void>> {
  // proper-lockfile keys its locks by the locked path: the takeover lock needs a path of its own.
  return lockfile.lock(lockDir === LOCK_DIR ? dataDir : join(dataDir, OWNER_FILE), {
    realpath: false,
    lockfilePath: join(dataDir, lockDir),
    stale: STALE_MS,
    update: UPDATE_MS,
    onCompromised: (err) => {
      // Another process may now write the same files: stopping is the only safe course.
      console.error(`fatal: lost the lock on ${dataDir}: ${err.message}`);
      process.exit(75);
    },
  });
}

/** The holder was killed: remove its lock, unless another process is doing so. */
async function takeOverFromDead(dataDir: string, deadPid: number): Promise<(() => Promise<void>) | undefined> {
  let releaseTakeover: () => Promise<void>;
  try {
    releaseTakeover = await acquire(dataDir, TAKEOVER_DIR);
  } catch (err) {
    if ((err as { code?: string }).code === 'ELOCKED') return undefined;
    throw err;
  }
  try {
    if ((await readHolder(dataDir)).pid !== deadPid) return undefined;
    const refreshed = await stat(join(dataDir, LOCK_DIR)).then((st) => st.mtimeMs, () => 0);
    if (Date.now() - refreshed < UNREFRESHED_MS) return undefined;
    await rm(join(dataDir, LOCK_DIR), { recursive: true, force: true });
    const release = await acquire(dataDir, LOCK_DIR);
    await writeOwner(dataDir);
    return release;
  } finally {
    await releaseTakeover();
  }
}

async function writeOwner(dataDir: string): Promise<void> {
  const owner = JSON.stringify({ pid: process.pid, command: commandName(), since: new Date().toISOString() });
  await writeFile(join(dataDir, OWNER_FILE), owner, { mode: 0o600 });
}

async function readHolder(dataDir: string): Promise<{ pid?: number; command?: string }> {
  try {
    const owner = JSON.parse(await readFile(join(dataDir, OWNER_FILE), 'utf8')) as { pid?: unknown; command?: unknown };
    return { pid: typeof owner.pid === 'number' ? owner.pid : undefined, command: typeof owner.command === 'string' ? owner.command : undefined };
  } catch {
    return {}; // the holder has just taken the lock and not yet said who it is
  }
}

function isAlive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as { code?: string }).code === 'EPERM';
  }
}

function commandName(): string {
  return process.argv.slice(1, 3).map((a) => a.split('/').slice(-3).join('/')).join(' ');
}

/**
 * Earlier versions created the files 0666, and PGlite's initdb still does: take group and other access away.
 * Synchronous: a data directory holds a thousand files and more, and a thousand awaited chmods cost
 * 25-50 ms of every start against 8-16 ms here (measured on a fresh data directory of 1,100 files), and
 * the process serves nothing until the database is open.
 */
export function restrictToOwner(dir: string): void {
  chmodSync(dir, 0o700);
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) restrictToOwner(path);
    else if (entry.isFile()) chmodSync(path, 0o600);
  }
}
