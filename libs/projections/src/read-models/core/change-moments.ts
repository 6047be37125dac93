import type { ReadDb } from '../../runner/projection.js';
import { firstAtLeast } from './sorted.js';

const DAY_MS = 86_400_000;

/**
 * What a read's answer at asOf = now depends on, besides the log position: the instants its facts
 * carry (known, effective, opened, cleared, in force from...), sorted and distinct, and the rule
 * offsets (in ms) after such an instant at which a comparison with asOf can turn. Every rule of
 * the folds compares asOf with `instant + offset` (`<=`, `<`, or `asOf − instant <= offset`, which
 * turns 1 ms later) or reads asOf's UTC day.
 */
export interface ChangeMoments {
  moments: Float64Array;
  offsets: readonly number[];
}

export const nextUtcMidnight = (t: number): number => (Math.floor(t / DAY_MS) + 1) * DAY_MS;

/**
 * The moment until which an answer computed at `t0` stays the same: the next UTC midnight or the
 * first `moment + offset` after t0, whichever comes first. A rule turns at `c` or at `c + 1 ms`, so
 * a `c` equal to t0 leaves only t0 itself. The search starts 1 ms early (offsets from fractional
 * day counts are not exact in floats): erring early only shortens the horizon.
 */
export function validUntil({ moments, offsets }: ChangeMoments, t0: number): number {
  let until = nextUtcMidnight(t0);
  for (const k of offsets) {
    const i = firstAtLeast(moments, t0 - k - 1);
    if (i === moments.length) continue;
    const c = moments[i] + k;
    until = Math.min(until, c > t0 ? c : t0 + 1);
  }
  return until;
}

/** Sorted distinct union of two sorted distinct lists. */
export function mergeMoments(a: Float64Array, b: Float64Array): Float64Array {
  if (b.length === 0) return a;
  if (a.length === 0) return b;
  const out = new Float64Array(a.length + b.length);
  let [i, j, n] = [0, 0, 0];
  while (i < a.length || j < b.length) {
    const next = j >= b.length || (i < a.length && a[i] <= b[j]) ? a[i] : b[j];
    if (i < a.length && a[i] === next) i++;
    if (j < b.length && b[j] === next) j++;
    out[n++] = next;
  }
  return out.subarray(0, n);
}

/** Numbers (epoch ms, or text a Date parses) as a sorted distinct list; nulls and unparsable text are left out. */
export function momentsOf(values: readonly unknown[]): Float64Array {
  const ms = Float64Array.from(values.map((v) => (typeof v === 'number' ? v : typeof v === 'string' ? Date.parse(v) : NaN)).filter(Number.isFinite)).sort();
  let n = 0;
  for (let i = 0; i < ms.length; i++) if (i === 0 || ms[i] !== ms[n - 1]) ms[n++] = ms[i];
  return ms.subarray(0, n);
}

/**
 * How a scope's change moments are read from the read models: its offsets (in ms) at a position,
 * and the instants of the rows logged in (after, upTo] that are at or after `from`.
 */
export interface MomentSource {
  offsets(db: ReadDb, upTo: bigint): Promise<number[]>;
  instants(db: ReadDb, after: bigint, upTo: bigint, from: number): Promise<Float64Array>;
}

interface Held extends ChangeMoments {
  position: bigint;
  /** Instants before this were not loaded: the moments answer only for t0 with t0 − max offset after it. */
  from: number;
}

interface Entry {
  /** The position being loaded (or loaded). */
  target: bigint;
  held: Promise<Held>;
}

/**
 * Change moments per scope, loaded once per read position and extended by the rows logged since
 * when the position moves on. Moments at a later position are a superset of those at an earlier
 * one, so they also bound an earlier position's horizon (earlier, never later).
 */
export class KeptMoments {
  private readonly entries = new Map<string, Entry>();

  /** validUntil for an answer at (t0, position) in `scope`, from moments loaded once per position. */
  async horizon(db: ReadDb, scope: string, source: MomentSource, position: bigint, t0: number): Promise<number> {
    let entry = this.entries.get(scope);
    if (!entry || entry.target < position) entry = this.start(db, scope, source, position, t0, entry);
    let held = await entry.held;
    // Moments loaded for a later now than t0 (a clock set back) lack the instants t0 needs.
    if (t0 - maxOffset(held) - DAY_MS < held.from) held = await this.start(db, scope, source, position, t0, undefined).held;
    return validUntil(held, t0);
  }

  /**
   * The moments of `scope` held at `position` or later (a superset of those at `position`: it only
   * brings a horizon earlier), with every instant from `from` on: for a scope whose moments
   * include this one's, so that they are loaded and extended once for both.
   */
  async moments(db: ReadDb, scope: string, source: MomentSource, position: bigint, from: number): Promise<Float64Array> {
    let entry = this.entries.get(scope);
    if (!entry || entry.target < position) entry = this.start(db, scope, source, position, Infinity, entry, from);
    let held = await entry.held;
    if (from < held.from) held = await this.start(db, scope, source, position, Infinity, undefined, from).held;
    return held.moments.subarray(firstAtLeast(held.moments, from));
  }

  private start(db: ReadDb, scope: string, source: MomentSource, position: bigint, t0: number, before: Entry | undefined, reach = Infinity): Entry {
    const earlier = before ? before.held.catch(() => undefined) : Promise.resolve(undefined);
    const entry: Entry = { target: position, held: earlier.then((b) => load(db, source, position, t0, b, reach)) };
    this.entries.delete(scope);
    if (this.entries.size >= 1_000) this.entries.delete(this.entries.keys().next().value!);
    this.entries.set(scope, entry);
    entry.held.catch(() => this.entries.get(scope) === entry && this.entries.delete(scope));
    return entry;
  }
}

const maxOffset = (m: ChangeMoments) => Math.max(0, ...m.offsets);

/** `reach`: load instants from there on at least (for another scope's t0, see moments). */
async function load(db: ReadDb, source: MomentSource, position: bigint, t0: number, before: Held | undefined, reach: number): Promise<Held> {
  const upTo = before && before.position > position ? before.position : position;
  const offsets = [...new Set([0, ...(await source.offsets(db, upTo))])].sort((a, b) => a - b);
  // Instants long before now turn nothing from now on: a margin of two days below what any offset reaches.
  const from = Math.min(t0 - Math.max(...offsets) - 2 * DAY_MS, reach);
  const extend = before !== undefined && before.from <= from && maxOffset(before) >= Math.max(...offsets);
  if (extend && before.position >= upTo) return before;
  const instants = await source.instants(db, extend ? before.position : -1n, upTo, extend ? before.from : from);
  return extend ? { position: upTo, from: before.from, offsets, moments: mergeMoments(before.moments, instants) } : { position: upTo, from, offsets, moments: instants };
}

const keptOn = new WeakMap<ReadDb, KeptMoments>();

/** The change moments kept for reads through `db` (one set per read-model generation's view). */
export function keptMomentsOf(db: ReadDb): KeptMoments {
  let kept = keptOn.get(db);
  if (!kept) keptOn.set(db, (kept = new KeptMoments()));
  return kept;
}
