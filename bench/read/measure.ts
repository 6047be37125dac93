/** Output, percentiles, the resident-memory sampler and the raw full-log read (the rebuild's reference). */
import { loadavg } from 'node:os';
import type pg from 'pg';
import QueryStream from 'pg-query-stream';

export function log(message: string): void {
  process.stderr.write(`[bench:read] ${message}\n`);
}

export function emit(line: object): void {
  process.stdout.write(JSON.stringify(line) + '\n');
}

export const round2 = (x: number): number => Math.round(x * 100) / 100;
const mb = (bytes: number) => bytes / (1024 * 1024);

export function collectGarbage(): void {
  (globalThis as { gc?: () => void }).gc?.();
}

/** The p-th percentile (0..100) of `values` by the nearest-rank method. */
export function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  if (sorted.length === 0) return NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))];
}

export function latencies(samples: readonly number[]): { p50Ms: number; p95Ms: number; p99Ms: number } {
  return { p50Ms: round2(percentile(samples, 50)), p95Ms: round2(percentile(samples, 95)), p99Ms: round2(percentile(samples, 99)) };
}

/**
 * Peak resident memory of this process while `work` runs: process.memoryUsage().rss sampled
 * every 100 ms (and at start and end). process.resourceUsage().maxRSS is the lifetime peak, which
 * would include the generation; it is reported beside it for information.
 */
export async function withPeakRss<T>(work: () => Promise<T>): Promise<{ result: T; peakRssMb: number; lifetimeMaxRssMb: number }> {
  let peak = process.memoryUsage().rss;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 100);
  try {
    const result = await work();
    peak = Math.max(peak, process.memoryUsage().rss);
    return { result, peakRssMb: Math.round(mb(peak)), lifetimeMaxRssMb: Math.round(process.resourceUsage().maxRSS / 1024) };
  } finally {
    clearInterval(timer);
  }
}

/**
 * The raw full-log read: every row of `<schema>.rm_events` in position order through one
 * streaming SELECT (pg-query-stream; pg parses the JSON) with a minimal fold. Returns rows read.
 */
export async function rawFullRead(pool: pg.Pool, schema: string, batchSize: number): Promise<{ rows: number; fold: number }> {
  const client = await pool.connect();
  let rows = 0;
  let fold = 0;
  try {
    const stream = client.query(
      new QueryStream(`SELECT position, stream_id, revision, event_id, type, data, metadata, recorded_at FROM ${schema}.rm_events ORDER BY position`, [], {
        batchSize,
      }),
    );
    for await (const row of stream as AsyncIterable<{ type: string; data: Record<string, unknown> }>) {
      rows++;
      fold += row.type.length + (typeof row.data.indicatorId === 'string' ? 1 : 0);
    }
  } finally {
    client.release();
  }
  return { rows, fold };
}

/** Wall-clock milliseconds of one call. */
export async function timed(work: () => Promise<unknown>): Promise<number> {
  const start = process.hrtime.bigint();
  await work();
  return Number(process.hrtime.bigint() - start) / 1e6;
}

/** The machine's load while a figure was taken, for the log and the JSON line. */
export const loadAverage = (): number => round2(loadavg()[0]);
