import type { ReadDb } from '../../runner/projection.js';
import { columnList, columnOf, decodeRow, namedRow, tableOf } from '../core/entity-table.js';
import { insertRows, insertRowsCounted, upsertRows, type RowOf } from '../core/insert-rows.js';
import { BacklogItemEventRow } from './backlog-item-event.entity.js';
import { BacklogItemLifecycleRow } from './backlog-item-lifecycle.entity.js';
import type { ItemFact } from './indicator-facts.model.js';

const LIFECYCLES = tableOf(BacklogItemLifecycleRow).name;
/** The tables item feed lines go to. */
export const ITEM_TABLES: readonly string[] = [tableOf(BacklogItemEventRow).name, LIFECYCLES];
const ITEM_KEY = ['indicatorId', 'ref'] as const;
const CLEARING = ['clearedPosition', 'clearedAt', 'clearedKnownAt'] as const;

interface Line {
  position: bigint;
  at: Date;
  knownAt: Date;
}

export interface Lifecycle {
  indicatorId: string;
  ref: string;
  opened?: Line;
  cleared?: Line;
  irregular: boolean;
}

export const keyOf = (indicatorId: string, ref: string) => `${indicatorId}\u0000${ref}`;

async function storedLifecycles(db: ReadDb, keys: { indicatorId: string; ref: string }[]): Promise<Map<string, Lifecycle>> {
  const rows = await db.query<{ row: Record<string, unknown> }>(
    `SELECT ${namedRow(BacklogItemLifecycleRow, undefined, 'l')} AS row
       FROM ${db.schema}.${LIFECYCLES} l JOIN unnest($1::text[], $2::text[]) AS k(indicator_id, ref) ON l.indicator_id = k.indicator_id AND l.ref = k.ref`,
    [keys.map((k) => k.indicatorId), keys.map((k) => k.ref)],
  );
  const line = (position?: bigint, at?: Date, knownAt?: Date): Line | undefined => (position === undefined ? undefined : { position, at: at!, knownAt: knownAt! });
  return new Map(
    rows.map(({ row }) => {
      const r = decodeRow(BacklogItemLifecycleRow, typeof row === 'string' ? JSON.parse(row) : row);
      const item = { indicatorId: r.indicatorId, ref: r.ref, opened: line(r.openedPosition, r.openedAt, r.openedKnownAt), cleared: line(r.clearedPosition, r.clearedAt, r.clearedKnownAt), irregular: r.irregular };
      return [keyOf(r.indicatorId, r.ref), item];
    }),
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

/** A lifecycle's opening slot and clearing slot: position, effective time, known time. */
const opened = (l?: Line) => ({ openedPosition: l?.position ?? null, openedAt: l?.at ?? null, openedKnownAt: l?.knownAt ?? null });
const cleared = (l?: Line) => ({ clearedPosition: l?.position ?? null, clearedAt: l?.at ?? null, clearedKnownAt: l?.knownAt ?? null });
export const lifecycleRow = (indicatorId: string, ref: string, o: Line | undefined, c: Line | undefined, irregular: boolean): RowOf<BacklogItemLifecycleRow> =>
  ({ indicatorId, ref, ...opened(o), ...cleared(c), irregular });

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
    const items = [...openings].map(([key, o]) => lifecycleRow(o.indicatorId, o.ref, o, clearings.get(key), false));
    const key = columnList(BacklogItemLifecycleRow, ITEM_KEY);
    const inserted = await insertRowsCounted(db, BacklogItemLifecycleRow, items, `ON CONFLICT ${key} DO NOTHING`);
    const later = [...clearings].filter(([k]) => !openings.has(k)).map(([, c]) => ({ indicatorId: c.indicatorId, ref: c.ref, ...cleared(c) }));
    const slot = CLEARING.map((p) => columnOf(BacklogItemLifecycleRow, p).name);
    const filled = await insertRowsCounted(db, BacklogItemLifecycleRow, later,
      `ON CONFLICT ${key} DO UPDATE SET ${slot.map((c) => `${c} = EXCLUDED.${c}`).join(', ')} WHERE ${LIFECYCLES}.${slot[0]} IS NULL`,
      [...ITEM_KEY, ...CLEARING]);
    const regular = openings.size + clearings.size === feed.length && inserted === items.length && filled === later.length;
    if (!regular) lines.push(...(await settleAgainstStored(db, feed)));
  }
  await insertRows(db, BacklogItemEventRow, lines, ['position']);
}

/** The general case: each line against its item's stored row; answers the lines to keep as lines. */
async function settleAgainstStored(db: ReadDb, feed: readonly ItemFact[]): Promise<ItemFact[]> {
  const lines: ItemFact[] = [];
  const keys = new Map(feed.map((f) => [keyOf(f.indicatorId, f.ref), { indicatorId: f.indicatorId, ref: f.ref }]));
  const stored = await storedLifecycles(db, [...keys.values()]);
  const changed = new Map<string, Lifecycle>();
  for (const f of feed) {
    const key = keyOf(f.indicatorId, f.ref);
    const item = changed.get(key) ?? stored.get(key) ?? newLifecycle(f);
    if (settleLine(item, f, lines)) changed.set(key, item);
  }
  const rows = [...changed.values()].map((i) => lifecycleRow(i.indicatorId, i.ref, i.opened, i.cleared, i.irregular));
  await upsertRows(db, BacklogItemLifecycleRow, rows, ITEM_KEY);
  return lines;
}

export const newLifecycle = (f: ItemFact): Lifecycle => ({ indicatorId: f.indicatorId, ref: f.ref, irregular: false });

/**
 * An opening or clearing against its item's lifecycle: an empty slot takes it; a slot holding
 * another keeps the first by position, the other going to `lines` and the item marked irregular.
 * Answers false when the slot already holds this very line (a batch applied again).
 */
export function settleLine(item: Lifecycle, f: ItemFact, lines: ItemFact[]): boolean {
  const slot = f.event === 'opened' ? 'opened' : 'cleared';
  const held = item[slot];
  if (held?.position === f.position) return false;
  if (!held) {
    item[slot] = { position: f.position, at: f.at, knownAt: f.knownAt };
    return true;
  }
  item.irregular = true;
  if (f.position > held.position) lines.push(f);
  else {
    lines.push({ ...f, position: held.position, at: held.at, knownAt: held.knownAt });
    item[slot] = { position: f.position, at: f.at, knownAt: f.knownAt };
  }
  return true;
}
