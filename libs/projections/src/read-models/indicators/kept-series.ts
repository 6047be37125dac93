import { above } from '../core/sorted.js';
import { byKnown, SORTED_UNIQUE_FIGURES, type QualifyingFigure } from './figure-series.fold.js';
import type { CorrectionFact, FigureFact } from './indicator-facts.model.js';

/**
 * One indicator's kept figures in effective order (byEffective) as typed columns, and its
 * corrections in known order: a read selects its qualifying figures by bisection and one pass,
 * with their corrected values, into reused buffers instead of an object per figure.
 */
export class SeriesIndex {
  readonly effective: Float64Array;
  readonly known: Float64Array;
  readonly value: Float64Array;
  /** Corrections in known order (byKnown), each with the index of its figure (-1: none kept). */
  readonly correctionKnown: Float64Array;
  readonly correctionFigure: Int32Array;
  readonly correctionValue: Float64Array;
  /** Per figure i, its corrections' places in the known order: byFigure[figureStart[i] .. figureStart[i + 1]). */
  readonly figureStart: Int32Array;
  readonly byFigure: Int32Array;
  /** Per figure, the read that last corrected it and the value then. */
  readonly correctedIn: Uint32Array;
  readonly corrected: Float64Array;

  constructor(
    readonly figures: readonly FigureFact[],
    corrections: readonly CorrectionFact[],
  ) {
    const n = figures.length;
    [this.effective, this.known, this.value] = [new Float64Array(n), new Float64Array(n), new Float64Array(n)];
    const indexOf = new Map<string, number>();
    figures.forEach((f, i) => {
      this.effective[i] = f.effectiveAt.getTime();
      this.known[i] = f.knownAt.getTime();
      this.value[i] = f.value;
      indexOf.set(f.figureId, i);
    });
    const sorted = [...corrections].sort(byKnown);
    this.correctionKnown = Float64Array.from(sorted, (c) => c.knownAt.getTime());
    this.correctionFigure = Int32Array.from(sorted, (c) => indexOf.get(c.figureId) ?? -1);
    this.correctionValue = Float64Array.from(sorted, (c) => c.value);
    this.figureStart = new Int32Array(n + 1);
    for (const i of this.correctionFigure) if (i >= 0) this.figureStart[i + 1]++;
    for (let i = 0; i < n; i++) this.figureStart[i + 1] += this.figureStart[i];
    const next = this.figureStart.slice(0, n);
    this.byFigure = new Int32Array(this.figureStart[n]);
    this.correctionFigure.forEach((i, c) => i >= 0 && (this.byFigure[next[i]++] = c));
    [this.correctedIn, this.corrected] = [new Uint32Array(n), new Float64Array(n)];
  }
}

/** A read's qualifying series: effective instants and corrected values, in effective order, in shared buffers. */
export interface Series {
  length: number;
  effective: Float64Array;
  value: Float64Array;
}

const indexes = new WeakMap<readonly FigureFact[], SeriesIndex>();
let reads = 0;
let buffers = { effective: new Float64Array(1024), value: new Float64Array(1024) };

/** The index of kept figures (in effective order, no figure id twice) with their corrections; undefined for any other list. */
export function seriesIndexOf(figures: readonly FigureFact[], corrections: readonly CorrectionFact[]): SeriesIndex | undefined {
  if (!SORTED_UNIQUE_FIGURES.has(figures)) return undefined;
  let index = indexes.get(figures);
  if (!index) indexes.set(figures, (index = new SeriesIndex(figures, corrections)));
  return index;
}

/** Marks each figure's latest correction known by `known` (corrections are in known order: the last written wins). */
function correct(index: SeriesIndex, known: number): number {
  const read = (reads = (reads + 1) >>> 0 || 1);
  const { correctionKnown, correctionFigure, correctionValue, correctedIn, corrected } = index;
  for (let c = 0, n = above(correctionKnown, known); c < n; c++) {
    const i = correctionFigure[c];
    if (i < 0) continue;
    correctedIn[i] = read;
    corrected[i] = correctionValue[c];
  }
  return read;
}

/** Figure i's value after its latest correction known by `known` (the last in known order, as `correct` leaves it). */
function correctedValue(index: SeriesIndex, i: number, known: number): number {
  for (let k = index.figureStart[i + 1] - 1; k >= index.figureStart[i]; k--) {
    const c = index.byFigure[k];
    if (index.correctionKnown[c] <= known) return index.correctionValue[c];
  }
  return index.value[i];
}

/**
 * correctedFigures' series of the figures effective by asOf and known by knownAt, into buffers
 * shared by every read: valid until the next call.
 */
export function seriesAt(index: SeriesIndex, asOf: number, known: number): Series {
  const end = above(index.effective, asOf);
  if (buffers.value.length < end) buffers = { effective: new Float64Array(end * 2), value: new Float64Array(end * 2) };
  const { effective, value } = buffers;
  const read = correct(index, known);
  const { known: knownAt, correctedIn, corrected } = index;
  let length = 0;
  for (let i = 0; i < end; i++) {
    if (knownAt[i] > known) continue;
    effective[length] = index.effective[i];
    value[length++] = correctedIn[i] === read ? corrected[i] : index.value[i];
  }
  return { length, effective, value };
}

/** The same series from any figure lists (correctedFigures itself), copied into the shared buffers. */
export function seriesOf(figures: readonly QualifyingFigure[]): Series {
  if (buffers.value.length < figures.length) buffers = { effective: new Float64Array(figures.length * 2), value: new Float64Array(figures.length * 2) };
  const { effective, value } = buffers;
  figures.forEach((f, i) => {
    effective[i] = f.effectiveAt.getTime();
    value[i] = f.value;
  });
  return { length: figures.length, effective, value };
}

/**
 * windowFigures' selection from kept figures: the qualifying figures effective after `from` and
 * the latest qualifying one if effective by then, after corrections, in effective order.
 */
export function windowAt(index: SeriesIndex, asOf: number, known: number, from: number): QualifyingFigure[] {
  const end = above(index.effective, asOf);
  let first = above(index.effective, from, 0, end);
  // A window holds a few figures: each looks up its own corrections rather than applying them all.
  const figure = (i: number): QualifyingFigure => {
    const f = index.figures[i];
    const value = correctedValue(index, i, known);
    return { figureId: f.figureId, value, effectiveAt: f.effectiveAt, knownAt: f.knownAt, position: f.position };
  };
  const chosen: QualifyingFigure[] = [];
  for (let i = first; i < end; i++) if (index.known[i] <= known) chosen.push(figure(i));
  if (chosen.length > 0) return chosen;
  while (first > 0 && index.known[first - 1] > known) first--;
  return first > 0 ? [figure(first - 1)] : [];
}
