import { LRUCache } from 'lru-cache';

/** A stream's folded state at a revision. */
export interface CachedStream<S> {
  revision: bigint | undefined;
  position: bigint | undefined;
  state: S;
}

/**
 * Least-recently-used cache of folded stream states; a miss only costs a full stream read.
 * States are small: an indicator's holds its figures, thresholds and assessments, and each
 * backlog item is a stream of its own with a state of a few fields.
 * lru-cache rather than a Map kept in use order: once full, that Map's evicted head leaves deleted
 * slots that every eviction walks over (bench/state-cache.bench.ts: 10-35× slower per get + set).
 */
export class StateCache {
  private readonly entries: LRUCache<string, CachedStream<unknown>>;

  constructor(capacity: number) {
    this.entries = new LRUCache({ max: capacity });
  }

  get<S>(streamId: string): CachedStream<S> | undefined {
    return this.entries.get(streamId) as CachedStream<S> | undefined;
  }

  set<S>(streamId: string, entry: CachedStream<S>): void {
    this.entries.set(streamId, entry);
  }

  delete(streamId: string): void {
    this.entries.delete(streamId);
  }
}
