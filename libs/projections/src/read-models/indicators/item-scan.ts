import { above } from '../core/sorted.js';
import { DAY_MS } from './figure-series.fold.js';
import { BLOCK, indexOf, type At, type IndicatorItems, type ItemScan } from './item-index.js';

let reads = 0;
const runs = { long: new Float64Array(2048), short: new Float64Array(1024) };

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
