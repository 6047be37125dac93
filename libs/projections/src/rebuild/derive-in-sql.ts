import type { LogRelation, SqlPool, SqlPoolClient } from '@rm/event-store';
import type { SqlBulkLoad } from '../runner/projection.js';
import { buildIndexes, type DeferredIndex } from './bulk-load.js';

/** Some event of the log is in a form a SqlBulkLoad cannot derive exactly: nothing of it was kept. */
export class InexactInSql extends Error {
  constructor(detail: string) {
    super(`the log holds ${detail} in a form the SQL bulk load does not read exactly as this process does`);
  }
}

/** A data exception (SQLSTATE class 22): a value PostgreSQL refused to read, e.g. 2019-02-30 as a date. */
const refusedValue = (err: unknown) => typeof (err as { code?: unknown }).code === 'string' && (err as { code: string }).code.startsWith('22');

/** The position through which every event of the log is visible now: one bound for SQL and bulk pass alike. */
export async function visibleThrough(pool: SqlPool, log: LogRelation): Promise<bigint> {
  const { rows } = await pool.query<{ through: string }>(`SELECT (${log.horizon})::text AS through`);
  return BigInt(rows[0].through);
}

/**
 * Runs the SQL bulk loads through `through`, each in `parts` shares on connections of their own
 * (PostgreSQL derives on as many cores while this process applies the rest of the log), every
 * share in a transaction. All commit once every share is done and exact — else all roll back
 * and this rejects (InexactInSql when the log is the cause) — and then the deferred indexes of
 * their tables are built, over as many connections. Answers the events derived.
 */
export async function deriveInSql(
  pool: SqlPool,
  log: LogRelation,
  schema: string,
  loads: readonly SqlBulkLoad[],
  through: bigint,
  parts: number,
  indexes: readonly DeferredIndex[],
): Promise<number> {
  const clients: SqlPoolClient[] = [];
  try {
    for (let i = 0; i < parts; i++) clients.push(await pool.connect());
    // Time zone UTC: a plain date then reads as JavaScript reads it. Memory enough to sort and
    // hash a share of a million events in memory. No JIT: compiling costs more than it saves here.
    await Promise.all(clients.map((c) => c.query(`BEGIN; SET LOCAL TimeZone = 'UTC'; SET LOCAL work_mem = '128MB'; SET LOCAL jit = off`)));
    const results = await Promise.allSettled(clients.map(async (client, part) => {
      let events = 0;
      let loose = 0;
      for (const load of loads) {
        const share = await load.load(client, log, schema, through, part, parts);
        events += share.events;
        loose += share.inexact;
      }
      return { events, loose };
    }));
    const failed = results.find((r) => r.status === 'rejected');
    if (failed) throw refusedValue(failed.reason) ? new InexactInSql(`a value (${(failed.reason as Error).message})`) : failed.reason;
    const shares = results.map((r) => (r as PromiseFulfilledResult<{ events: number; loose: number }>).value);
    const loose = shares.reduce((n, s) => n + s.loose, 0);
    if (loose > 0) throw new InexactInSql(`${loose} events`);
    for (const client of clients) await client.query('COMMIT');
    const events = shares.reduce((n, s) => n + s.events, 0);
    release(clients);
    await buildIndexes(pool, indexes, parts);
    return events;
  } catch (err) {
    await Promise.all(clients.map((c) => c.query('ROLLBACK').catch(() => undefined)));
    release(clients);
    throw err;
  }
}

function release(clients: SqlPoolClient[]): void {
  for (const c of clients.splice(0)) c.release();
}
