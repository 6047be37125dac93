import type { ReadDb } from '../../runner/projection.js';
import { columnOf, tableOf } from '../core/entity-table.js';
import { insertRows } from '../core/insert-rows.js';
import { BacklogItemEventRow } from './backlog-item-event.entity.js';
import { BacklogItemLifecycleRow } from './backlog-item-lifecycle.entity.js';
import { keyOf, lifecycleRow, newLifecycle, settleLine, type Lifecycle } from './backlog-item-lines.writer.js';
import type { ItemFact } from './indicator-facts.model.js';

/**
 * Item feed lines in a bulk load (a rebuild's fresh generation, applied once, in log order, by
 * this process alone): the lifecycles are kept here instead of being looked up and upserted.
 * A lifecycle is written whole, as a plain row (COPY), once both its slots are filled; any later
 * line of that item can only be an extra one, kept as a line, the row marked irregular at the
 * end. Lifecycles still open at the end are written then. The rows are what writeItemLines
 * gives applying the same lines batch by batch (the same settleLine).
 */
export class ItemLifecyclesInBulk {
  private readonly open = new Map<string, Lifecycle>();
  private readonly written = new Set<string>();
  private readonly irregularSinceWritten = new Map<string, { indicatorId: string; ref: string }>();

  async write(db: ReadDb, facts: readonly ItemFact[]): Promise<void> {
    const lines: ItemFact[] = [];
    const touched = new Map<string, Lifecycle>();
    for (const f of facts) {
      if (f.event === 'graded') {
        lines.push(f);
        continue;
      }
      const key = keyOf(f.indicatorId, f.ref);
      if (this.written.has(key)) {
        // Both slots are held by earlier lines: this one is an extra line.
        lines.push(f);
        this.irregularSinceWritten.set(key, { indicatorId: f.indicatorId, ref: f.ref });
        continue;
      }
      let item = this.open.get(key);
      if (!item) this.open.set(key, (item = newLifecycle(f)));
      settleLine(item, f, lines);
      touched.set(key, item);
    }
    const complete = [];
    for (const [key, item] of touched) {
      if (!item.opened || !item.cleared) continue;
      complete.push(lifecycleRow(item.indicatorId, item.ref, item.opened, item.cleared, item.irregular));
      this.open.delete(key);
      this.written.add(key);
    }
    await insertRows(db, BacklogItemLifecycleRow, complete);
    await insertRows(db, BacklogItemEventRow, lines, ['position']);
  }

  /** The lifecycles still open, and the irregular mark of those written before an extra line came. */
  async finish(db: ReadDb): Promise<void> {
    const rows = [...this.open.values()].map((i) => lifecycleRow(i.indicatorId, i.ref, i.opened, i.cleared, i.irregular));
    await insertRows(db, BacklogItemLifecycleRow, rows);
    this.open.clear();
    const marked = [...this.irregularSinceWritten.values()];
    if (marked.length > 0) {
      const [id, ref, irregular] = (['indicatorId', 'ref', 'irregular'] as const).map((p) => columnOf(BacklogItemLifecycleRow, p).name);
      await db.query(
        `UPDATE ${db.schema}.${tableOf(BacklogItemLifecycleRow).name} l SET ${irregular} = true
           FROM unnest($1::text[], $2::text[]) AS k(indicator_id, ref) WHERE l.${id} = k.indicator_id AND l.${ref} = k.ref`,
        [marked.map((k) => k.indicatorId), marked.map((k) => k.ref)],
      );
    }
    this.written.clear();
    this.irregularSinceWritten.clear();
  }
}
