import { EventEmitter } from 'node:events';
import type pg from 'pg';
import { loadPg } from './pg-driver.js';
import type { SqlPool } from './sql-pool.js';

const NOTIFY_SPACING_MS = 10;

/** Wakes waiting subscribers: at once for appends in this process, by LISTEN/NOTIFY for others. */
export class WakeUp {
  private readonly local = new EventEmitter();
  private listener: pg.Client | undefined;
  private listening: Promise<void> | undefined;
  private notifyInFlight = false;
  private notifyPending = false;
  private closed = false;
  /** Counts wake-ups, so that one arriving while a reader was busy is not missed. */
  private wakes = 0;

  constructor(
    private readonly pool: SqlPool,
    private readonly channel: string,
    /** Connection settings for a dedicated LISTEN client; undefined on the embedded database. */
    private readonly listenConfig: pg.ClientConfig | undefined,
  ) {
    this.local.setMaxListeners(0);
    this.local.on('wake', () => this.wakes++);
  }

  /** Take before reading; pass to `wait` so that a wake-up during the read ends the wait at once. */
  get mark(): number {
    return this.wakes;
  }

  /** Called after every acknowledged append. NOTIFYs are coalesced: at most one in flight. */
  appended(): void {
    this.local.emit('wake');
    if (!this.listenConfig || this.closed) return;
    if (this.notifyInFlight) {
      this.notifyPending = true;
      return;
    }
    this.notifyInFlight = true;
    this.pool
      .query('SELECT pg_notify($1, $2)', [this.channel, ''])
      .catch(() => undefined)
      .finally(() => {
        // Each NOTIFY is a committed transaction of its own: space them a few milliseconds apart.
        setTimeout(() => {
          this.notifyInFlight = false;
          if (this.notifyPending) {
            this.notifyPending = false;
            this.appended();
          }
        }, NOTIFY_SPACING_MS).unref();
      });
  }

  /** Resolves on the next wake-up, after `fallbackMs` at the latest, or when the signal aborts. */
  async wait(fallbackMs: number, signal?: AbortSignal, since?: number): Promise<void> {
    await this.ensureListening().catch(() => undefined);
    if (signal?.aborted || this.closed || (since !== undefined && since !== this.wakes)) return;
    await new Promise<void>((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.local.off('wake', done);
        signal?.removeEventListener('abort', done);
        resolve();
      };
      const timer = setTimeout(done, fallbackMs);
      timer.unref();
      this.local.once('wake', done);
      signal?.addEventListener('abort', done, { once: true });
    });
  }

  private ensureListening(): Promise<void> {
    if (!this.listenConfig || this.closed) return Promise.resolve();
    this.listening ??= this.startListening().catch((err) => {
      this.listening = undefined;
      throw err;
    });
    return this.listening;
  }

  private async startListening(): Promise<void> {
    const client = new (await loadPg()).Client(this.listenConfig);
    client.on('notification', () => this.local.emit('wake'));
    client.on('error', () => {
      // A lost LISTEN connection only slows wake-ups to the fallback poll; reconnect on next wait.
      this.listener = undefined;
      this.listening = undefined;
      client.end().catch(() => undefined);
    });
    await client.connect();
    await client.query(`LISTEN "${this.channel}"`);
    this.listener = client;
  }

  async close(): Promise<void> {
    this.closed = true;
    this.local.emit('wake');
    await this.listener?.end().catch(() => undefined);
  }
}
