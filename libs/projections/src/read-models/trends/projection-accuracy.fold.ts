import { addDays, DAY_MS, dayOf, forecastAt, valueAt } from '@rm/forecasting';
import { correctedFigures } from '../indicators/figure-series.fold.js';
import type { IndicatorFacts } from '../indicators/indicator-facts.model.js';
import { definitionOf } from '../indicators/indicator-position.fold.js';
import type { TrendOptions } from './trend-projection.fold.js';

export interface AccuracyOptions extends TrendOptions {
  /** First and last forecast days, YYYY-MM-DD. */
  from: string;
  to: string;
  every: number;
  horizon: number;
}

export interface AccuracyPoint {
  forecastDate: string;
  targetDate: string;
  predicted: number | null;
  low: number | null;
  high: number | null;
  actual: number | null;
  error: number | null;
}

export interface ProjectionAccuracy {
  indicatorId: string;
  method: TrendOptions['method'];
  windowDays: number;
  every: number;
  horizon: number;
  points: AccuracyPoint[];
  meanAbsoluteError: number | null;
  coverage: number | null;
}

const endOfDay = (day: string) => new Date(`${day}T23:59:59.999Z`);

/** The forecast days: from `from` every `every` days to `to`, while the target day is not after asOf's day. */
export function forecastDays(o: Pick<AccuracyOptions, 'from' | 'to' | 'every' | 'horizon'>, asOf: Date): string[] {
  const last = dayOf(asOf);
  const days: string[] = [];
  for (let d = o.from; d <= o.to && addDays(d, o.horizon) <= last; d = addDays(d, o.every)) days.push(d);
  return days;
}

/**
 * What was projected `horizon` days ahead at each forecast day d, as known then (asOf = knownAt =
 * the end of d, and never later than the read's knownAt), against the value on d + horizon as
 * known at the read's knownAt. `facts` are the indicator's qualifying facts at the read.
 */
export function accuracyOf(indicatorId: string, facts: IndicatorFacts, asOf: Date, knownAt: Date, o: AccuracyOptions): ProjectionAccuracy {
  const actuals = correctedFigures(facts.figures, facts.corrections);
  const earliest = endOfDay(o.from).getTime() - (o.windowDays + 1) * DAY_MS;
  const recent = facts.figures.filter((f) => f.effectiveAt.getTime() > earliest);
  const points = forecastDays(o, asOf).map((forecastDate): AccuracyPoint => {
    const then = new Date(Math.min(endOfDay(forecastDate).getTime(), knownAt.getTime()));
    const known = <T extends { knownAt: Date }>(list: readonly T[]) => list.filter((f) => f.knownAt <= then);
    const registered = definitionOf(indicatorId, known(facts.definitions)) !== undefined;
    const figures = correctedFigures(known(recent).filter((f) => f.effectiveAt <= endOfDay(forecastDate)), known(facts.corrections));
    const forecast = registered ? forecastAt(figures, endOfDay(forecastDate), o.windowDays, o.method, o.horizon) : null;
    const targetDate = addDays(forecastDate, o.horizon);
    const actual = valueAt(actuals, new Date(Math.min(endOfDay(targetDate).getTime(), asOf.getTime())));
    const predicted = forecast?.predicted ?? null;
    return { forecastDate, targetDate, predicted, low: forecast?.low ?? null, high: forecast?.high ?? null, actual, error: actual !== null && predicted !== null ? actual - predicted : null };
  });
  const scored = points.filter((p) => p.error !== null);
  return {
    indicatorId, method: o.method, windowDays: o.windowDays, every: o.every, horizon: o.horizon, points,
    meanAbsoluteError: scored.length === 0 ? null : scored.reduce((t, p) => t + Math.abs(p.error!), 0) / scored.length,
    coverage: scored.length === 0 ? null : scored.filter((p) => p.low! <= p.actual! && p.actual! <= p.high!).length / scored.length,
  };
}
