/** A stream's folded state at a revision. */
export interface CachedStream<S> {
  revision: bigint | undefined;
  position: bigint | undefined;
  state: S;
}

/** Least-recently-used cache of folded stream states; a miss only costs a full stream read. */
export class StateCache {
  private readonly entries = new Map<string, CachedStream<unknown>>();

  constructor(private readonly capacity: number) {}

  get<S>(streamId: string): CachedStream<S> | undefined {
    const entry = this.entries.get(streamId);
    if (entry) {
      this.entries.delete(streamId);
      this.entries.set(streamId, entry);
    }
    return entry as CachedStream<S> | undefined;
  }

  set<S>(streamId: string, entry: CachedStream<S>): void {
    this.entries.delete(streamId);
    this.entries.set(streamId, entry);
    if (this.entries.size > this.capacity) this.entries.delete(this.entries.keys().next().value!);
  }

  delete(streamId: string): void {
    this.entries.delete(streamId);
  }
}
