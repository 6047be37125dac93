import { correctedFigures, dailyHistory } from './figure-series.fold.js';
import { emptyFacts, type CorrectionFact, type DefinitionFact, type FigureFact, type IndicatorFacts } from './indicator-facts.model.js';
import { positionOf } from './indicator-position.fold.js';

const at = (day: string) => new Date(`${day}T00:00:00Z`);
const endOf = (day: string) => new Date(`${day}T23:59:59.999Z`);
let position = 0n;

const registration = (direction: DefinitionFact['direction'], baseline: number, tolerance: number): DefinitionFact => ({
  indicatorId: 'i',
  position: ++position,
  knownAt: at('2019-07-01'),
  kind: 'registered',
  name: 'n',
  description: 'd',
  unit: 'count',
  direction,
  owner: 'o',
  questions: [1],
  baseline: { value: baseline, from: '2019-06-01', to: '2019-06-30', source: 's' },
  tolerance,
});
const figure = (figureId: string, day: string, value: number, knownDay = day): FigureFact => ({
  indicatorId: 'i',
  position: ++position,
  knownAt: at(knownDay),
  figureId,
  value,
  effectiveAt: at(day),
  source: 's',
});
const correction = (figureId: string, day: string, value: number, knownDay: string, pos = ++position): CorrectionFact => ({
  indicatorId: 'i',
  position: pos,
  knownAt: at(knownDay),
  figureId,
  value,
  previousValue: 0,
  effectiveAt: at(day),
  reason: 'r',
});
const facts = (changes: Partial<IndicatorFacts>): IndicatorFacts => ({ ...emptyFacts(), ...changes });

describe('indicator position fold', () => {
  it('is undefined for an indicator not registered as known', () => {
    expect(positionOf('i', facts({ figures: [figure('a', '2019-08-01', 5)] }), endOf('2019-11-15'))).toBeUndefined();
  });

  it('works out value, gap, peak and recovery when lower is better', () => {
    const figures = [figure('a', '2019-08-01', 120), figure('b', '2019-11-01', 686), figure('c', '2019-11-10', 286)];
    const p = positionOf('i', facts({ definitions: [registration('lower-is-better', 86, 20)], figures }), endOf('2019-11-15'));
    expect(p).toMatchObject({ value: 286, gap: 200, peak: 686, peakGap: 600, withinTolerance: false, daysSinceLastFigure: 5, figureCount: 3 });
    expect(p?.recoveredShare).toBeCloseTo(400 / 600);
    expect(p?.effectiveAt).toEqual(at('2019-11-10'));
  });

  it('works out the gap the other way when higher is better, and counts a peak at or better than baseline as recovered', () => {
    const def = registration('higher-is-better', 100, 5);
    const worse = positionOf('i', facts({ definitions: [def], figures: [figure('a', '2019-08-01', 50), figure('b', '2019-09-01', 80)] }), endOf('2019-09-01'));
    expect(worse).toMatchObject({ value: 80, gap: 20, peak: 50, peakGap: 50, recoveredShare: 0.6, withinTolerance: false, daysSinceLastFigure: 0 });
    const better = positionOf('i', facts({ definitions: [def], figures: [figure('a', '2019-08-01', 120)] }), endOf('2019-09-01'));
    expect(better).toMatchObject({ gap: -20, peakGap: -20, recoveredShare: 1, withinTolerance: true });
  });

  it('has no value without figures', () => {
    const p = positionOf('i', facts({ definitions: [registration('lower-is-better', 0, 0)] }), endOf('2019-09-01'));
    expect(p).toMatchObject({
      value: null,
      gap: null,
      peak: null,
      recoveredShare: null,
      withinTolerance: null,
      daysSinceLastFigure: null,
      figureCount: 0,
      risk: null,
    });
  });

  it('takes the baseline of the latest known revision, by known time rather than log position', () => {
    const revised = (value: number, knownDay: string, pos: bigint): DefinitionFact => ({
      ...registration('lower-is-better', value, 1),
      kind: 'revised',
      knownAt: at(knownDay),
      position: pos,
    });
    const definitions = [registration('lower-is-better', 0, 0), revised(50, '2020-01-01', 100n), revised(30, '2019-12-01', 200n)];
    expect(positionOf('i', facts({ definitions }), endOf('2020-02-01'))?.baseline.value).toBe(50);
  });

  it('applies the latest known correction of a figure, from the figure on', () => {
    const figures = [figure('a', '2019-10-20', 604, '2019-10-21')];
    const corrections = [correction('a', '2019-10-20', 640, '2020-01-15', 300n), correction('a', '2019-10-20', 610, '2019-12-01', 400n)];
    expect(correctedFigures(figures, corrections).map((f) => f.value)).toEqual([640]);
  });

  it('breaks a tie on effective time by the later known figure', () => {
    const figures = [figure('late', '2019-11-01', 2, '2019-12-01'), figure('early', '2019-11-01', 1, '2019-11-02')];
    const p = positionOf('i', facts({ definitions: [registration('lower-is-better', 0, 0)], figures }), endOf('2019-12-31'));
    expect(p?.value).toBe(2);
  });

  it('gives one history point a day, the last figure of a day, carried forward, within from and to', () => {
    const series = correctedFigures([figure('a', '2019-10-13', 1), figure('b', '2019-10-15', 2), figure('c', '2019-10-15', 3)], []);
    expect(dailyHistory(series, endOf('2019-10-17'))).toEqual([
      { date: '2019-10-13', value: 1 },
      { date: '2019-10-14', value: 1 },
      { date: '2019-10-15', value: 3 },
      { date: '2019-10-16', value: 3 },
      { date: '2019-10-17', value: 3 },
    ]);
    expect(dailyHistory(series, endOf('2019-10-17'), '2019-10-14', endOf('2019-10-15'))).toEqual([
      { date: '2019-10-14', value: 1 },
      { date: '2019-10-15', value: 3 },
    ]);
    expect(dailyHistory(series, endOf('2019-10-17'), '2019-10-01', '2019-10-12')).toEqual([]);
  });
});
