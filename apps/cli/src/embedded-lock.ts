import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

export const PID_FILE = 'app.pid';

/** The embedded database has one owner: refuse to open it while the app runs on it. */
export async function assertEmbeddedNotInUse(dataDir: string): Promise<void> {
  const pid = Number(await readFile(join(dataDir, PID_FILE), 'utf8').catch(() => ''));
  if (!pid || pid === process.pid) return;
  try {
    process.kill(pid, 0);
  } catch {
    return; // a stale pid file: that process is gone
  }
  throw new Error(`the app (pid ${pid}) is running on ${dataDir}; stop it first, or use POST /api/admin/rebuild`);
}
