import { createHash } from 'node:crypto';
import { hostname } from 'node:os';
import { loadPg } from '@rm/event-store';
import type pg from 'pg';
import type { Lease, LeaseProvider } from './lease.js';
import { oneAtATime, type SerialQuery } from './one-at-a-time.js';
import type { ReadDb } from './projection.js';

/** A projection group as the leases see it: its name and its rough share of the work. */
export interface WeightedGroup {
  readonly name: string;
  readonly weight: number;
}

/** Per group, the processes (lease-connection pids) that may take it and the one holding it now. */
export interface LeaseSnapshot {
  candidates: Map<string, number[]>;
  holders: Map<string, number>;
}

/**
 * Which process should hold each group. Every process computes it from the same snapshot and
 * gets the same answer: heaviest group first, each to the candidate with the least weight so
 * far; on a tie the current holder keeps it (no needless hand-over), then the lowest pid.
 */
export function assignGroups(groups: readonly WeightedGroup[], snapshot: LeaseSnapshot): Map<string, number> {
  const load = new Map<number, number>();
  const assigned = new Map<string, number>();
  const order = [...groups].sort((a, b) => b.weight - a.weight || a.name.localeCompare(b.name));
  for (const group of order) {
    const holder = snapshot.holders.get(group.name);
    const rank = (pid: number) => [load.get(pid) ?? 0, pid === holder ? 0 : 1, pid] as const;
    const best = [...new Set(snapshot.candidates.get(group.name) ?? [])].sort((a, b) => {
      const [x, y] = [rank(a), rank(b)];
      return x[0] - y[0] || x[1] - y[1] || x[2] - y[2];
    })[0];
    if (best === undefined) continue;
    assigned.set(group.name, best);
    load.set(best, (load.get(best) ?? 0) + group.weight);
  }
  return assigned;
}

function signalled(): { promise: Promise<void>; resolve: () => void } {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

/** Advisory lock keys (two-int form) of a scope and a group name. */
export const lockKey = (text: string) => createHash('sha1').update(text).digest().readUInt32BE(0) & 0x7fffffff;
const leaseClass = (scope: string) => lockKey(`${scope}:projection-groups`);
const candidateClass = (scope: string) => lockKey(`${scope}:projection-candidates`);

const SNAPSHOT = `SELECT l.classid::int8 AS class, l.objid::int8 AS obj, l.pid, a.application_name FROM pg_locks l LEFT JOIN pg_stat_activity a ON a.pid = l.pid
  WHERE l.locktype = 'advisory' AND l.objsubid = 2 AND l.granted AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())
    AND l.classid::int8 = ANY($1::int8[])`;

interface LockRow {
  class: string;
  obj: string;
  pid: number;
  application_name: string | null;
}

/** Who holds each group's lease in `scope`: the holder's connection name (host:pid) and backend pid. */
export async function readGroupHolders(db: ReadDb, scope: string, groups: readonly string[]): Promise<Map<string, string>> {
  const rows = await db.query<LockRow>(SNAPSHOT, [[leaseClass(scope)]]);
  const byKey = new Map(groups.map((g) => [String(lockKey(g)), g]));
  return new Map(rows.filter((r) => byKey.has(String(r.obj))).map((r) => [byKey.get(String(r.obj))!, `${r.application_name || 'unnamed'} (backend ${r.pid})`]));
}

export interface GroupLeaseOptions {
  /** Lease names are per read-model schema: a rebuilt generation has leases of its own. */
  scope: string;
  /** Every group, weighted: the assignment balances the weights over the live processes. */
  groups: readonly WeightedGroup[];
  /** The groups this process may take (PROJECTION_GROUPS). */
  candidateFor: readonly string[];
  retryMs?: number;
}

/**
 * Leases for projection groups, shared out among the processes that run them. Each process keeps
 * one connection holding a shared "candidate" advisory lock per group it may take and an
 * exclusive lock per group it holds. Every `retryMs` it reads pg_locks, computes the assignment
 * (`assignGroups`), hands over groups assigned elsewhere and takes the free ones assigned to it.
 * A process that dies closes its connection: its locks free and the others share its groups.
 */
export function groupLeases(clientConfig: pg.ClientConfig, options: GroupLeaseOptions): LeaseProvider {
  const retryMs = options.retryMs ?? 1000;
  const [lease, candidate] = [leaseClass(options.scope), candidateClass(options.scope)];
  const known = new Set(options.groups.map((g) => g.name));
  const held = new Map<string, AbortController>();
  let client: { pg: pg.Client; query: SerialQuery } | undefined;
  let me: number | undefined;
  let assigned = new Map<string, number>();
  let timer: NodeJS.Timeout | undefined;
  let started: Promise<void> | undefined;
  let ticked = signalled();
  let closed = false;

  const drop = () => {
    for (const lost of held.values()) lost.abort();
    held.clear();
    void client?.pg.end().catch(() => undefined);
    client = undefined;
    me = undefined;
  };
  const connect = async () => {
    const c = new (await loadPg()).Client({ ...clientConfig, application_name: `rm-projections ${hostname()}:${process.pid}`.slice(0, 63) });
    c.on('error', () => client?.pg === c && drop());
    try {
      await c.connect();
      for (const group of options.candidateFor) await c.query('SELECT pg_advisory_lock_shared($1, $2)', [candidate, lockKey(group)]);
      me = (await c.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0].pid;
      client = { pg: c, query: oneAtATime(c) };
    } catch (err) {
      await c.end().catch(() => undefined);
      throw err;
    }
  };
  const tick = async () => {
    try {
      if (!client) await connect();
      const { rows } = await client!.query<LockRow>(SNAPSHOT, [[lease, candidate]]);
      const snapshot: LeaseSnapshot = { candidates: new Map(), holders: new Map() };
      for (const group of options.groups) {
        const key = String(lockKey(group.name));
        snapshot.candidates.set(group.name, rows.filter((r) => r.obj === key && Number(r.class) === candidate).map((r) => r.pid));
        const holder = rows.find((r) => r.obj === key && Number(r.class) === lease);
        if (holder) snapshot.holders.set(group.name, holder.pid);
      }
      assigned = assignGroups(options.groups, snapshot);
      for (const [group, lost] of held) if (assigned.get(group) !== me) lost.abort();
    } catch {
      drop(); // the server is unreachable: connect again on the next tick
    }
    const done = ticked;
    ticked = signalled();
    done.resolve();
    if (closed) drop();
    else timer = setTimeout(() => void tick(), retryMs).unref();
  };
  const nextTick = (signal: AbortSignal) =>
    new Promise<void>((resolve) => {
      const done = () => {
        signal.removeEventListener('abort', done);
        resolve();
      };
      signal.addEventListener('abort', done, { once: true });
      void ticked.promise.then(done);
      if (signal.aborted) done();
    });

  return {
    async acquire(group, signal): Promise<Lease | undefined> {
      if (!known.has(group)) throw new Error(`projection group "${group}" is not one of ${[...known].join(', ')}`);
      await (started ??= tick());
      while (!signal.aborted && !closed) {
        const c = client;
        if (c && me !== undefined && assigned.get(group) === me && !held.has(group)) {
          const { rows } = await c.query('SELECT pg_try_advisory_lock($1, $2) AS ok', [lease, lockKey(group)]).catch(() => ({ rows: [{ ok: false }] }));
          if (rows[0].ok && client === c) {
            const lost = new AbortController();
            held.set(group, lost);
            return {
              get held() {
                return !lost.signal.aborted && client === c;
              },
              lost: lost.signal,
              async release() {
                lost.abort();
                if (held.get(group) === lost) held.delete(group);
                if (client === c) await c.query('SELECT pg_advisory_unlock($1, $2)', [lease, lockKey(group)]).catch(() => undefined);
              },
            };
          }
        }
        await nextTick(signal);
      }
      return undefined;
    },
    holders: (db, keys) => readGroupHolders(db, options.scope, keys),
    async close() {
      closed = true;
      clearTimeout(timer);
      drop();
      ticked.resolve();
    },
  };
}
