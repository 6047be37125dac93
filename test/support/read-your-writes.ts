import { eventually } from './eventually.js';

/** Waits until the app's read models include `position` (waitFor answers 200), however busy the machine. */
export async function readModelsInclude(url: string, token: string, position: string): Promise<void> {
  await eventually(
    async () => {
      const res = await fetch(`${url}/api/indicators?waitFor=${position}`, { headers: { authorization: `Bearer ${token}` } });
      if (res.status !== 200) throw new Error(`the read models do not include ${position} yet (${res.status})`);
    },
    { timeoutMs: 60_000, intervalMs: 100 },
  );
}
