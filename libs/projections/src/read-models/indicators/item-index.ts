import { DAY_MS } from './figure-series.fold.js';
import type { At, IndicatorItems, ItemScan } from './kept-lifecycles.js';

const BLOCK = 32;

/**
 * One indicator's items (none irregular) ordered for reads with a given shortest age window:
 *  - long: those a read may keep whatever its moments (no clearing line, or cleared more than the
 *    window after opening), by opening time, and those with a clearing also by clearing time;
 *  - short: the others, which count only while open, by when their clearing is both effective
 *    and known ("settled"): a read's clearing qualifies for a prefix of them (its positions
 *    permitting); the rest go in blocks with their earliest opening time, known time and
 *    position, so that a block none of whose openings qualify is passed over whole.
 */
class ItemIndex {
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
let reads = 0;
const runs = { long: new Float64Array(2048), short: new Float64Array(1024) };

function indexOf(items: IndicatorItems, ageDays: number | undefined): ItemIndex {
  let kept = indexes.get(items);
  if (!kept || kept.lines !== items.lines) indexes.set(items, (kept = { lines: items.lines, byWindow: new Map() }));
  let index = kept.byWindow.get(ageDays);
  if (!index) kept.byWindow.set(ageDays, (index = new ItemIndex(items, ageDays)));
  return index;
}

const above = (sorted: Float64Array, x: number): number => {
  let [lo, hi] = [0, sorted.length];
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid] <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
};

/**
 * IndicatorItems.scan's answer with the pairs in opening order and the kept clearings in clearing
 * order (`ordered`), visiting only the items that can count; the plain scan for irregular items.
 */
export function scanItems(items: IndicatorItems, at: At, ageDays: number | undefined, scan: ItemScan): void {
  if (items.irregularItems > 0) return items.scan(at, ageDays, scan);
  const x = indexOf(items, ageDays);
  const read = (reads = (reads + 1) >>> 0 || 1);
  const { asOf, knownAt, position } = at;
  const n = x.long.openedAt.length;
  if (runs.long.length < 2 * n) runs.long = new Float64Array(4 * n);
  if (runs.short.length < x.shortSettled.length) runs.short = new Float64Array(2 * x.shortSettled.length);
  const { long, short } = runs;
  const pairs = ageDays !== undefined;
  let [open, oldest, over30Days, over100Days, nLong, nShort] = [0, Infinity, 0, 0, 0, 0];
  const L = x.long;
  for (let j = 0, end = above(L.openedAt, asOf); j < end; j++) {
    if (!(L.openedPosition[j] <= position && L.openedKnown[j] <= knownAt)) continue;
    const opened = L.openedAt[j];
    const cleared = L.clearedPosition[j] <= position && L.clearedKnown[j] <= knownAt && L.clearedAt[j] <= asOf ? L.clearedAt[j] : NaN;
    if (Number.isNaN(cleared)) {
      open++;
      if (opened < oldest) oldest = opened;
      if (asOf - opened >= 30 * DAY_MS) over30Days++;
      if (asOf - opened >= 100 * DAY_MS) over100Days++;
    } else x.keptIn[j] = read;
    if (!pairs) continue;
    long[nLong++] = opened;
    long[nLong++] = cleared;
  }
  // Short items whose clearing qualifies count for nothing: past the settled prefix, the open ones.
  const S = x.short;
  let from = above(x.shortSettled, Math.min(asOf, knownAt));
  if (from > 0 && !(x.shortPositionUpTo[from - 1] <= position)) from = 0;
  const b = x.block;
  for (let j = from, end = x.shortSettled.length; j < end; j++) {
    const k = (j / BLOCK) | 0;
    if (j === from || j % BLOCK === 0)
      if (!(b.openedAt[k] <= asOf && b.openedKnown[k] <= knownAt && b.openedPosition[k] <= position)) {
        j = (k + 1) * BLOCK - 1;
        continue;
      }
    if (!(S.openedAt[j] <= asOf && S.openedPosition[j] <= position && S.openedKnown[j] <= knownAt)) continue;
    if (S.clearedPosition[j] <= position && S.clearedKnown[j] <= knownAt && S.clearedAt[j] <= asOf) continue;
    const opened = S.openedAt[j];
    open++;
    if (opened < oldest) oldest = opened;
    if (asOf - opened >= 30 * DAY_MS) over30Days++;
    if (asOf - opened >= 100 * DAY_MS) over100Days++;
    if (pairs) short[nShort++] = opened;
  }
  const opens = short.subarray(0, nShort).sort();
  if (scan.pairs.length < nLong + 2 * nShort) scan.pairs = new Float64Array(2 * (nLong + 2 * nShort));
  if (scan.cleared.length < nLong) scan.cleared = new Float64Array(2 * nLong);
  const out = scan.pairs;
  let [p, l, s] = [0, 0, 0];
  while (l < nLong || s < nShort) {
    if (s >= nShort || (l < nLong && long[l] <= opens[s])) {
      out[p++] = long[l++];
      out[p++] = long[l++];
    } else {
      out[p++] = opens[s++];
      out[p++] = NaN;
    }
  }
  let c = 0;
  if (pairs)
    for (let j = 0, end = above(x.longCleared, asOf); j < end; j++) {
      const i = x.longByClearing[j];
      if (x.keptIn[i] !== read) continue;
      scan.cleared[c++] = L.openedAt[i];
      scan.cleared[c++] = L.clearedAt[i];
    }
  Object.assign(scan, { open, oldest, over30Days, over100Days, length: p / 2, clearedLength: c / 2, ordered: true });
}
