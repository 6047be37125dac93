import type { TimeTravel } from '../../time-travel/time-travel.js';
import type { ItemLifecycle } from './backlog-items.fold.js';
import { DAY_MS } from './figure-series.fold.js';

/** A line's qualifying test at a read: logged by the position, known by knownAt, effective by asOf. */
export interface At {
  asOf: number;
  knownAt: number;
  position: number;
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

export const BLOCK = 32;

/**
 * One indicator's items (none irregular) ordered for reads with a given shortest age window:
 *  - long: those a read may keep whatever its moments (no clearing line, or cleared more than the
 *    window after opening), by opening time, and those with a clearing also by clearing time;
 *  - short: the others, which count only while open, by when their clearing is both effective
 *    and known ("settled"): a read's clearing qualifies for a prefix of them (its positions
 *    permitting); the rest go in blocks with their earliest opening time, known time and
 *    position, so that a block none of whose openings qualify is passed over whole.
 */
export class ItemIndex {
  /** The long items' lines, by opening time. */
  readonly long: Lines;
  /** Of those with a clearing, their places in `long` by clearing time, and the clearing times. */
  readonly longByClearing: Int32Array;
  readonly longCleared: Float64Array;
  /** The short items' lines, by settled time. */
  readonly short: Lines;
  readonly shortSettled: Float64Array;
  /** The latest clearing position among short[0..i]. */
  readonly shortPositionUpTo: Float64Array;
  readonly block: { openedAt: Float64Array; openedKnown: Float64Array; openedPosition: Float64Array };
  /** Per long item, the read that found its clearing qualifying. */
  readonly keptIn: Uint32Array;

  constructor(items: IndicatorItems, ageDays: number | undefined) {
    const { openedAt, clearedAt, clearedKnown, clearedPosition } = items;
    const oldAfter = ageDays === undefined ? Infinity : ageDays * DAY_MS;
    const long: number[] = [];
    const short: number[] = [];
    for (let i = 0; i < openedAt.length; i++) {
      if (Number.isNaN(openedAt[i])) continue;
      (Number.isNaN(clearedPosition[i]) || clearedAt[i] > openedAt[i] + oldAfter ? long : short).push(i);
    }
    const by = (key: (i: number) => number) => (a: number, b: number) => key(a) - key(b);
    const settled = (i: number) => Math.max(clearedAt[i], clearedKnown[i]);
    this.long = linesOf(items, long.sort(by((i) => openedAt[i])));
    const clearing = [...this.long.clearedPosition.keys()].filter((j) => !Number.isNaN(this.long.clearedPosition[j]));
    this.longByClearing = Int32Array.from(clearing.sort(by((j) => this.long.clearedAt[j])));
    this.longCleared = Float64Array.from(this.longByClearing, (j) => this.long.clearedAt[j]);
    this.short = linesOf(items, short.sort(by(settled)));
    this.shortSettled = Float64Array.from(short, settled);
    let latest = -Infinity;
    this.shortPositionUpTo = Float64Array.from(this.short.clearedPosition, (p) => (latest = Math.max(latest, p)));
    const earliest = (column: Float64Array) =>
      Float64Array.from({ length: Math.ceil(short.length / BLOCK) }, (_, b) => column.subarray(b * BLOCK, (b + 1) * BLOCK).reduce((x, v) => Math.min(x, v), Infinity));
    this.block = { openedAt: earliest(this.short.openedAt), openedKnown: earliest(this.short.openedKnown), openedPosition: earliest(this.short.openedPosition) };
    this.keptIn = new Uint32Array(long.length);
  }
}

/** Items' opening and clearing lines, a column each, in one order (read in turn, not by an index into the items). */
interface Lines {
  openedAt: Float64Array;
  openedKnown: Float64Array;
  openedPosition: Float64Array;
  clearedAt: Float64Array;
  clearedKnown: Float64Array;
  clearedPosition: Float64Array;
}

const linesOf = (items: IndicatorItems, order: readonly number[]): Lines => {
  const column = (values: readonly number[]) => Float64Array.from(order, (i) => values[i]);
  return {
    openedAt: column(items.openedAt),
    openedKnown: column(items.openedKnown),
    openedPosition: column(items.openedPosition),
    clearedAt: column(items.clearedAt),
    clearedKnown: column(items.clearedKnown),
    clearedPosition: column(items.clearedPosition),
  };
};

const indexes = new WeakMap<IndicatorItems, { lines: number; byWindow: Map<number | undefined, ItemIndex> }>();
export function indexOf(items: IndicatorItems, ageDays: number | undefined): ItemIndex {
  let kept = indexes.get(items);
  if (!kept || kept.lines !== items.lines) indexes.set(items, (kept = { lines: items.lines, byWindow: new Map() }));
  let index = kept.byWindow.get(ageDays);
  if (!index) kept.byWindow.set(ageDays, (index = new ItemIndex(items, ageDays)));
  return index;
}
