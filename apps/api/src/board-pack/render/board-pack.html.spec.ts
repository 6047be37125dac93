import type { BoardIndicator, BoardPackData } from '../board-pack.model.js';
import { renderBoardPack } from './board-pack.html.js';
import { num } from './html.js';
import { niceRange } from './line-chart.svg.js';

const indicator = (over: Partial<BoardIndicator> = {}): BoardIndicator => ({
  id: 'da-risk-assessment', name: 'DA incidents awaiting assessment', unit: 'count', direction: 'lower-is-better', owner: 'PP', questions: [1, 2],
  baseline: { value: 0, from: '2019-06-01', to: '2019-06-30', source: 'returns' }, tolerance: 25,
  value: 686, effectiveAt: '2019-11-08T00:00:00.000Z', gap: 686, peak: 720, recoveredShare: 34 / 720, withinTolerance: false,
  history: [{ date: '2019-10-25', value: 720 }, { date: '2019-11-01', value: 700 }, { date: '2019-11-08', value: 686 }],
  projection: null,
  ...over,
});
const pack = (indicators: BoardIndicator[]): BoardPackData => ({
  asOf: '2019-11-15T23:59:59.999Z', knownAt: '2019-11-15T23:59:59.999Z', position: '42', since: null, questions: [], indicators, actions: [], changes: null,
});

describe('board pack renderer (pure)', () => {
  it('numbers in full with separators and at most two decimals, without locale', () => {
    expect([num(1357), num(80100.456), num(-2500), num(0.5), num(null)]).toEqual(['1,357', '80,100.46', '−2,500', '0.5', '–']);
  });

  it('chart ranges on 1, 2 or 5 steps that hold the data', () => {
    expect(niceRange(0, 720)).toEqual([0, 800, 200]);
    expect(niceRange(0, 12300)).toEqual([0, 15000, 5000]);
    expect(niceRange(77.7, 89.1)).toEqual([75, 90, 5]);
  });

  it('draws a projection as a dashed fitted line to the projected return, and says when it is', () => {
    const projection = {
      method: 'ols', window: { from: '2019-10-04', to: '2019-11-15', days: 42 }, intercept: 680, slopePerDay: -8.5, targetLevel: 25, targetDate: '2020-03-31',
      projectedReturn: { date: '2020-01-31', earliest: '2020-01-10', latest: '2020-02-20' }, status: 'on-track',
    };
    const html = renderBoardPack(pack([indicator({ projection })]));
    expect(html).toMatch(/<path class="projection" d="M[\d.]+ [\d.]+L[\d.]+ [\d.]+"\/>/);
    expect(html).toContain('projected back within tolerance on <b>31 Jan 2020</b> (80 % range 10 Jan 2020 to 20 Feb 2020)');
    expect(html).toContain('status <b>on-track</b>');
    expect(renderBoardPack(pack([indicator()]))).not.toContain('class="projection"');
  });

  it('is the same bytes for the same data, and escapes what users typed', () => {
    const data = pack([indicator({ name: '<img src=x onerror=alert(1)>' })]);
    expect(renderBoardPack(data)).toBe(renderBoardPack(structuredClone(data)));
    expect(renderBoardPack(data)).not.toContain('<img');
  });
});
