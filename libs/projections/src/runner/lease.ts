import pg from 'pg';
import { pause } from './pause.js';

/** Whether this process may apply a projection group now. */
export interface Lease {
  readonly held: boolean;
  release(): Promise<void>;
}

export interface LeaseProvider {
  /** Resolves once the lease is held, or undefined when the signal aborts first. */
  acquire(key: string, signal: AbortSignal): Promise<Lease | undefined>;
}

/** One process owns the embedded database: the lease is always its own. */
export const soleProcessLease: LeaseProvider = {
  async acquire() {
    return { held: true, release: async () => undefined };
  },
};

/**
 * A PostgreSQL session advisory lock on a dedicated connection. When the holder dies its
 * connection closes and the lock frees; a standby polling every `retryMs` takes over.
 */
export function advisoryLockLease(clientConfig: pg.ClientConfig, retryMs = 1000): LeaseProvider {
  return {
    async acquire(key, signal) {
      while (!signal.aborted) {
        const client = new pg.Client(clientConfig);
        let held = false;
        client.on('error', () => (held = false));
        try {
          await client.connect();
          const { rows } = await client.query('SELECT pg_try_advisory_lock(hashtext($1)) AS ok', [key]);
          if (rows[0].ok) {
            held = true;
            const heartbeat = setInterval(() => client.query('SELECT 1').catch(() => (held = false)), retryMs);
            heartbeat.unref();
            return {
              get held() {
                return held;
              },
              async release() {
                held = false;
                clearInterval(heartbeat);
                await client.end().catch(() => undefined);
              },
            };
          }
        } catch {
          // the server is unreachable: try again after the pause
        }
        await client.end().catch(() => undefined);
        await pause(retryMs, signal);
      }
      return undefined;
    },
  };
}
