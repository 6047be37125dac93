import { createServer, connect, type AddressInfo, type Socket } from 'node:net';
import pg from 'pg';

type Query = (this: pg.Client, ...args: unknown[]) => unknown;

/**
 * Records each query sent on a node-postgres client while a query it sent before is still
 * running: deprecated (an error from pg 9). pg's own warning is no help in a test: it is given
 * once per loaded `pg`, to Node's process object, of which a jest test sees only a copy.
 */
export function pgBusyQueries(): { seen: string[]; stop(): void } {
  const seen: string[] = [];
  const running = new WeakMap<pg.Client, number>();
  const original = pg.Client.prototype.query as unknown as Query;
  const watching: Query = function (...args) {
    const before = running.get(this) ?? 0;
    if (before > 0) seen.push(typeof args[0] === 'string' ? args[0] : String(args[0]));
    const result = original.apply(this, args);
    if (typeof (result as Promise<unknown> | undefined)?.then === 'function') {
      running.set(this, before + 1);
      // Registered first, so it runs before the caller's own continuation sends the next query.
      const done = () => void running.set(this, (running.get(this) ?? 1) - 1);
      (result as Promise<unknown>).then(done, done);
    }
    return result;
  };
  pg.Client.prototype.query = watching as typeof pg.Client.prototype.query;
  return { seen, stop: () => void (pg.Client.prototype.query = original as unknown as typeof pg.Client.prototype.query) };
}

/** A TCP relay to a PostgreSQL server whose replies can be held back, as a stalled network or server would. */
export interface StallableRelay {
  /** The server's URL with the relay's address in its place. */
  url: string;
  stall(): void;
  resume(): void;
  close(): Promise<void>;
}

export async function stallableRelay(serverUrl: string): Promise<StallableRelay> {
  const target = new URL(serverUrl);
  const sockets = new Set<Socket>();
  const held: (() => void)[] = [];
  let stalled = false;
  const relay = createServer((client) => {
    const server = connect(Number(target.port || 5432), target.hostname);
    for (const s of [client, server]) {
      sockets.add(s);
      s.on('error', () => undefined).on('close', () => (client.destroy(), server.destroy()));
    }
    client.pipe(server);
    server.on('data', (chunk: Buffer) => (stalled ? held.push(() => client.write(chunk)) : client.write(chunk)));
  });
  await new Promise<void>((resolve) => relay.listen(0, '127.0.0.1', resolve));
  const url = new URL(serverUrl);
  url.hostname = '127.0.0.1';
  url.port = String((relay.address() as AddressInfo).port);
  return {
    url: url.toString(),
    stall: () => (stalled = true),
    resume: () => {
      stalled = false;
      for (const write of held.splice(0)) write();
    },
    close: () => {
      for (const s of sockets) s.destroy();
      return new Promise((resolve) => relay.close(() => resolve()));
    },
  };
}
