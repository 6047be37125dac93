import type { TrajectoryFact } from './plan-facts.js';
import { foldTrajectoryVersusActual, type QualifyingFigure } from './recovery-plan.fold.js';

const day = (text: string) => new Date(text.length === 10 ? `${text}T00:00:00Z` : text);
let position = 0n;
const figure = (effective: string, value: number, known = effective): QualifyingFigure => ({
  figureId: `f-${++position}`,
  value,
  effectiveAt: day(effective),
  knownAt: day(known),
  position,
});

const trajectory: TrajectoryFact = {
  position: 1n,
  knownAt: day('2019-10-02'),
  effectiveAt: day('2019-10-02'),
  planId: 'iops-recovery-2019',
  indicatorId: 'da-risk-assessment',
  points: [
    { date: '2019-10-15', value: 700 },
    { date: '2019-11-01', value: 600 },
    { date: '2019-11-15', value: 450 },
    { date: '2019-12-01', value: 300 },
  ],
};

const figures = [
  figure('2019-10-28', 686),
  figure('2019-11-15T09:00:00Z', 520, '2019-11-15T10:00:00Z'),
  // Same effective time, known later: this one is the value.
  figure('2019-11-15T09:00:00Z', 500, '2019-11-16T10:00:00Z'),
  figure('2019-11-30', 320),
];

describe('trajectory versus actual (pure fold)', () => {
  it('takes, per point, the last figure effective by the end of that day; null before the first and after asOf', () => {
    const answer = foldTrajectoryVersusActual(trajectory, figures, day('2019-11-20T23:59:59.999Z'));
    expect(answer).toEqual({
      indicatorId: 'da-risk-assessment',
      planId: 'iops-recovery-2019',
      points: [
        { date: '2019-10-15', target: 700, actual: null },
        { date: '2019-11-01', target: 600, actual: 686 },
        { date: '2019-11-15', target: 450, actual: 500 },
        { date: '2019-12-01', target: 300, actual: null },
      ],
    });
  });

  it('carries the last value forward once the day has passed, and ignores figures after asOf', () => {
    const points = foldTrajectoryVersusActual(
      trajectory,
      figures,
      day('2019-12-05T23:59:59.999Z'),
    )?.points;
    expect(points?.map((p) => p.actual)).toEqual([null, 686, 500, 320]);
    const early = foldTrajectoryVersusActual(
      trajectory,
      figures,
      day('2019-11-10T23:59:59.999Z'),
    )?.points;
    expect(early?.map((p) => p.actual)).toEqual([null, 686, null, null]);
  });

  it('is undefined without a trajectory', () => {
    expect(foldTrajectoryVersusActual(undefined, figures, day('2019-12-05'))).toBeUndefined();
  });
});
