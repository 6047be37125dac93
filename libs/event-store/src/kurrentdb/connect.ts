import type { KurrentDBClient } from '@kurrent/kurrentdb-client';
import type { KurrentDbEventStore, KurrentDbEventStoreOptions } from './kurrentdb-event-store.js';

export class KurrentDbUnavailable extends Error {}

/** The connection string without credentials, for messages and logs. */
export const redactKurrentDbUrl = (url: string): string => url.replace(/\/\/[^@/]*@/, '//***@');

/**
 * Connects and proves the server answers (one read of the log's head) before anything starts:
 * the client connects lazily, and a store that fails on the first command is worse than none.
 */
export async function openKurrentDbEventStore(url: string | undefined, options: KurrentDbEventStoreOptions & { timeoutMs?: number } = {}): Promise<KurrentDbEventStore> {
  if (!url) throw new KurrentDbUnavailable('KURRENTDB_URL: required when EVENT_STORE=kurrentdb (e.g. kurrentdb://node1:2113,node2:2113,node3:2113?tls=false)');
  // Loaded only here: the gRPC client is ~160 modules that an embedded or PostgreSQL start never needs.
  const [{ KurrentDBClient }, { KurrentDbEventStore }] = await Promise.all([import('@kurrent/kurrentdb-client'), import('./kurrentdb-event-store.js')]);
  let client: KurrentDBClient;
  try {
    client = KurrentDBClient.connectionString(url);
  } catch (err) {
    throw new KurrentDbUnavailable(`KURRENTDB_URL: not a KurrentDB connection string (${(err as Error).message})`);
  }
  const store = new KurrentDbEventStore(client, options);
  const timeoutMs = options.timeoutMs ?? 10_000;
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      store.headPosition(),
      new Promise((_, reject) => (timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs))),
    ]);
  } catch (err) {
    await client.dispose().catch(() => undefined);
    const reason = (err as Error).message || String(err);
    throw new KurrentDbUnavailable(
      `KurrentDB at ${redactKurrentDbUrl(url)} is unreachable (${reason}): check KURRENTDB_URL and that the cluster is up. EVENT_STORE=kurrentdb never falls back to another store.`,
    );
  } finally {
    clearTimeout(timer);
  }
  return store;
}
