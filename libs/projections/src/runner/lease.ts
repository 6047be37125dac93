import { loadPg } from '@rm/event-store';
import type pg from 'pg';
import { pause } from './pause.js';
import type { ReadDb } from './projection.js';

/** Whether this process may apply a projection group now. */
export interface Lease {
  readonly held: boolean;
  /** Aborts when the lease is lost or handed over: the runner stops waiting for events and lets go. */
  readonly lost?: AbortSignal;
  release(): Promise<void>;
}

export interface LeaseProvider {
  /** Resolves once the lease is held, or undefined when the signal aborts first. */
  acquire(key: string, signal: AbortSignal): Promise<Lease | undefined>;
  /** Who holds each of these leases, by connection name, as the database sees it. */
  holders?(db: ReadDb, keys: readonly string[]): Promise<Map<string, string>>;
  /** Lets go of every lease and connection for good. */
  close?(): Promise<void>;
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
        const client = new (await loadPg()).Client(clientConfig);
        const lost = new AbortController();
        let held = false;
        const lose = () => {
          held = false;
          lost.abort();
        };
        client.on('error', lose);
        try {
          await client.connect();
          const { rows } = await client.query('SELECT pg_try_advisory_lock(hashtext($1)) AS ok', [key]);
          if (rows[0].ok) {
            held = true;
            // A beat still unanswered is not sent again: queries must not queue on the client (pg 9).
            let beating = false;
            const heartbeat = setInterval(() => {
              if (beating) return;
              beating = true;
              client.query('SELECT 1').then(() => (beating = false), lose);
            }, retryMs);
            heartbeat.unref();
            return {
              get held() {
                return held;
              },
              lost: lost.signal,
              async release() {
                lose();
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
