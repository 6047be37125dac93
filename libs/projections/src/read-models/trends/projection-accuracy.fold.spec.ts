import { emptyFacts, type IndicatorFacts } from '../indicators/indicator-facts.model.js';
import { accuracyOf, forecastDays } from './projection-accuracy.fold.js';

const at = (iso: string) => new Date(iso);
let position = 0n;
const registered = (knownAt: string): IndicatorFacts['definitions'][number] => ({
  indicatorId: 'da', position: ++position, knownAt: at(knownAt), kind: 'registered', direction: 'lower-is-better', unit: 'count',
  baseline: { value: 10, from: '2019-06-01', to: '2019-06-30', source: 's' }, tolerance: 5,
});
const figure = (day: string, value: number, knownAt = `${day}T18:00:00Z`): IndicatorFacts['figures'][number] => ({
  indicatorId: 'da', position: ++position, knownAt: at(knownAt), figureId: `f-${day}`, value, effectiveAt: at(`${day}T12:00:00Z`), source: 's',
});
const options = { method: 'ols' as const, windowDays: 42, from: '2019-11-15', to: '2019-11-15', every: 7, horizon: 3 };

describe('projection accuracy', () => {
  it('schedules forecast days every `every` days while d + horizon is not after asOf', () => {
    expect(forecastDays({ from: '2019-11-01', to: '2019-11-30', every: 7, horizon: 3 }, at('2019-11-25T12:00:00Z'))).toEqual(['2019-11-01', '2019-11-08', '2019-11-15', '2019-11-22']);
    expect(forecastDays({ from: '2019-11-01', to: '2019-11-30', every: 7, horizon: 4 }, at('2019-11-25T12:00:00Z'))).toEqual(['2019-11-01', '2019-11-08', '2019-11-15']);
  });

  it('forecasts from what was known at the forecast day, and scores against what is known now', () => {
    // Known then: 12–15 November, 100, 90, 85, 70 → ŷ(x) = 72 − 9.5x, ŷ(3) = 43.5.
    // A back-filled figure on the 14th known only on the 20th does not change the forecast; the
    // 18th's 40 is the actual on the 18th; a correction known later restates it to 44 for the score.
    const facts: IndicatorFacts = {
      ...emptyFacts(),
      definitions: [registered('2019-11-01T00:00:00Z')],
      figures: [figure('2019-11-12', 100), figure('2019-11-13', 90), figure('2019-11-14', 85), figure('2019-11-15', 70), figure('2019-11-18', 40)],
    };
    facts.figures.push({ ...figure('2019-11-14', 1000, '2019-11-20T00:00:00Z'), effectiveAt: at('2019-11-14T13:00:00Z'), figureId: 'late' });
    facts.corrections.push({ indicatorId: 'da', position: ++position, knownAt: at('2019-11-21T00:00:00Z'), figureId: 'f-2019-11-18', value: 44, previousValue: 40, effectiveAt: at('2019-11-18T12:00:00Z'), reason: 'recount' });
    const result = accuracyOf('da', facts, at('2019-11-30T23:59:59.999Z'), at('2019-11-30T23:59:59.999Z'), options);
    expect(result.points).toEqual([{ forecastDate: '2019-11-15', targetDate: '2019-11-18', predicted: 43.5, low: expect.any(Number), high: expect.any(Number), actual: 44, error: 0.5 }]);
    // band at x = 3: 5.577774 · √(1.25 + 4.5²/5) = 5.577774 · √5.3 = 12.841
    expect(result.points[0].low).toBeCloseTo(43.5 - 12.841, 2);
    expect(result).toMatchObject({ meanAbsoluteError: 0.5, coverage: 1 });
  });

  it('makes no forecast before the indicator was known, or with fewer than 4 points known', () => {
    const late: IndicatorFacts = {
      ...emptyFacts(),
      definitions: [registered('2019-11-16T00:00:00Z')],
      figures: [figure('2019-11-12', 100), figure('2019-11-13', 90), figure('2019-11-14', 85), figure('2019-11-15', 70)],
    };
    const asOf = at('2019-11-30T23:59:59.999Z');
    expect(accuracyOf('da', late, asOf, asOf, options)).toMatchObject({ points: [{ predicted: null, actual: 70, error: null }], meanAbsoluteError: null, coverage: null });
    const few = { ...late, definitions: [registered('2019-11-01T00:00:00Z')], figures: late.figures.slice(1) };
    expect(accuracyOf('da', few, asOf, asOf, options).points[0]).toMatchObject({ predicted: null, low: null, high: null, actual: 70 });
  });
});
