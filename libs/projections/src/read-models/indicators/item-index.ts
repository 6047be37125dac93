import { DAY_MS } from './figure-series.fold.js';
import type { At, IndicatorItems, ItemScan } from './kept-lifecycles.js';

const BLOCK = 32;

/**
 * One indicator's items (none irregular) ordered for reads with a given shortest age window:
 *  - long: those a read may keep whatever its moments (no clearing line, or cleared more than the
 *    window after opening), by opening time, and those with a clearing also by clearing time;
 *  - short: the others, by opening time, in blocks with the latest clearing time, known time and
 *    position of the block and its earliest opening known time and position: a block whose
 *    clearings all qualify holds no open item, one whose openings none qualify holds no item.
 * A read then visits the long items opened by asOf and the short ones of the blocks it cannot rule out.
 */
class ItemIndex {
  readonly long: Int32Array;
  readonly longOpened: Float64Array;
  readonly longByClearing: Int32Array;
  readonly longCleared: Float64Array;
  readonly short: Int32Array;
  readonly shortOpened: Float64Array;
  readonly block: { clearedAt: Float64Array; clearedKnown: Float64Array; clearedPosition: Float64Array; openedKnown: Float64Array; openedPosition: Float64Array };
  /** Per item, the read that found its clearing qualifying while keeping it. */
  readonly keptIn: Uint32Array;

  constructor(
    readonly items: IndicatorItems,
    ageDays: number | undefined,
  ) {
    const { openedAt, clearedAt, clearedPosition } = items;
    const oldAfter = ageDays === undefined ? Infinity : ageDays * DAY_MS;
    const long: number[] = [];
    const short: number[] = [];
    for (let i = 0; i < openedAt.length; i++) {
      if (Number.isNaN(openedAt[i])) continue;
      (Number.isNaN(clearedPosition[i]) || clearedAt[i] > openedAt[i] + oldAfter ? long : short).push(i);
    }
    const by = (column: number[]) => (a: number, b: number) => column[a] - column[b];
    this.long = Int32Array.from(long.sort(by(openedAt)));
    this.longOpened = Float64Array.from(this.long, (i) => openedAt[i]);
    this.longByClearing = Int32Array.from(long.filter((i) => !Number.isNaN(clearedPosition[i])).sort(by(clearedAt)));
    this.longCleared = Float64Array.from(this.longByClearing, (i) => clearedAt[i]);
    this.short = Int32Array.from(short.sort(by(openedAt)));
    this.shortOpened = Float64Array.from(this.short, (i) => openedAt[i]);
    const blocks = Math.ceil(short.length / BLOCK);
    const reduce = (column: number[], pick: (a: number, b: number) => number) =>
      Float64Array.from({ length: blocks }, (_, b) => this.short.subarray(b * BLOCK, (b + 1) * BLOCK).reduce((x, i) => pick(x, column[i]), pick === Math.max ? -Infinity : Infinity));
    this.block = {
      clearedAt: reduce(items.clearedAt, Math.max),
      clearedKnown: reduce(items.clearedKnown, Math.max),
      clearedPosition: reduce(items.clearedPosition, Math.max),
      openedKnown: reduce(items.openedKnown, Math.min),
      openedPosition: reduce(items.openedPosition, Math.min),
    };
    this.keptIn = new Uint32Array(openedAt.length);
  }
}

const indexes = new WeakMap<IndicatorItems, { lines: number; byWindow: Map<number, ItemIndex> }>();
let reads = 0;
let runs = { long: new Float64Array(2048), short: new Float64Array(2048) };

function indexOf(items: IndicatorItems, ageDays: number | undefined): ItemIndex {
  let kept = indexes.get(items);
  if (!kept || kept.lines !== items.lines) indexes.set(items, (kept = { lines: items.lines, byWindow: new Map() }));
  let index = kept.byWindow.get(ageDays ?? -1);
  if (!index) kept.byWindow.set(ageDays ?? -1, (index = new ItemIndex(items, ageDays)));
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
  if (items.irregular.includes(1)) return items.scan(at, ageDays, scan);
  const x = indexOf(items, ageDays);
  const read = (reads = (reads + 1) >>> 0 || 1);
  const { asOf, knownAt, position } = at;
  const { openedAt, openedKnown, openedPosition, clearedAt, clearedKnown, clearedPosition } = items;
  if (runs.long.length < 2 * openedAt.length) runs = { long: new Float64Array(4 * openedAt.length), short: new Float64Array(4 * openedAt.length) };
  const { long, short } = runs;
  const pairs = ageDays !== undefined;
  let [open, oldest, over30Days, over100Days, nLong, nShort] = [0, Infinity, 0, 0, 0, 0];
  const count = (opened: number) => {
    open++;
    if (opened < oldest) oldest = opened;
    if (asOf - opened >= 30 * DAY_MS) over30Days++;
    if (asOf - opened >= 100 * DAY_MS) over100Days++;
  };
  for (let j = 0, end = above(x.longOpened, asOf); j < end; j++) {
    const i = x.long[j];
    if (!(openedPosition[i] <= position && openedKnown[i] <= knownAt)) continue;
    const cleared = clearedPosition[i] <= position && clearedKnown[i] <= knownAt && clearedAt[i] <= asOf ? clearedAt[i] : NaN;
    if (Number.isNaN(cleared)) count(openedAt[i]);
    else x.keptIn[i] = read;
    if (!pairs) continue;
    long[nLong++] = openedAt[i];
    long[nLong++] = cleared;
  }
  const b = x.block;
  for (let j = 0, end = above(x.shortOpened, asOf); j < end; j++) {
    const k = (j / BLOCK) | 0;
    if (j % BLOCK === 0 && ((b.clearedAt[k] <= asOf && b.clearedKnown[k] <= knownAt && b.clearedPosition[k] <= position) || !(b.openedKnown[k] <= knownAt && b.openedPosition[k] <= position))) {
      j += BLOCK - 1;
      continue;
    }
    const i = x.short[j];
    if (!(openedPosition[i] <= position && openedKnown[i] <= knownAt)) continue;
    if (clearedPosition[i] <= position && clearedKnown[i] <= knownAt && clearedAt[i] <= asOf) continue;
    count(openedAt[i]);
    if (!pairs) continue;
    short[nShort++] = openedAt[i];
    short[nShort++] = NaN;
  }
  if (scan.pairs.length < nLong + nShort) scan.pairs = new Float64Array(2 * (nLong + nShort));
  if (scan.cleared.length < nLong) scan.cleared = new Float64Array(2 * nLong);
  let [p, l, s] = [0, 0, 0];
  const out = scan.pairs;
  while (l < nLong || s < nShort) {
    const run = s >= nShort || (l < nLong && long[l] <= short[s]) ? long : short;
    const r = run === long ? (l += 2) - 2 : (s += 2) - 2;
    out[p++] = run[r];
    out[p++] = run[r + 1];
  }
  let c = 0;
  if (pairs)
    for (let j = 0, end = above(x.longCleared, asOf); j < end; j++) {
      const i = x.longByClearing[j];
      if (x.keptIn[i] !== read) continue;
      scan.cleared[c++] = openedAt[i];
      scan.cleared[c++] = clearedAt[i];
    }
  Object.assign(scan, { open, oldest, over30Days, over100Days, length: p / 2, clearedLength: c / 2, ordered: true });
}
