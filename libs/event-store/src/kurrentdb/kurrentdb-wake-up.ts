import type { AllStreamSubscription, KurrentDBClient, RegexFilter } from '@kurrent/kurrentdb-client';

/**
 * A live subscription to the end of $all, filtered on the server, used only as a signal that
 * something a reader wants was appended: the reader then pages through readAll itself, so its
 * own pace drives reading and `through` stays exact.
 */
export class KurrentDbWakeUp {
  private count = 0;
  private readonly waiters = new Set<() => void>();
  private readonly subscription: AllStreamSubscription;

  constructor(client: KurrentDBClient, filter: RegexFilter) {
    this.subscription = client.subscribeToAll({ fromPosition: 'end', filter });
    this.subscription.on('data', () => {
      this.count++;
      for (const wake of this.waiters) wake();
    });
    // A dropped subscription only costs promptness: readers still look every fallback period.
    this.subscription.on('error', () => undefined);
  }

  get mark(): number {
    return this.count;
  }

  /** Resolves when an event arrived since `mark`, after `fallbackMs`, or on abort. */
  wait(fallbackMs: number, signal: AbortSignal | undefined, mark: number): Promise<void> {
    if (this.count !== mark || signal?.aborted) return Promise.resolve();
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.waiters.delete(done);
        signal?.removeEventListener('abort', done);
        resolve();
      };
      const timer = setTimeout(done, fallbackMs);
      this.waiters.add(done);
      signal?.addEventListener('abort', done, { once: true });
    });
  }

  async close(): Promise<void> {
    for (const wake of this.waiters) wake();
    await this.subscription.unsubscribe().catch(() => undefined);
  }
}
