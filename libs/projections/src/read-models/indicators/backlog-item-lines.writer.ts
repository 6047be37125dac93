import type { ReadDb } from '../../runner/projection.js';
import { insertRows, insertRowsCounted, upsertRows } from '../core/insert-rows.js';
import { epochMs as ms, isoOf } from '../core/iso-time.js';
import type { ItemFact } from './indicator-facts.model.js';

const LINES = 'rm_indicator_backlog_items';
const LINE_COLUMNS = ['position', 'indicator_id', 'ref', 'event', 'at', 'known_at', 'risk'];
const LIFECYCLES = 'rm_indicator_backlog_item_lifecycles';
/** The tables item feed lines go to. */
export const ITEM_TABLES: readonly string[] = [LINES, LIFECYCLES];
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
  const rows = await db.query<{ indicator_id: string; ref: string; op: string | null; oa: number | null; ok: number | null; cp: string | null; ca: number | null; ck: number | null; irregular: boolean }>(
    `SELECT l.indicator_id, l.ref, opened_position::text AS op, ${ms('opened_at')} AS oa, ${ms('opened_known_at')} AS ok,
            cleared_position::text AS cp, ${ms('cleared_at')} AS ca, ${ms('cleared_known_at')} AS ck, irregular
       FROM ${db.schema}.${LIFECYCLES} l JOIN unnest($1::text[], $2::text[]) AS k(indicator_id, ref) ON l.indicator_id = k.indicator_id AND l.ref = k.ref`,
    [keys.map((k) => k.indicatorId), keys.map((k) => k.ref)],
  );
  const line = (p: string | null, at: number | null, known: number | null): Line | undefined =>
    p === null ? undefined : { position: BigInt(p), at: new Date(Number(at)), knownAt: new Date(Number(known)) };
  return new Map(
    rows.map((r) => [keyOf(r.indicator_id, r.ref), { indicatorId: r.indicator_id, ref: r.ref, opened: line(r.op, r.oa, r.ok), cleared: line(r.cp, r.ca, r.ck), irregular: r.irregular }]),
  );
}

/** The first line by position of each item, of one kind. */
function firstPerItem(lines: readonly ItemFact[], event: 'opened' | 'cleared'): Map<string, ItemFact> {
  const first = new Map<string, ItemFact>();
  for (const f of lines) {
    if (f.event !== event) continue;
    const key = keyOf(f.indicatorId, f.ref);
    const held = first.get(key);
    if (!held || f.position < held.position) first.set(key, f);
  }
  return first;
}

/** A line's slot columns: position, effective time, known time. */
const slotCells = (l?: Line) => (l ? [String(l.position), isoOf(l.at), isoOf(l.knownAt)] : [null, null, null]);

/**
 * Writes a batch's item feed lines: gradings as lines; openings and clearings into their item's
 * lifecycle row, which keeps the first of each by position, any other going to the lines with
 * the item marked irregular. Idempotent: a line already in place changes nothing.
 * The common case takes two statements: new items inserted whole (most clear within the batch
 * that opens them), then the clearings of items opened earlier filled in. Anything else — a
 * repeat, an extra line, a batch applied again — is settled against the stored rows.
 */
export async function writeItemLines(db: ReadDb, facts: readonly ItemFact[]): Promise<void> {
  const lines = facts.filter((f) => f.event === 'graded');
  const feed = facts.filter((f) => f.event !== 'graded');
  if (feed.length > 0) {
    const [openings, clearings] = [firstPerItem(feed, 'opened'), firstPerItem(feed, 'cleared')];
    const items = [...openings].map(([key, o]) => [o.indicatorId, o.ref, ...slotCells(o), ...slotCells(clearings.get(key)), false]);
    const inserted = await insertRowsCounted(db, LIFECYCLES, LIFECYCLE_COLUMNS, items, 'ON CONFLICT (indicator_id, ref) DO NOTHING');
    const later = [...clearings].filter(([key]) => !openings.has(key)).map(([, c]) => [c.indicatorId, c.ref, ...slotCells(c)]);
    const slot = ['cleared_position', 'cleared_at', 'cleared_known_at'];
    const filled = await insertRowsCounted(db, LIFECYCLES, ['indicator_id', 'ref', ...slot], later,
      `ON CONFLICT (indicator_id, ref) DO UPDATE SET ${slot.map((c) => `${c} = EXCLUDED.${c}`).join(', ')} WHERE ${LIFECYCLES}.cleared_position IS NULL`);
    const regular = openings.size + clearings.size === feed.length && inserted === items.length && filled === later.length;
    if (!regular) lines.push(...(await settleAgainstStored(db, feed)));
  }
  await insertRows(db, LINES, LINE_COLUMNS, lines.map(lineRow), '(position)');
}

/** The general case: each line against its item's stored row; answers the lines to keep as lines. */
async function settleAgainstStored(db: ReadDb, feed: readonly ItemFact[]): Promise<ItemFact[]> {
  const lines: ItemFact[] = [];
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
  const rows = [...changed.values()].map((i) => [i.indicatorId, i.ref, ...slotCells(i.opened), ...slotCells(i.cleared), i.irregular]);
  await upsertRows(db, LIFECYCLES, LIFECYCLE_COLUMNS, rows, ['indicator_id', 'ref']);
  return lines;
}
