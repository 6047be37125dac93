import { createServer } from 'node:net';
import { KurrentDbUnavailable, openKurrentDbEventStore } from './connect.js';
import { KurrentDbServerTestDouble } from './testing/kurrentdb-server.test-double.js';

/** A loopback port nothing listens on. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as { port: number };
  await new Promise((r) => server.close(r));
  return port;
}

describe('opening the KurrentDB event store', () => {
  it('refuses to start without KURRENTDB_URL, saying what is missing', async () => {
    const err = await openKurrentDbEventStore(undefined).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(KurrentDbUnavailable);
    expect((err as Error).message).toMatch(/^KURRENTDB_URL: required when EVENT_STORE=kurrentdb/);
  });

  it('refuses a string that is not a connection string', async () => {
    await expect(openKurrentDbEventStore('postgres://nope')).rejects.toThrow(/KURRENTDB_URL: not a KurrentDB connection string/);
  });

  it('fails fast when the server is unreachable, naming it without credentials, and never falls back', async () => {
    const url = `kurrentdb://admin:secret@127.0.0.1:${await closedPort()}?tls=false`;
    const started = Date.now();
    const err = await openKurrentDbEventStore(url, { timeoutMs: 5000 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(KurrentDbUnavailable);
    expect((err as Error).message).toMatch(/KurrentDB at kurrentdb:\/\/\*\*\*@127\.0\.0\.1:\d+\?tls=false is unreachable \(/);
    expect((err as Error).message).toMatch(/never falls back/);
    expect((err as Error).message).not.toContain('secret');
    expect(Date.now() - started).toBeLessThan(6000);
  });

  it('opens when the server answers', async () => {
    const server = new KurrentDbServerTestDouble();
    const store = await openKurrentDbEventStore(await server.start());
    try {
      expect(await store.headPosition()).toBe(0n);
    } finally {
      await store.close();
      await server.stop();
    }
  });
});
