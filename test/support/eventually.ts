import type { ApiHarness } from './api-harness.js';
import { headPosition } from './write-api.js';

/**
 * Retries `probe` until it stops throwing, for at most `timeoutMs`: a bounded poll, never a
 * fixed sleep. The last failure is rethrown when time runs out.
 */
export async function eventually<T>(probe: () => Promise<T>, { timeoutMs = 20_000, intervalMs = 20 } = {}): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await probe();
    } catch (err) {
      if (Date.now() >= deadline) throw err;
    }
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}

/**
 * Waits until the global log is readable through `position`. The log shows an event only once no
 * older transaction on the server can still commit below it, so a busy server delays it a little.
 */
export async function logVisibleThrough(api: ApiHarness, position: string): Promise<void> {
  await eventually(async () => {
    const head = await headPosition(api);
    if (BigInt(head) < BigInt(position)) throw new Error(`the log is readable through ${head}, not yet through ${position}`);
  });
}
