import { POSITION_SLOTS_PER_TRANSACTION } from '@rm/event-store';

/**
 * A prototype of rm_append for the probe (a copy: libs/ is not changed). Same contract and position
 * scheme; the only change: the next free slot of the appending transaction is kept in a
 * transaction-local setting instead of being looked up with max(position) over the slot range.
 */
export const leanAppendSql = (s: string): string => `
CREATE FUNCTION ${s}.rm_append_lean(p_stream text, p_expected text, p_events jsonb)
RETURNS TABLE (status text, out_revision bigint, out_position bigint)
LANGUAGE plpgsql AS $$
DECLARE
  v_count bigint := jsonb_array_length(p_events);
  v_next bigint;
  v_first bigint;
  v_slot text;
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

  -- The transaction's last used slot, if it appended before (the setting ends with the transaction).
  v_slot := current_setting('rm.last_slot', true);
  IF v_slot IS NULL OR v_slot = '' THEN
    SELECT position_base + pg_current_xact_id()::text::bigint * ${POSITION_SLOTS_PER_TRANSACTION} INTO v_first FROM ${s}.rm_settings;
  ELSE
    v_first := v_slot::bigint;
  END IF;
  PERFORM set_config('rm.last_slot', (v_first + v_count)::text, true);

  INSERT INTO ${s}.rm_events (position, stream_id, revision, event_id, type, data, metadata, recorded_at)
  SELECT v_first + x.ord, p_stream, v_next - v_count + x.ord, (x.e->>'id')::uuid, x.e->>'type',
         x.e->'data', x.e->'metadata', date_trunc('milliseconds', now())
    FROM jsonb_array_elements(p_events) WITH ORDINALITY AS x(e, ord);

  RETURN QUERY SELECT 'ok'::text, v_next, v_first + v_count;
END
$$;`;
