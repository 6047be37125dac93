import type { ReadDb } from '../../runner/projection.js';
import type { TimeTravel } from '../../time-travel/time-travel.js';
import { epochMs as ms } from '../core/iso-time.js';
import { LoadsUpTo } from '../core/loads-up-to.js';
import type { ItemLifecycle } from './backlog-items.fold.js';
import { atOf, IndicatorItems } from './item-index.js';

export interface KeptLifecyclesOptions {
  /** Item feed lines held at most; past it the lines are dropped and reads go back to SQL. */
  maxLines?: number;
}

/**
 * An opening or clearing line as the load reads it: from a lifecycle row's slot (columns of
 * BacklogItemLifecycleRow) or from the lines (BacklogItemEventRow); instants in epoch ms.
 * Plain SQL: one statement over both tables, lines as JSON per indicator.
 */
interface LineRow {
  ref: string;
  opened: boolean;
  at: number;
  known: number;
  position: string;
}

/**
 * Every item feed opening and clearing logged up to the newest position read, per indicator.
 * Nothing at or before a position every projection includes changes, and a line keeps its
 * position whether it sits on its item's lifecycle row or (irregular items) among the lines: so
 * the lines up to a position are loaded once, and when the position moves on only those logged
 * since are added.
 */
export class KeptLifecycles {
  private readonly items = new Map<string, IndicatorItems>();
  private lines = 0;
  private readonly loads = new LoadsUpTo((after, through) => this.load(after, through));
  private readonly maxLines: number;

  constructor(
    private readonly source: ReadDb,
    options: KeptLifecyclesOptions,
  ) {
    this.maxLines = options.maxLines ?? 2_000_000;
  }

  /**
   * loadItemLifecycles' answer (a set it allows) for one indicator or all with a qualifying item,
   * given each one's shortest age window in force; undefined when too many lines are held to keep.
   */
  async lifecycles(tt: TimeTravel, ageDays: (indicatorId: string) => number | undefined, indicatorId?: string): Promise<Map<string, ItemLifecycle[]> | undefined> {
    const items = await this.itemsAt(tt);
    if (!items) return undefined;
    const at = atOf(tt);
    const answer = new Map<string, ItemLifecycle[]>();
    const ids = indicatorId === undefined ? [...items.keys()] : [indicatorId];
    for (const id of ids) {
      const list = items.get(id)?.lifecycles(at, ageDays(id));
      if (list && list.length > 0) answer.set(id, list);
    }
    return answer;
  }

  /** Every indicator's items, with lines logged up to at least the read's position; undefined when too many lines are held to keep. */
  async itemsAt(tt: TimeTravel): Promise<ReadonlyMap<string, IndicatorItems> | undefined> {
    await this.loads.upTo(tt.position);
    return this.lines > this.maxLines ? undefined : this.items;
  }

  /** Every line up to `position`, loaded ahead of the first read there. */
  warm(position: bigint): Promise<void> {
    return this.loads.upTo(position);
  }

  /** Adds the lines logged after `after` up to `position`. */
  private async load(after: bigint, position: bigint): Promise<void> {
    if (this.lines > this.maxLines) return;
    const s = this.source.schema;
    const slot = (event: 'opened' | 'cleared') =>
      `SELECT indicator_id, ref, ${event === 'opened'} AS opened, ${ms(`${event}_at`)} AS at, ${ms(`${event}_known_at`)} AS known, ${event}_position AS position
         FROM ${s}.rm_indicator_backlog_item_lifecycles WHERE ${event}_position > $1::bigint AND ${event}_position <= $2::bigint`;
    const sql = `SELECT indicator_id, json_agg(json_build_object('ref', ref, 'opened', opened, 'at', at, 'known', known, 'position', position::text)) AS lines FROM (
        ${slot('opened')} UNION ALL ${slot('cleared')}
        UNION ALL SELECT indicator_id, ref, event = 'opened', ${ms('at')}, ${ms('known_at')}, position FROM ${s}.rm_indicator_backlog_items
         WHERE event IN ('opened', 'cleared') AND position > $1::bigint AND position <= $2::bigint) lines
      GROUP BY indicator_id`;
    const rows = await this.source.query<{ indicator_id: string; lines: unknown }>(sql, [after.toString(), position.toString()]);
    for (const row of rows) {
      const lines = (typeof row.lines === 'string' ? JSON.parse(row.lines) : row.lines) as LineRow[];
      let items = this.items.get(row.indicator_id);
      if (!items) this.items.set(row.indicator_id, (items = new IndicatorItems()));
      for (const l of lines) items.add(l.ref, l.opened, Number(l.at), Number(l.known), Number(l.position));
      this.lines += lines.length;
    }
    if (this.lines > this.maxLines) this.items.clear();
  }
}
