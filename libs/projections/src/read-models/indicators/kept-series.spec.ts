import { correctedFigures } from './figure-series.fold.js';
import type { CorrectionFact, FigureFact } from './indicator-facts.model.js';
import { SeriesIndex, windowAt } from './kept-series.js';

const DAY = 86_400_000;
const at = (day: number) => new Date(Date.UTC(2024, 0, 1) + day * DAY);
let position = 0n;
const figure = (id: string, day: number, known: number, value: number): FigureFact =>
  ({ indicatorId: 'i', position: ++position, knownAt: at(known), figureId: id, value, effectiveAt: at(day), source: 's' });
const correction = (id: string, day: number, known: number, value: number): CorrectionFact =>
  ({ indicatorId: 'i', position: ++position, knownAt: at(known), figureId: id, value, previousValue: 0, effectiveAt: at(day), reason: 'r' });

// In effective order, as kept; corrections logged out of known order, two known at the same instant.
const figures = [figure('a', 1, 2, 10), figure('b', 2, 3, 20), figure('c', 3, 4, 30), figure('d', 4, 5, 40)];
const corrections = [correction('b', 2, 9, 22), correction('b', 2, 6, 21), correction('c', 3, 7, 31), correction('c', 3, 7, 32), correction('x', 3, 5, 99)];

/** windowFigures' selection from correctedFigures: after `from`, else the latest by then. */
function reference(asOf: number, known: number, from: number) {
  const qualifying = correctedFigures(
    figures.filter((f) => f.effectiveAt.getTime() <= asOf && f.knownAt.getTime() <= known),
    corrections.filter((c) => c.knownAt.getTime() <= known),
  );
  const after = qualifying.filter((f) => f.effectiveAt.getTime() > from);
  return after.length > 0 ? after : qualifying.slice(-1);
}

describe('a window of kept figures looks up each figure’s own corrections', () => {
  const index = new SeriesIndex(figures, corrections);
  // Known just before, at and after each correction's known time; windows over one, some and none.
  const knowns = [5, 6, 7, 8, 9, 10].flatMap((d) => [at(d).getTime() - 1, at(d).getTime()]);
  const windows = [
    [at(4).getTime(), at(0).getTime()],
    [at(4).getTime(), at(1).getTime()],
    [at(3).getTime(), at(2).getTime()],
    [at(4).getTime(), at(4).getTime()],
  ];
  it.each(knowns)('known by %p: as correctedFigures says, the later position winning a tie', (known) => {
    for (const [asOf, from] of windows) expect(windowAt(index, asOf, known, from)).toEqual(reference(asOf, known, from));
  });

  it('takes the later known correction, and of two known at once the later logged', () => {
    expect(windowAt(index, at(4).getTime(), at(10).getTime(), at(0).getTime()).map((f) => f.value)).toEqual([10, 22, 32, 40]);
    expect(windowAt(index, at(4).getTime(), at(9).getTime() - 1, at(0).getTime()).map((f) => f.value)).toEqual([10, 21, 32, 40]);
  });
});
