import type { SqlPool, SqlPoolClient } from './sql-pool.js';

export interface Migration {
  version: number;
  name: string;
  sql: (schema: string) => string;
}

/**
 * Global positions are derived from the appending transaction's id: base + xid * 2^20 + ordinal.
 * Readers only see positions below the oldest transaction still in flight (pg_snapshot_xmin), so
 * an event that commits late can never land behind a position a reader has already passed.
 */
export const POSITION_SLOTS_PER_TRANSACTION = 1_048_576n;

/** How long an Idempotency-Key's first response is kept for replay. */
export const IDEMPOTENCY_RETENTION_HOURS = 24;

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'event log, streams and the append function',
    sql: (s) => `
      CREATE TABLE ${s}.rm_settings (
        singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),
        position_base bigint NOT NULL DEFAULT 0
      );
      INSERT INTO ${s}.rm_settings DEFAULT VALUES;
      CREATE TABLE ${s}.rm_streams (
        stream_id text PRIMARY KEY,
        revision bigint NOT NULL
      );
      CREATE TABLE ${s}.rm_events (
        position bigint PRIMARY KEY,
        stream_id text NOT NULL,
        revision bigint NOT NULL,
        event_id uuid NOT NULL,
        type text NOT NULL,
        data jsonb NOT NULL,
        metadata jsonb NOT NULL,
        recorded_at timestamptz NOT NULL,
        UNIQUE (stream_id, revision),
        UNIQUE (stream_id, event_id)
      );
      CREATE INDEX rm_events_recorded_at ON ${s}.rm_events (recorded_at);
      CREATE INDEX rm_events_type_position ON ${s}.rm_events (type, position);

      CREATE FUNCTION ${s}.rm_visible_horizon() RETURNS bigint LANGUAGE sql STABLE AS $$
        SELECT position_base + pg_snapshot_xmin(pg_current_snapshot())::text::bigint * ${POSITION_SLOTS_PER_TRANSACTION}
        FROM ${s}.rm_settings
      $$;

      CREATE FUNCTION ${s}.rm_append(p_stream text, p_expected text, p_events jsonb)
      RETURNS TABLE (status text, out_revision bigint, out_position bigint)
      LANGUAGE plpgsql AS $$
      DECLARE
        v_count bigint := jsonb_array_length(p_events);
        v_next bigint;
        v_first bigint;
      BEGIN
        IF p_expected = 'any' THEN
          INSERT INTO ${s}.rm_streams AS t (stream_id, revision) VALUES (p_stream, v_count - 1)
            ON CONFLICT (stream_id) DO UPDATE SET revision = t.revision + v_count
            RETURNING t.revision INTO v_next;
        ELSIF p_expected = 'no-stream' THEN
          INSERT INTO ${s}.rm_streams (stream_id, revision) VALUES (p_stream, v_count - 1)
            ON CONFLICT (stream_id) DO NOTHING RETURNING revision INTO v_next;
        ELSIF p_expected = 'exists' THEN
          UPDATE ${s}.rm_streams SET revision = revision + v_count WHERE stream_id = p_stream
            RETURNING revision INTO v_next;
        ELSE
          UPDATE ${s}.rm_streams SET revision = revision + v_count
            WHERE stream_id = p_stream AND revision = p_expected::bigint
            RETURNING revision INTO v_next;
        END IF;

        IF v_next IS NULL THEN
          IF EXISTS (SELECT 1 FROM ${s}.rm_events e WHERE e.stream_id = p_stream
                      AND e.event_id = ANY (SELECT (x->>'id')::uuid FROM jsonb_array_elements(p_events) x)) THEN
            RETURN QUERY SELECT 'duplicate'::text, NULL::bigint, NULL::bigint;
          ELSE
            RETURN QUERY SELECT 'conflict'::text, (SELECT r.revision FROM ${s}.rm_streams r WHERE r.stream_id = p_stream), NULL::bigint;
          END IF;
          RETURN;
        END IF;

        -- A caller's own transaction may append more than once: continue after its last slot.
        SELECT coalesce(max(e.position), b.first_slot) INTO v_first
          FROM (SELECT position_base + pg_current_xact_id()::text::bigint * ${POSITION_SLOTS_PER_TRANSACTION} AS first_slot
                  FROM ${s}.rm_settings) b
          LEFT JOIN ${s}.rm_events e
            ON e.position > b.first_slot AND e.position < b.first_slot + ${POSITION_SLOTS_PER_TRANSACTION}
          GROUP BY b.first_slot;

        INSERT INTO ${s}.rm_events (position, stream_id, revision, event_id, type, data, metadata, recorded_at)
        SELECT v_first + x.ord, p_stream, v_next - v_count + x.ord, (x.e->>'id')::uuid, x.e->>'type',
               x.e->'data', x.e->'metadata', date_trunc('milliseconds', now())
          FROM jsonb_array_elements(p_events) WITH ORDINALITY AS x(e, ord);

        RETURN QUERY SELECT 'ok'::text, v_next, v_first + v_count;
      END
      $$;
    `,
  },
  {
    version: 2,
    name: 'rm_append finds its position slot with one index probe',
    // Version 1 joined rm_settings to rm_events to find the slot. rm_settings is never analysed
    // (too small for autovacuum), so the planner overestimated that join past jit_above_cost and
    // JIT-compiled every append once the log held a few thousand events (~130 ms per append).
    sql: (s) => `
      ANALYZE ${s}.rm_settings;
      CREATE OR REPLACE FUNCTION ${s}.rm_append(p_stream text, p_expected text, p_events jsonb)
RETURNS TABLE (status text, out_revision bigint, out_position bigint)
LANGUAGE plpgsql AS $$
DECLARE
  v_count bigint := jsonb_array_length(p_events);
  v_next bigint;
  v_slot bigint;
  v_first bigint;
BEGIN
  IF p_expected = 'any' THEN
    INSERT INTO ${s}.rm_streams AS t (stream_id, revision) VALUES (p_stream, v_count - 1)
      ON CONFLICT (stream_id) DO UPDATE SET revision = t.revision + v_count
      RETURNING t.revision INTO v_next;
  ELSIF p_expected = 'no-stream' THEN
    INSERT INTO ${s}.rm_streams (stream_id, revision) VALUES (p_stream, v_count - 1)
      ON CONFLICT (stream_id) DO NOTHING RETURNING revision INTO v_next;
  ELSIF p_expected = 'exists' THEN
    UPDATE ${s}.rm_streams SET revision = revision + v_count WHERE stream_id = p_stream
      RETURNING revision INTO v_next;
  ELSE
    UPDATE ${s}.rm_streams SET revision = revision + v_count
      WHERE stream_id = p_stream AND revision = p_expected::bigint
      RETURNING revision INTO v_next;
  END IF;

  IF v_next IS NULL THEN
    IF EXISTS (SELECT 1 FROM ${s}.rm_events e WHERE e.stream_id = p_stream
                AND e.event_id = ANY (SELECT (x->>'id')::uuid FROM jsonb_array_elements(p_events) x)) THEN
      RETURN QUERY SELECT 'duplicate'::text, NULL::bigint, NULL::bigint;
    ELSE
      RETURN QUERY SELECT 'conflict'::text, (SELECT r.revision FROM ${s}.rm_streams r WHERE r.stream_id = p_stream), NULL::bigint;
    END IF;
    RETURN;
  END IF;

  -- A caller's own transaction may append more than once: continue after its last slot.
  v_slot := (SELECT position_base FROM ${s}.rm_settings) + pg_current_xact_id()::text::bigint * ${POSITION_SLOTS_PER_TRANSACTION};
  SELECT coalesce(max(e.position), v_slot) INTO v_first
    FROM ${s}.rm_events e WHERE e.position > v_slot AND e.position < v_slot + ${POSITION_SLOTS_PER_TRANSACTION};

  INSERT INTO ${s}.rm_events (position, stream_id, revision, event_id, type, data, metadata, recorded_at)
  SELECT v_first + x.ord, p_stream, v_next - v_count + x.ord, (x.e->>'id')::uuid, x.e->>'type',
         x.e->'data', x.e->'metadata', date_trunc('milliseconds', now())
    FROM jsonb_array_elements(p_events) WITH ORDINALITY AS x(e, ord);

  RETURN QUERY SELECT 'ok'::text, v_next, v_first + v_count;
END
$$;
    `,
  },
  {
    version: 3,
    name: 'idempotency records leave the domain log for a table of their own',
    // The log is append-only for domain events; these records were never domain events (they
    // kept an HTTP response per Idempotency-Key). Moving them out deletes them from the log: no
    // projection handles their type, and positions are sparse anyway, so no reader can tell.
    sql: (s) => `
      CREATE TABLE ${s}.rm_idempotency (
        key text PRIMARY KEY,
        request_hash text NOT NULL,
        status integer,
        body_json text,
        etag text,
        claim_token uuid,
        claimed_until timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL
      );
      CREATE INDEX rm_idempotency_expires_at ON ${s}.rm_idempotency (expires_at);
      INSERT INTO ${s}.rm_idempotency (key, request_hash, status, body_json, etag, created_at, expires_at)
        SELECT substr(stream_id, 13), data->>'requestHash', (data->>'status')::int, data->>'bodyJson', data->>'etag',
               recorded_at, now() + interval '${IDEMPOTENCY_RETENTION_HOURS} hours'
          FROM ${s}.rm_events WHERE type = 'IdempotentRequestCompleted' AND stream_id LIKE 'idempotency-%'
        ON CONFLICT (key) DO NOTHING;
      DELETE FROM ${s}.rm_events WHERE type = 'IdempotentRequestCompleted' AND stream_id LIKE 'idempotency-%';
      DELETE FROM ${s}.rm_streams r WHERE r.stream_id LIKE 'idempotency-%'
        AND NOT EXISTS (SELECT 1 FROM ${s}.rm_events e WHERE e.stream_id = r.stream_id);
    `,
  },
  {
    version: 4,
    name: 'rm_append_many appends to several streams in one transaction',
    // Each write follows rm_append's rules. Streams are locked in one order (by name, whatever the
    // order given) so that two batches over the same streams queue instead of deadlocking; a
    // conflict returns at once and the caller rolls the transaction back. Events take the
    // transaction's position slots in the order given, as rm_append's do.
    sql: (s) => `
CREATE FUNCTION ${s}.rm_append_many(p_writes jsonb)
RETURNS TABLE (out_index integer, out_status text, out_revision bigint, out_position bigint)
LANGUAGE plpgsql AS $$
DECLARE
  v_n integer := jsonb_array_length(p_writes);
  v_status text[] := array_fill(NULL::text, ARRAY[v_n]);
  v_next bigint[] := array_fill(NULL::bigint, ARRAY[v_n]);
  v_pos bigint[] := array_fill(NULL::bigint, ARRAY[v_n]);
  w record;
  v_count bigint;
  v_rev bigint;
  v_slot bigint;
  v_at bigint;
BEGIN
  FOR w IN SELECT x.i::integer AS i, x.w->>'stream' AS stream, x.w->>'expected' AS expected, x.w->'events' AS events
             FROM jsonb_array_elements(p_writes) WITH ORDINALITY AS x(w, i) ORDER BY x.w->>'stream' COLLATE "C" LOOP
    v_count := jsonb_array_length(w.events);
    v_rev := NULL;
    -- rm_append meets a repeat under 'any'/'exists' as a unique violation, which would abort the
    -- whole batch: look for one first (a racing repeat still fails, and the caller tries again).
    IF w.expected IN ('any', 'exists') AND EXISTS (SELECT 1 FROM ${s}.rm_events e WHERE e.stream_id = w.stream
        AND e.event_id = ANY (SELECT (x->>'id')::uuid FROM jsonb_array_elements(w.events) x)) THEN
      v_status[w.i] := 'duplicate';
      CONTINUE;
    END IF;
    IF w.expected = 'any' THEN
      INSERT INTO ${s}.rm_streams AS t (stream_id, revision) VALUES (w.stream, v_count - 1)
        ON CONFLICT (stream_id) DO UPDATE SET revision = t.revision + v_count
        RETURNING t.revision INTO v_rev;
    ELSIF w.expected = 'no-stream' THEN
      INSERT INTO ${s}.rm_streams (stream_id, revision) VALUES (w.stream, v_count - 1)
        ON CONFLICT (stream_id) DO NOTHING RETURNING revision INTO v_rev;
    ELSIF w.expected = 'exists' THEN
      UPDATE ${s}.rm_streams SET revision = revision + v_count WHERE stream_id = w.stream
        RETURNING revision INTO v_rev;
    ELSE
      UPDATE ${s}.rm_streams SET revision = revision + v_count
        WHERE stream_id = w.stream AND revision = w.expected::bigint
        RETURNING revision INTO v_rev;
    END IF;
    IF v_rev IS NOT NULL THEN
      v_status[w.i] := 'ok';
      v_next[w.i] := v_rev;
    ELSIF EXISTS (SELECT 1 FROM ${s}.rm_events e WHERE e.stream_id = w.stream
        AND e.event_id = ANY (SELECT (x->>'id')::uuid FROM jsonb_array_elements(w.events) x)) THEN
      v_status[w.i] := 'duplicate';
    ELSE
      RETURN QUERY SELECT w.i, 'conflict'::text, (SELECT r.revision FROM ${s}.rm_streams r WHERE r.stream_id = w.stream), NULL::bigint;
      RETURN;
    END IF;
  END LOOP;

  v_slot := (SELECT position_base FROM ${s}.rm_settings) + pg_current_xact_id()::text::bigint * ${POSITION_SLOTS_PER_TRANSACTION};
  SELECT coalesce(max(e.position), v_slot) INTO v_at
    FROM ${s}.rm_events e WHERE e.position > v_slot AND e.position < v_slot + ${POSITION_SLOTS_PER_TRANSACTION};

  INSERT INTO ${s}.rm_events (position, stream_id, revision, event_id, type, data, metadata, recorded_at)
  SELECT v_at + row_number() OVER (ORDER BY y.k, x.ord), y.wr->>'stream', v_next[y.k::integer] - jsonb_array_length(y.wr->'events') + x.ord,
         (x.e->>'id')::uuid, x.e->>'type', x.e->'data', x.e->'metadata', date_trunc('milliseconds', now())
    FROM jsonb_array_elements(p_writes) WITH ORDINALITY AS y(wr, k)
    CROSS JOIN LATERAL jsonb_array_elements(y.wr->'events') WITH ORDINALITY AS x(e, ord)
   WHERE v_status[y.k::integer] = 'ok';

  FOR j IN 1..v_n LOOP
    IF v_status[j] = 'ok' THEN
      v_at := v_at + jsonb_array_length(p_writes->(j - 1)->'events');
      v_pos[j] := v_at;
    END IF;
  END LOOP;
  RETURN QUERY SELECT g.k, v_status[g.k], v_next[g.k], v_pos[g.k] FROM generate_series(1, v_n) AS g(k);
END
$$;
    `,
  },
];

/** Applies pending migrations in order, one transaction each, serialised by an advisory lock. */
export async function migrate(pool: SqlPool, schema: string, options: { positionBase?: bigint; throughVersion?: number } = {}): Promise<number[]> {
  const target = Math.min(options.throughVersion ?? Infinity, MIGRATIONS[MIGRATIONS.length - 1].version);
  // Most starts find nothing to do: one read instead of the lock, the DDL and the read.
  if (options.positionBase === undefined && (await appliedThrough(pool, schema)) >= target) return [];
  const client = await pool.connect();
  const applied: number[] = [];
  const lock = `${schema}.rm_migrations`;
  try {
    await client.query('SELECT pg_advisory_lock(hashtext($1))', [lock]);
    await client.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
    await client.query(`CREATE TABLE IF NOT EXISTS ${schema}.rm_migrations (
      version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`);
    const done = await client.query<{ version: number }>(`SELECT version FROM ${schema}.rm_migrations`);
    const versions = new Set(done.rows.map((r) => r.version));
    for (const migration of MIGRATIONS.filter((m) => !versions.has(m.version) && m.version <= (options.throughVersion ?? Infinity))) {
      await client.query('BEGIN');
      try {
        await client.query(migration.sql(schema));
        await client.query(`INSERT INTO ${schema}.rm_migrations (version, name) VALUES ($1, $2)`, [migration.version, migration.name]);
        await client.query('COMMIT');
        applied.push(migration.version);
      } catch (err) {
        await client.query('ROLLBACK');
        throw err;
      }
    }
    if (options.positionBase !== undefined) await setPositionBase(client, schema, options.positionBase);
    return applied;
  } finally {
    await client.query('SELECT pg_advisory_unlock(hashtext($1))', [lock]).catch(() => undefined);
    client.release();
  }
}

/** The highest version applied (versions apply in order), or 0 before the first migration. */
async function appliedThrough(pool: SqlPool, schema: string): Promise<number> {
  try {
    const { rows } = await pool.query<{ version: number | null }>(`SELECT max(version) AS version FROM ${schema}.rm_migrations`);
    return rows[0]?.version ?? 0;
  } catch {
    return 0; // no migrations table yet
  }
}

/** Moves every future position up by `base`, e.g. to continue the positions of a log imported from elsewhere. */
async function setPositionBase(client: SqlPoolClient, schema: string, base: bigint): Promise<void> {
  if (base < 0n || base >= 1n << 62n) throw new Error('positionBase must be from 0 to 2^62');
  const { rows } = await client.query(`SELECT EXISTS (SELECT 1 FROM ${schema}.rm_events) AS used`);
  if (rows[0].used) throw new Error('positionBase can only be set on an empty event log');
  await client.query(`UPDATE ${schema}.rm_settings SET position_base = $1`, [String(base)]);
}
