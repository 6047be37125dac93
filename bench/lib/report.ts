/** Timing, medians and the two output channels: JSON figures on stdout, progress on stderr. */

export type StoreName = 'postgres' | 'pglite' | 'emmett-postgresql';
export type WorkloadName = 'append-batch-1000' | 'append-single-16-writers' | 'catch-up-read';

export interface Figure {
  workload: WorkloadName;
  store: StoreName;
  eventsPerSec: number;
  referenceEventsPerSec: number;
  ratio: number;
}

export function log(message: string): void {
  process.stderr.write(`[bench] ${message}\n`);
}

export function emit(line: object): void {
  process.stdout.write(JSON.stringify(line) + '\n');
}

export const round2 = (x: number): number => Math.round(x * 100) / 100;

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** Runs `work` once and returns events per second: `events`, or as many as `work` says it handled. */
export async function rate(events: number, work: () => Promise<unknown>): Promise<number> {
  collectGarbage();
  const start = process.hrtime.bigint();
  const done = await work();
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  return (typeof done === 'number' ? done : events) / seconds;
}

/** Between measurements, so that one run's garbage is not collected during the next. */
export function collectGarbage(): void {
  (globalThis as { gc?: () => void }).gc?.();
}

export function figure(
  workload: WorkloadName,
  store: StoreName,
  ours: readonly number[],
  reference: readonly number[],
): Figure {
  const eventsPerSec = median(ours);
  const referenceEventsPerSec = median(reference);
  return {
    workload,
    store,
    eventsPerSec: Math.round(eventsPerSec),
    referenceEventsPerSec: Math.round(referenceEventsPerSec),
    ratio: round2(eventsPerSec / referenceEventsPerSec),
  };
}

export const fmt = (perSec: number): string => `${Math.round(perSec).toLocaleString('en-US')} ev/s`;

/** Runs `fn(worker)` for each of `concurrency` workers at once. */
export async function parallel(
  concurrency: number,
  fn: (worker: number) => Promise<void>,
): Promise<void> {
  await Promise.all(Array.from({ length: concurrency }, (_, w) => fn(w)));
}
