import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { dumbo } from '@event-driven-io/dumbo';
import { STREAM_DOES_NOT_EXIST } from '@event-driven-io/emmett';
import { getPostgreSQLEventStore, readMessagesBatch } from '@event-driven-io/emmett-postgresql';
import type { SqlPool } from '@rm/event-store';
import { foldValue, type BenchEvent } from './events.js';
import { RawTable } from './raw.js';
import type { Subject } from './workloads.js';

/**
 * The peer: Emmett's PostgreSQL event store. Its tables and functions have fixed names in the
 * default search path, so it gets a database of its own on the same server, dropped at the end.
 * Run it after our stores: Emmett's driver replaces pg's global bigint and jsonb parsers.
 */
export async function openEmmett(serverUrl: string): Promise<Subject> {
  const database = `bench_emmett_${randomBytes(5).toString('hex')}`;
  await admin(serverUrl, `CREATE DATABASE ${database}`);
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  const connectionString = url.toString();

  // The raw reference keeps the parsers our store's reference uses, whatever Emmett installs.
  const rawPool = new pg.Pool({ connectionString, max: 20, types: frozenTypes() });
  rawPool.on('error', () => undefined); // idle clients are cut off when the database is dropped
  const raw = new RawTable(rawPool as unknown as SqlPool, 'bench_raw', true);
  await raw.create();

  const pool = new pg.Pool({ connectionString, max: 20 });
  pool.on('error', () => undefined);
  const store = getPostgreSQLEventStore(connectionString, {
    connectionOptions: { pool },
    schema: { autoMigration: 'CreateOrUpdate' },
  });
  await store.schema.migrate();
  const { execute } = dumbo({ connectionString, pool });
  const toEmmett = (e: BenchEvent) => ({
    type: e.type,
    data: e.data,
    metadata: { ...e.metadata, messageId: e.id },
  });

  return {
    store: 'emmett-postgresql',
    raw,
    location: `database ${database}`,
    async reset() {
      await rawPool.query('TRUNCATE emt_messages, emt_streams');
    },
    async vacuum() {
      await rawPool.query('VACUUM ANALYZE emt_messages');
      await rawPool.query('VACUUM ANALYZE emt_streams');
    },
    async appendBatch(streamId: string, events: readonly BenchEvent[]) {
      await store.appendToStream(streamId, events.map(toEmmett), {
        expectedStreamVersion: STREAM_DOES_NOT_EXIST,
      });
    },
    async appendOne(streamId: string, event: BenchEvent, revision: number) {
      // Emmett's stream version counts events: before the event at revision k it is k.
      await store.appendToStream(streamId, [toEmmett(event)], {
        expectedStreamVersion: BigInt(revision),
      });
    },
    async catchUp(count: number, batchSize: number) {
      // Emmett's catch-up reader, as its consumer's batch puller calls it, without the puller's sleeps.
      let sum = 0;
      let seen = 0;
      let after = 0n;
      while (seen < count) {
        const batch = await readMessagesBatch(execute, { after, batchSize });
        if (batch.messages.length === 0)
          throw new Error(`emmett catch-up stalled after ${seen} of ${count} events`);
        for (const message of batch.messages) {
          sum = foldValue(sum, message.data as { value: number });
          if (++seen === count) break;
        }
        after = batch.currentGlobalPosition;
      }
      return sum;
    },
    async close() {
      await store.close();
      await pool.end().catch(() => undefined);
      await rawPool.end().catch(() => undefined);
      await admin(serverUrl, `DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
    },
  };
}

async function admin(serverUrl: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/** pg's parsers as they are now (bigint as text, jsonb by JSON.parse), immune to later global changes. */
function frozenTypes(): pg.CustomTypesConfig {
  const fixed = new Map<number, unknown>(
    [20, 114, 3802, 1184].map((oid) => [oid, pg.types.getTypeParser(oid, 'text')]),
  );
  return {
    getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
      (format ?? 'text') === 'text' && fixed.has(oid)
        ? fixed.get(oid)
        : pg.types.getTypeParser(oid, format)) as pg.CustomTypesConfig['getTypeParser'],
  };
}
