import type { ReadDb } from '../../runner/projection.js';
import type { TimeTravel } from '../../time-travel/time-travel.js';
import { epochMs as ms } from '../core/iso-time.js';
import type { ItemLifecycle } from './backlog-items.fold.js';
import { DAY_MS } from './figure-series.fold.js';

export interface KeptLifecyclesOptions {
  /** Item feed lines held at most; past it the lines are dropped and reads go back to SQL. */
  maxLines?: number;
}

/** A line's qualifying test at a read: logged by the position, known by knownAt, effective by asOf. */
export interface At {
  asOf: number;
  knownAt: number;
  position: number;
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

/** An extra opening or clearing of an irregular item (the decider writes one of each). */
interface ExtraLine {
  opened: boolean;
  at: number;
  known: number;
  position: number;
}

/**
 * One indicator's items, a column per field of its first opening and clearing line (NaN: none),
 * with any further line beside. Lines are only ever added: a read at a position picks the ones
 * logged by it, so one set of columns answers every position up to the newest loaded.
 */
export class IndicatorItems {
  readonly index = new Map<string, number>();
  readonly refs: string[] = [];
  readonly openedAt: number[] = [];
  readonly openedKnown: number[] = [];
  readonly openedPosition: number[] = [];
  readonly clearedAt: number[] = [];
  readonly clearedKnown: number[] = [];
  readonly clearedPosition: number[] = [];
  readonly extra = new Map<number, ExtraLine[]>();
  /** 1 for an item with lines in `extra`. */
  readonly irregular: number[] = [];
  irregularItems = 0;
  /** Per item, its lifecycle when both its lines qualify, and when only its opening does: shared by reads. */
  private readonly whole: (ItemLifecycle | undefined)[] = [];
  private readonly openOnly: (ItemLifecycle | undefined)[] = [];
  /** qualify's answer. */
  private opened = NaN;
  private cleared = NaN;

  /** Lines added so far: what is derived from the columns is good while this stays the same. */
  lines = 0;

  add(ref: string, opened: boolean, at: number, known: number, position: number): void {
    this.lines++;
    let i = this.index.get(ref);
    if (i === undefined) {
      i = this.refs.push(ref) - 1;
      this.index.set(ref, i);
      for (const column of [this.openedAt, this.openedKnown, this.openedPosition, this.clearedAt, this.clearedKnown, this.clearedPosition]) column.push(NaN);
      this.whole.push(undefined);
      this.openOnly.push(undefined);
      this.irregular.push(0);
    }
    const [atColumn, knownColumn, positionColumn] = opened ? [this.openedAt, this.openedKnown, this.openedPosition] : [this.clearedAt, this.clearedKnown, this.clearedPosition];
    if (Number.isNaN(positionColumn[i])) {
      atColumn[i] = at;
      knownColumn[i] = known;
      positionColumn[i] = position;
      this.whole[i] = this.openOnly[i] = undefined;
    } else {
      const lines = this.extra.get(i) ?? [];
      lines.push({ opened, at, known, position });
      this.extra.set(i, lines);
      if (this.irregular[i] === 0) this.irregularItems++;
      this.irregular[i] = 1;
    }
  }

  /**
   * itemLifecycles' rules at `at` (an item opens at its earliest qualifying opening and clears at
   * its earliest qualifying clearing; one without a qualifying opening is left out), keeping only
   * what loadItemLifecycles keeps: the items open at asOf, and those cleared more than
   * `ageDays` (the shortest age window in force) after opening; no others without one.
   */
  lifecycles(at: At, ageDays: number | undefined): ItemLifecycle[] {
    const answer: ItemLifecycle[] = [];
    const oldAfter = ageDays === undefined ? Infinity : ageDays * DAY_MS;
    const { irregular, refs } = this;
    for (let i = 0, n = refs.length; i < n; i++) {
      if (!this.qualify(i, at)) continue;
      const { opened, cleared } = this;
      if (!Number.isNaN(cleared) && !(cleared > opened + oldAfter)) continue;
      if (irregular[i] === 1) answer.push(lifecycle(refs[i], opened, cleared));
      else if (Number.isNaN(cleared)) answer.push((this.openOnly[i] ??= lifecycle(refs[i], opened, NaN)));
      else answer.push((this.whole[i] ??= lifecycle(refs[i], opened, cleared)));
    }
    return answer;
  }

  /**
   * The same items as numbers, without an object per item: itemSummary's counts of those open at
   * asOf, and (with an age window) the kept lifecycles' (opened, cleared or NaN) pairs in `scan`.
   */
  scan(at: At, ageDays: number | undefined, scan: ItemScan): void {
    const oldAfter = ageDays === undefined ? Infinity : ageDays * DAY_MS;
    let [open, oldest, over30Days, over100Days, k, c] = [0, Infinity, 0, 0, 0, 0];
    if (scan.pairs.length < 2 * this.refs.length) scan.pairs = new Float64Array(4 * this.refs.length);
    if (scan.cleared.length < 2 * this.refs.length) scan.cleared = new Float64Array(4 * this.refs.length);
    const out = scan.pairs;
    for (let i = 0, n = this.refs.length; i < n; i++) {
      if (!this.qualify(i, at)) continue;
      const { opened, cleared } = this;
      if (Number.isNaN(cleared)) {
        open++;
        if (opened < oldest) oldest = opened;
        if (at.asOf - opened >= 30 * DAY_MS) over30Days++;
        if (at.asOf - opened >= 100 * DAY_MS) over100Days++;
      } else if (!(cleared > opened + oldAfter)) continue;
      if (ageDays === undefined) continue;
      out[k++] = opened;
      out[k++] = cleared;
      if (Number.isNaN(cleared)) continue;
      scan.cleared[c++] = opened;
      scan.cleared[c++] = cleared;
    }
    Object.assign(scan, { open, oldest, over30Days, over100Days, length: k / 2, clearedLength: c / 2, ordered: false });
  }

  /** Item i's earliest qualifying opening and clearing at `at` into `opened` and `cleared` (NaN: none); false without an opening. */
  private qualify(i: number, at: At): boolean {
    const { asOf, knownAt, position } = at;
    // NaN (no line) fails every comparison: the line does not qualify.
    let opened = this.openedPosition[i] <= position && this.openedKnown[i] <= knownAt && this.openedAt[i] <= asOf ? this.openedAt[i] : NaN;
    let cleared = this.clearedPosition[i] <= position && this.clearedKnown[i] <= knownAt && this.clearedAt[i] <= asOf ? this.clearedAt[i] : NaN;
    if (this.irregular[i] === 1)
      for (const l of this.extra.get(i) ?? []) {
        if (!(l.position <= position && l.known <= knownAt && l.at <= asOf)) continue;
        if (l.opened) opened = Number.isNaN(opened) || l.at < opened ? l.at : opened;
        else cleared = Number.isNaN(cleared) || l.at < cleared ? l.at : cleared;
      }
    this.opened = opened;
    this.cleared = cleared;
    return !Number.isNaN(opened);
  }
}

/** What IndicatorItems.scan finds: itemSummary's numbers (oldest: Infinity without an open item) and the pairs. */
export interface ItemScan {
  open: number;
  oldest: number;
  over30Days: number;
  over100Days: number;
  /** opened, cleared (NaN: open) for each of `length` items. */
  pairs: Float64Array;
  length: number;
  /** The same of the `clearedLength` items among them with a clearing. */
  cleared: Float64Array;
  clearedLength: number;
  /** Whether the pairs are in opening order and the cleared ones in clearing order. */
  ordered: boolean;
}

/** A read's moments as a line's qualifying test takes them. */
export const atOf = (tt: TimeTravel): At => ({ asOf: tt.asOf.getTime(), knownAt: tt.knownAt.getTime(), position: Number(tt.position) });

// One shape whether cleared or not (the fold's loops stay monomorphic).
const lifecycle = (ref: string, opened: number, cleared: number): ItemLifecycle => ({
  ref,
  openedAt: new Date(opened),
  clearedAt: Number.isNaN(cleared) ? undefined : new Date(cleared),
});

/**
 * Every item feed opening and clearing logged up to the newest position read, per indicator.
 * Nothing at or before a position every projection includes changes, and a line keeps its
 * position whether it sits on its item's lifecycle row or (irregular items) among the lines: so
 * the lines up to a position are loaded once, and when the position moves on only those logged
 * since are added.
 */
export class KeptLifecycles {
  private readonly items = new Map<string, IndicatorItems>();
  private loaded = 0n;
  private lines = 0;
  private loading: Promise<void> = Promise.resolve();
  private target = 0n;
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
    await this.upTo(tt.position);
    return this.lines > this.maxLines ? undefined : this.items;
  }

  /** Every line up to `position`, loaded ahead of the first read there. */
  warm(position: bigint): Promise<void> {
    return this.upTo(position);
  }

  /** Loads, one load at a time, the lines logged after the newest loaded position up to `position`. */
  private upTo(position: bigint): Promise<void> {
    if (position <= this.loaded) return Promise.resolve();
    if (position <= this.target) return this.loading;
    this.target = position;
    const next = this.loading.then(() => this.load(position));
    // A failed load leaves `loaded` where it was: the next read past it tries again.
    this.loading = next.catch(() => {
      this.target = this.loaded;
    });
    return next;
  }

  private async load(position: bigint): Promise<void> {
    if (position <= this.loaded || this.lines > this.maxLines) return;
    const s = this.source.schema;
    const slot = (event: 'opened' | 'cleared') =>
      `SELECT indicator_id, ref, ${event === 'opened'} AS opened, ${ms(`${event}_at`)} AS at, ${ms(`${event}_known_at`)} AS known, ${event}_position AS position
         FROM ${s}.rm_indicator_backlog_item_lifecycles WHERE ${event}_position > $1::bigint AND ${event}_position <= $2::bigint`;
    const sql = `SELECT indicator_id, json_agg(json_build_object('ref', ref, 'opened', opened, 'at', at, 'known', known, 'position', position::text)) AS lines FROM (
        ${slot('opened')} UNION ALL ${slot('cleared')}
        UNION ALL SELECT indicator_id, ref, event = 'opened', ${ms('at')}, ${ms('known_at')}, position FROM ${s}.rm_indicator_backlog_items
         WHERE event IN ('opened', 'cleared') AND position > $1::bigint AND position <= $2::bigint) lines
      GROUP BY indicator_id`;
    const rows = await this.source.query<{ indicator_id: string; lines: unknown }>(sql, [this.loaded.toString(), position.toString()]);
    for (const row of rows) {
      const lines = (typeof row.lines === 'string' ? JSON.parse(row.lines) : row.lines) as LineRow[];
      let items = this.items.get(row.indicator_id);
      if (!items) this.items.set(row.indicator_id, (items = new IndicatorItems()));
      for (const l of lines) items.add(l.ref, l.opened, Number(l.at), Number(l.known), Number(l.position));
      this.lines += lines.length;
    }
    this.loaded = position;
    if (this.lines > this.maxLines) this.items.clear();
  }
}
