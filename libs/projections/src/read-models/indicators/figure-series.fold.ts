import type { CorrectionFact, FigureFact } from './indicator-facts.model.js';

export const DAY_MS = 86_400_000;

/** A qualifying figure with its value after the latest qualifying correction. */
export interface QualifyingFigure {
  figureId: string;
  value: number;
  effectiveAt: Date;
  knownAt: Date;
  position: bigint;
}

export interface HistoryPoint {
  /** A UTC day, YYYY-MM-DD. */
  date: string;
  value: number;
}

export interface IndicatorHistory {
  points: HistoryPoint[];
}

export const byPosition = (a: { position: bigint }, b: { position: bigint }): number => (a.position < b.position ? -1 : a.position > b.position ? 1 : 0);

/** Known order: known time, then log position (known time is not always in log order). */
export const byKnown = (a: { knownAt: Date; position: bigint }, b: { knownAt: Date; position: bigint }): number =>
  a.knownAt.getTime() - b.knownAt.getTime() || byPosition(a, b);

/** Effective time first; ties go to the later known. */
export const byEffective = (a: QualifyingFigure, b: QualifyingFigure): number => a.effectiveAt.getTime() - b.effectiveAt.getTime() || byKnown(a, b);

/** The UTC day of an instant, YYYY-MM-DD. */
export const dayOf = (d: Date | number): string => new Date(d).toISOString().slice(0, 10);

const startOfDay = (ms: number): number => Math.floor(ms / DAY_MS) * DAY_MS;

/** Whole UTC calendar days from `from` to `to`. */
export const calendarDaysBetween = (from: Date, to: Date): number => Math.round((startOfDay(to.getTime()) - startOfDay(from.getTime())) / DAY_MS);

/**
 * Figure lists known to be in effective order (byEffective) with no figure id twice: kept facts
 * mark theirs, and what a read selects from one, so that correctedFigures need not sort them.
 */
export const SORTED_UNIQUE_FIGURES = new WeakSet<readonly unknown[]>();

/**
 * Qualifying figures after corrections, in effective order. The latest qualifying correction
 * (by known time, then position) of a figure wins; a repeated figure id keeps its first record.
 */
export function correctedFigures(
  figures: readonly Pick<FigureFact, 'figureId' | 'value' | 'effectiveAt' | 'knownAt' | 'position'>[],
  corrections: readonly Pick<CorrectionFact, 'figureId' | 'value' | 'knownAt' | 'position'>[],
): QualifyingFigure[] {
  const latest = new Map<string, Pick<CorrectionFact, 'value' | 'knownAt' | 'position'>>();
  for (const c of corrections) {
    const current = latest.get(c.figureId);
    if (!current || byKnown(current, c) < 0) latest.set(c.figureId, c);
  }
  if (SORTED_UNIQUE_FIGURES.has(figures)) {
    const series: QualifyingFigure[] = new Array(figures.length);
    for (let i = 0; i < figures.length; i++) {
      const f = figures[i];
      const value = latest.size === 0 ? f.value : (latest.get(f.figureId)?.value ?? f.value);
      series[i] = { figureId: f.figureId, value, effectiveAt: f.effectiveAt, knownAt: f.knownAt, position: f.position };
    }
    return series;
  }
  const seen = new Map<string, (typeof figures)[number]>();
  for (const f of figures) {
    const first = seen.get(f.figureId);
    if (!first || f.position < first.position) seen.set(f.figureId, f);
  }
  const series: QualifyingFigure[] = [];
  for (const f of seen.values()) {
    const value = latest.get(f.figureId)?.value ?? f.value;
    series.push({ figureId: f.figureId, value, effectiveAt: f.effectiveAt, knownAt: f.knownAt, position: f.position });
  }
  return series.sort(byEffective);
}

/** One value per distinct effective instant: the later known wins a tie. */
export function collapsed(series: readonly QualifyingFigure[]): { at: number; value: number }[] {
  const points: { at: number; value: number }[] = [];
  for (const f of series) {
    const at = f.effectiveAt.getTime();
    const last = points[points.length - 1];
    if (last && last.at === at) last.value = f.value;
    else points.push({ at, value: f.value });
  }
  return points;
}

/** Normalises a bound to its UTC day: a Date (e.g. a parsed end-of-day) or a YYYY-MM-DD text. */
export const dayBound = (bound: Date | string | undefined): string | undefined =>
  bound === undefined ? undefined : typeof bound === 'string' && bound.length === 10 ? bound : dayOf(new Date(bound));

/**
 * One point per UTC day from the first figure's day (or `from`) to asOf's day (or `to`), each
 * day's value the last figure effective that day, carried forward over days without one.
 */
export function dailyHistory(series: readonly QualifyingFigure[], asOf: Date, from?: Date | string, to?: Date | string): HistoryPoint[] {
  if (series.length === 0) return [];
  const fromDay = dayBound(from);
  const toDay = dayBound(to);
  const firstDay = dayOf(series[0].effectiveAt);
  const startDay = fromDay && fromDay > firstDay ? fromDay : firstDay;
  const asOfDay = dayOf(asOf);
  const endDay = toDay && toDay < asOfDay ? toDay : asOfDay;
  const points: HistoryPoint[] = [];
  let i = 0;
  let value: number | undefined;
  for (let day = Date.parse(`${startDay}T00:00:00Z`), end = Date.parse(`${endDay}T00:00:00Z`); day <= end; day += DAY_MS) {
    const next = day + DAY_MS;
    while (i < series.length && series[i].effectiveAt.getTime() < next) value = series[i++].value;
    if (value !== undefined) points.push({ date: dayOf(day), value });
  }
  return points;
}
