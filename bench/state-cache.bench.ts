// The command runner's state cache (lru-cache) against the Map-in-use-order LRU it replaced, on
// the runner's pattern: get then set, 10,000 entries, keys drawn from 20,000 streams.
import { loadavg } from 'node:os';
import { StateCache } from '../apps/api/src/commands/state-cache.js';

/** The former hand-written cache, kept here as the reference. */
class MapLru<V> {
  private readonly entries = new Map<string, V>();
  constructor(private readonly capacity: number) {}
  get(key: string): V | undefined {
    const entry = this.entries.get(key);
    if (entry !== undefined) {
      this.entries.delete(key);
      this.entries.set(key, entry);
    }
    return entry;
  }
  set(key: string, entry: V): void {
    this.entries.delete(key);
    this.entries.set(key, entry);
    if (this.entries.size > this.capacity) this.entries.delete(this.entries.keys().next().value!);
  }
}

const keys = Array.from({ length: 20_000 }, (_, i) => `indicator-${i}`);
const entry = { revision: 1n, position: 2n, state: {} };
const ours = new StateCache(10_000);
const reference = new MapLru<typeof entry>(10_000);
const loop = (cache: { get(k: string): unknown; set(k: string, e: typeof entry): void }) => (n: number) => {
  for (let i = 0; i < n; i++) {
    const key = keys[(i * 7919) % keys.length];
    cache.get(key);
    cache.set(key, entry);
  }
};
const nsPerOp = (work: (n: number) => void, n: number) => {
  const start = process.hrtime.bigint();
  work(n);
  return Number(process.hrtime.bigint() - start) / n;
};
const best = (work: (n: number) => void) => (work(100_000), Math.min(...[1, 2, 3, 4, 5].map(() => nsPerOp(work, 200_000))));
const lruCacheNs = best(loop(ours));
const mapNs = best(loop(reference));
console.log(
  JSON.stringify({
    workload: 'state-cache-get-set',
    lruCacheNsPerOp: Math.round(lruCacheNs),
    referenceMapLruNsPerOp: Math.round(mapNs),
    ratio: Math.round((mapNs / lruCacheNs) * 100) / 100,
    loadavg: loadavg().map((x) => Math.round(x * 100) / 100),
  }),
);
