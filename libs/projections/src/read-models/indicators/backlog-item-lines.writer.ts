import type { ReadDb } from '../../runner/projection.js';
import { insertRows, upsertRows } from '../core/insert-rows.js';
import { isoOf } from '../core/iso-time.js';
import type { ItemFact } from './indicator-facts.model.js';

const LINES = 'rm_indicator_backlog_items';
const LINE_COLUMNS = ['position', 'indicator_id', 'ref', 'event', 'at', 'known_at', 'risk'];
const LIFECYCLES = 'rm_indicator_backlog_item_lifecycles';
const LIFECYCLE_COLUMNS = 'indicator_id ref opened_position opened_at opened_known_at cleared_position cleared_at cleared_known_at irregular'.split(' ');

interface Line {
  position: bigint;
  at: Date;
  knownAt: Date;
}

interface Lifecycle {
  indicatorId: string;
  ref: string;
  opened?: Line;
  cleared?: Line;
  irregular: boolean;
}

const lineRow = (f: ItemFact) => [String(f.position), f.indicatorId, f.ref, f.event, isoOf(f.at), isoOf(f.knownAt), f.risk ?? null];
const keyOf = (indicatorId: string, ref: string) => `${indicatorId}\u0000${ref}`;

async function storedLifecycles(db: ReadDb, keys: { indicatorId: string; ref: string }[]): Promise<Map<string, Lifecycle>> {
  const rows = await db.query<{ indicator_id: string; ref: string; op: string | null; oa: Date | null; ok: Date | null; cp: string | null; ca: Date | null; ck: Date | null; irregular: boolean }>(
    `SELECT l.indicator_id, l.ref, opened_position::text AS op, opened_at AS oa, opened_known_at AS ok,
            cleared_position::text AS cp, cleared_at AS ca, cleared_known_at AS ck, irregular
       FROM ${db.schema}.${LIFECYCLES} l JOIN unnest($1::text[], $2::text[]) AS k(indicator_id, ref) ON l.indicator_id = k.indicator_id AND l.ref = k.ref`,
    [keys.map((k) => k.indicatorId), keys.map((k) => k.ref)],
  );
  const line = (p: string | null, at: Date | null, known: Date | null): Line | undefined =>
    p === null ? undefined : { position: BigInt(p), at: new Date(at!), knownAt: new Date(known!) };
  return new Map(
    rows.map((r) => [keyOf(r.indicator_id, r.ref), { indicatorId: r.indicator_id, ref: r.ref, opened: line(r.op, r.oa, r.ok), cleared: line(r.cp, r.ca, r.ck), irregular: r.irregular }]),
  );
}

/**
 * Writes a batch's item feed lines: gradings as lines; openings and clearings into their item's
 * lifecycle row, which keeps the first of each by position, any other going to the lines with
 * the item marked irregular. Idempotent: a line already in place changes nothing.
 */
export async function writeItemLines(db: ReadDb, facts: readonly ItemFact[]): Promise<void> {
  const lines = facts.filter((f) => f.event === 'graded');
  const feed = facts.filter((f) => f.event !== 'graded');
  if (feed.length > 0) {
    const keys = new Map(feed.map((f) => [keyOf(f.indicatorId, f.ref), { indicatorId: f.indicatorId, ref: f.ref }]));
    const stored = await storedLifecycles(db, [...keys.values()]);
    const changed = new Map<string, Lifecycle>();
    for (const f of feed) {
      const key = keyOf(f.indicatorId, f.ref);
      const item = changed.get(key) ?? stored.get(key) ?? { indicatorId: f.indicatorId, ref: f.ref, irregular: false };
      const slot = f.event === 'opened' ? 'opened' : 'cleared';
      const held = item[slot];
      if (held?.position === f.position) continue;
      changed.set(key, item);
      if (!held) {
        item[slot] = { position: f.position, at: f.at, knownAt: f.knownAt };
        continue;
      }
      item.irregular = true;
      if (f.position > held.position) lines.push(f);
      else {
        lines.push({ ...f, position: held.position, at: held.at, knownAt: held.knownAt });
        item[slot] = { position: f.position, at: f.at, knownAt: f.knownAt };
      }
    }
    const cells = (l?: Line) => (l ? [String(l.position), isoOf(l.at), isoOf(l.knownAt)] : [null, null, null]);
    const rows = [...changed.values()].map((i) => [i.indicatorId, i.ref, ...cells(i.opened), ...cells(i.cleared), i.irregular]);
    await upsertRows(db, LIFECYCLES, LIFECYCLE_COLUMNS, rows, ['indicator_id', 'ref']);
  }
  await insertRows(db, LINES, LINE_COLUMNS, lines.map(lineRow), '(position)');
}
