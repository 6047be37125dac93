/**
 * Loads of what was logged up to a read position, for state kept in memory that only grows with
 * the log: one load at a time, each of what was logged after the newest position loaded, so that
 * reads racing to a later position share one load and none is applied twice.
 */
export class LoadsUpTo {
  private loadedThrough = 0n;
  private target = 0n;
  private loading: Promise<void> = Promise.resolve();

  constructor(private readonly load: (after: bigint, through: bigint) => Promise<void>) {}

  /** The newest position loaded through. */
  get loaded(): bigint {
    return this.loadedThrough;
  }

  /** Resolves once everything logged up to at least `position` is loaded. */
  upTo(position: bigint): Promise<void> {
    if (position <= this.loadedThrough) return Promise.resolve();
    if (position <= this.target) return this.loading;
    this.target = position;
    const next = this.loading.then(async () => {
      if (position <= this.loadedThrough) return;
      await this.load(this.loadedThrough, position);
      this.loadedThrough = position;
    });
    // A failed load leaves the position where it was: the next read past it tries again.
    this.loading = next.catch(() => {
      this.target = this.loadedThrough;
    });
    return next;
  }
}
