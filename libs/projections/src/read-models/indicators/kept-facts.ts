import { LRUCache } from 'lru-cache';
import type { ReadDb } from '../../runner/projection.js';
import { LATEST, type TimeTravel } from '../../time-travel/time-travel.js';
import { byEffective, SORTED_UNIQUE_FIGURES } from './figure-series.fold.js';
import { emptyFacts, type FigureFact, type IndicatorFacts } from './indicator-facts.model.js';
import { loadFacts } from './indicator-facts.query.js';
import { KeptLifecycles, type KeptLifecyclesOptions } from './kept-lifecycles.js';
import { keepRows, warmKeptRows, type KeptRowsOptions } from '../core/kept-rows.js';
import { PARTNER_ENTITIES } from '../partners/partner-facts.entity.js';
import { PLAN_ENTITIES } from '../plans/plan-facts.entity.js';
import { WORKFORCE_ENTITIES } from '../workforce/workforce-facts.entity.js';

type Kind = keyof IndicatorFacts;

/** The kinds kept: every kind but item feed lines (read as lifecycles, beside these). */
const KEPT: readonly Kind[] = ['definitions', 'figures', 'corrections', 'risks', 'thresholds'];
const EVERYTHING = (position: bigint): TimeTravel => ({ asOf: LATEST, knownAt: LATEST, knownAtLatest: true, position });
const ALL = '*';

export interface KeptFactsOptions extends KeptLifecyclesOptions, KeptRowsOptions {
  /** Facts held in all (one fact, one unit); the least recently read positions go first. */
  maxFacts?: number;
}

/** An indicator's facts at one read position: whatever its moments, a read picks its qualifying facts from these. */
class KeptFacts {
  private readonly kept: LRUCache<string, Map<string, IndicatorFacts>>;
  private readonly loading = new Map<string, Promise<Map<string, IndicatorFacts>>>();
  /** The newest position kept, per indicator or all. */
  private readonly newest = new Map<string, bigint>();

  constructor(
    private readonly source: ReadDb,
    options: KeptFactsOptions,
  ) {
    const maxSize = options.maxFacts ?? 500_000;
    this.kept = new LRUCache({ maxSize, sizeCalculation: (facts) => Math.max(1, Math.min(maxSize, countFacts(facts))) });
  }

  /** Exactly loadFacts' answer: the qualifying facts of `kinds`, per indicator (every indicator with one, or the one asked for). */
  async facts(tt: TimeTravel, kinds: readonly Kind[], indicatorId?: string): Promise<Map<string, IndicatorFacts>> {
    if (kinds.some((k) => !KEPT.includes(k))) return loadFacts(this.source, tt, kinds, indicatorId);
    const all = this.kept.get(`${tt.position}|${ALL}`);
    const held = indicatorId === undefined ? await this.held(tt.position, ALL) : (all ?? (await this.held(tt.position, indicatorId)));
    const answer = new Map<string, IndicatorFacts>();
    if (indicatorId !== undefined) answer.set(indicatorId, qualifying(held.get(indicatorId), tt, kinds));
    else
      for (const [id, facts] of held) {
        const mine = qualifying(facts, tt, kinds);
        if (kinds.some((k) => mine[k].length > 0)) answer.set(id, mine);
      }
    return answer;
  }

  /** Every indicator's facts up to `position`, every kind kept, whatever their moments: not to be changed. */
  everything(position: bigint): Promise<ReadonlyMap<string, IndicatorFacts>> {
    return this.held(position, ALL);
  }

  /** Every indicator's facts up to `position`, loaded ahead of the first read there. */
  async warm(position: bigint): Promise<void> {
    await this.held(position, ALL);
  }

  /**
   * Every fact up to `position` (one indicator's or all), loaded once: nothing at or before a read
   * position changes. When the position moves on, only the facts logged since the newest kept
   * position are loaded and added to those.
   */
  private async held(position: bigint, who: string): Promise<Map<string, IndicatorFacts>> {
    const key = `${position}|${who}`;
    const kept = this.kept.get(key);
    if (kept) return kept;
    let pending = this.loading.get(key);
    if (!pending) {
      const base = this.newest.get(who);
      const earlier = base !== undefined && base < position ? this.kept.get(`${base}|${who}`) : undefined;
      const only = who === ALL ? undefined : who;
      pending = (
        earlier
          ? loadFacts(this.source, EVERYTHING(position), KEPT, only, base).then((since) => merged(earlier, since))
          : loadFacts(this.source, EVERYTHING(position), KEPT, only)
      ).then(inEffectiveOrder);
      this.loading.set(key, pending);
      void pending.then(
        (facts) => {
          this.kept.set(key, facts);
          this.loading.delete(key);
          if (this.newest.size > 10_000) this.newest.clear();
          if ((this.newest.get(who) ?? -1n) < position) this.newest.set(who, position);
        },
        () => this.loading.delete(key),
      );
    }
    return pending;
  }
}

/** The facts kept at an earlier position with those logged since; neither is changed. */
function merged(earlier: Map<string, IndicatorFacts>, since: Map<string, IndicatorFacts>): Map<string, IndicatorFacts> {
  const facts = new Map(earlier);
  for (const [id, added] of since) {
    const had = earlier.get(id) ?? emptyFacts();
    const both = emptyFacts();
    for (const k of KEPT) (both[k] as unknown[]) = [...had[k], ...added[k]];
    facts.set(id, both);
  }
  return facts;
}

/**
 * Figures in the series' order (effective, then known): a read's qualifying figures are then
 * already sorted, and correctedFigures' sort only confirms it instead of sorting every figure.
 */
function inEffectiveOrder(facts: Map<string, IndicatorFacts>): Map<string, IndicatorFacts> {
  for (const f of facts.values()) {
    f.figures.sort(byEffective);
    if (new Set(f.figures.map((x) => x.figureId)).size === f.figures.length) SORTED_UNIQUE_FIGURES.add(f.figures);
  }
  return facts;
}

const countFacts = (facts: Map<string, IndicatorFacts>) => {
  let n = 0;
  for (const f of facts.values()) for (const k of KEPT) n += f[k].length;
  return n;
};

/**
 * loadFacts' filter in memory: known by knownAt; dated facts also effective by asOf. Every fact
 * held was loaded for the read's own position, so the position selects nothing more.
 */
function qualifying(facts: IndicatorFacts | undefined, tt: TimeTravel, kinds: readonly Kind[]): IndicatorFacts {
  const answer = emptyFacts();
  if (!facts) return answer;
  const known = tt.knownAt.getTime();
  const asOf = tt.asOf.getTime();
  const knownThen = (f: { knownAt: Date }) => f.knownAt.getTime() <= known;
  for (const kind of kinds) {
    if (kind === 'figures') answer.figures = qualifyingFigures(facts.figures, known, asOf);
    else if (kind === 'risks') answer.risks = facts.risks.filter((f) => knownThen(f) && f.assessedAt.getTime() <= asOf);
    else if (kind === 'definitions') answer.definitions = facts.definitions.filter(knownThen);
    else if (kind === 'corrections') answer.corrections = facts.corrections.filter(knownThen);
    else if (kind === 'thresholds') answer.thresholds = facts.thresholds.filter(knownThen);
  }
  return answer;
}

/** Figures in effective order: those effective by asOf are a prefix, found by bisection. */
function qualifyingFigures(figures: FigureFact[], known: number, asOf: number): FigureFact[] {
  if (!SORTED_UNIQUE_FIGURES.has(figures)) return figures.filter((f) => f.knownAt.getTime() <= known && f.effectiveAt.getTime() <= asOf);
  let [lo, hi] = [0, figures.length];
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (figures[mid].effectiveAt.getTime() <= asOf) lo = mid + 1;
    else hi = mid;
  }
  const answer: FigureFact[] = [];
  for (let i = 0; i < lo; i++) if (figures[i].knownAt.getTime() <= known) answer.push(figures[i]);
  SORTED_UNIQUE_FIGURES.add(answer);
  return answer;
}

const keptOn = new WeakMap<ReadDb, KeptFacts>();
const keptLifecyclesOn = new WeakMap<ReadDb, KeptLifecycles>();

/**
 * A view of `db` whose indicator fact reads (loadFacts) come from facts kept in memory per read
 * position, so a read at any (asOf, knownAt) folds without a round trip once its position is
 * loaded; item feed lines likewise (loadItemLifecycles), and the plan, partner and workforce fact
 * rows (keptRows: the scorecard's other inputs). Only for a db read at positions every projection
 * already includes (the API's and the benchmark's checkpoint): facts up to such a position never change.
 */
export function keepIndicatorFacts(db: ReadDb, options: KeptFactsOptions = {}): ReadDb {
  const view: ReadDb = { schema: db.schema, query: (sql, params) => db.query(sql, params) };
  keptOn.set(view, new KeptFacts(db, options));
  keptLifecyclesOn.set(view, new KeptLifecycles(db, options));
  keepRows(view, db, [...PLAN_ENTITIES, ...PARTNER_ENTITIES, ...WORKFORCE_ENTITIES], options);
  return view;
}

/**
 * Loads what a kept view's reads at `position` need (every indicator's facts and item lines, the
 * other fact rows), so that the first read there does not wait for it; nothing on a db that is
 * not a kept view.
 */
export async function warmKeptFacts(db: ReadDb, position: bigint): Promise<void> {
  await Promise.all([keptOn.get(db)?.warm(position), keptLifecyclesOn.get(db)?.warm(position), warmKeptRows(db, position)]);
}

/** The kept facts of a view made by keepIndicatorFacts, if `db` is one. */
export const keptFactsOf = (db: ReadDb): KeptFacts | undefined => keptOn.get(db);

/** The kept item feed lines of a view made by keepIndicatorFacts, if `db` is one. */
export const keptLifecyclesOf = (db: ReadDb): KeptLifecycles | undefined => keptLifecyclesOn.get(db);
