import { POSITION_SLOTS_PER_TRANSACTION as SLOTS } from '@rm/event-store';

/**
 * A prototype of the fix for rm_append (a copy: libs/ is not changed), installed over the bench
 * schema's function when BENCH_PROTOTYPE=1. Identical to migration 1 except the lookup of the
 * transaction's next free slot.
 *
 * Migration 1 finds it with `(SELECT ... FROM rm_settings) b LEFT JOIN rm_events e ON <slot range>
 * GROUP BY`, a join the planner cannot turn into a one-row index probe. rm_settings is never
 * analyzed (autovacuum never reaches its threshold for a one-row table), so the planner assumes
 * ~2,200 rows there and prices the join above jit_above_cost once rm_events holds a few thousand
 * events: every session that plans rm_append on a populated log JIT-compiles the statement on every
 * call (~130 ms per append, measured by bench/store.probe.ts). Here the base is read first and the
 * lookup is a plain max() over a parameterised range, which PostgreSQL answers with one backward
 * index probe (estimated cost ~4 whatever the statistics).
 */
export const prototypeAppendSql = (s: string): string => `
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
  v_slot := (SELECT position_base FROM ${s}.rm_settings) + pg_current_xact_id()::text::bigint * ${SLOTS};
  SELECT coalesce(max(e.position), v_slot) INTO v_first
    FROM ${s}.rm_events e WHERE e.position > v_slot AND e.position < v_slot + ${SLOTS};

  INSERT INTO ${s}.rm_events (position, stream_id, revision, event_id, type, data, metadata, recorded_at)
  SELECT v_first + x.ord, p_stream, v_next - v_count + x.ord, (x.e->>'id')::uuid, x.e->>'type',
         x.e->'data', x.e->'metadata', date_trunc('milliseconds', now())
    FROM jsonb_array_elements(p_events) WITH ORDINALITY AS x(e, ord);

  RETURN QUERY SELECT 'ok'::text, v_next, v_first + v_count;
END
$$;`;
