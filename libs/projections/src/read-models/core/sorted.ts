/** Searches of ascending arrays of instants, and the order reads answer in, shared by the folds. */

/** The first index in `sorted` (ascending) of a value above `x`, between `lo` and `hi`. */
export function above(sorted: Float64Array, x: number, lo = 0, hi = sorted.length): number {
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid] <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The first index in `sorted` (ascending) of a value at or above `x`. */
export function firstAtLeast(sorted: Float64Array, x: number): number {
  let [lo, hi] = [0, sorted.length];
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid] < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** By id, as every list of indicators is answered. */
export const byId = (a: { id: string }, b: { id: string }): number => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
