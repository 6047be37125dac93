import { describeOnServer } from '@rm/event-store/testing';
import { openReadModelFixture, type ReadModelFixture } from '../../testing/read-model-fixture.js';
import { indicatorFactsProjection, referenceQualifyingFigures } from '../indicators/index.js';
import { at, disposeFixture, event, imported, projectedLog } from './fact-spec.fixtures.js';
import { planFactsProjection } from './plan-facts.projection.js';
import { referenceTrajectoryVersusActual } from './plan-reference.fold.js';
import type { QualifyingFigure } from './recovery-plan.fold.js';
import { trajectoryVersusActual } from './trajectory-versus-actual.query.js';

const indicatorId = 'da-risk-assessment';
const trajectory = (planId: string, points: [string, number][], reportedAt: string) =>
  event(
    'TrajectorySet',
    { planId, indicatorId, points: points.map(([date, value]) => ({ date, value })) },
    imported(reportedAt),
  );
const figure = (figureId: string, effectiveAt: string, value: number, reportedAt: string) =>
  event(
    'FigureRecorded',
    { indicatorId, figureId, value, effectiveAt, source: 'Gold group return' },
    { ...imported(reportedAt), effectiveAt },
  );

function trajectorySpecs(kind: 'server' | 'embedded') {
  let f: ReadModelFixture;
  let head: bigint;
  beforeAll(async () => {
    f = await openReadModelFixture(kind);
    await f.t.store.append('recoveryPlan-iops-recovery-2019', [
      trajectory(
        'iops-recovery-2019',
        [
          ['2019-11-01', 600],
          ['2019-12-01', 300],
          ['2020-01-01', 0],
        ],
        '2019-10-02T10:00:00Z',
      ),
    ]);
    // A second plan sets the same indicator's path later: the latest known wins, across plans.
    await f.t.store.append('recoveryPlan-iops-prevention-2020', [
      trajectory(
        'iops-prevention-2020',
        [
          ['2019-12-01', 400],
          ['2020-03-01', 0],
        ],
        '2019-11-28T10:00:00Z',
      ),
    ]);
    ({ position: head } = await f.t.store.append(`indicator-${indicatorId}`, [
      figure('f-oct', '2019-10-28', 686, '2019-10-29T09:00:00Z'),
      figure('f-nov', '2019-11-30', 420, '2019-12-02T09:00:00Z'),
    ]));
    await f.runner([planFactsProjection, indicatorFactsProjection]).catchUp(head);
  });
  afterAll(async () => disposeFixture(f));

  it('uses the trajectory known at knownAt, whichever plan set it', async () => {
    const asKnown = await trajectoryVersusActual(
      f.read.db,
      at('2019-11-15', undefined, head),
      indicatorId,
      async () => [],
    );
    expect(asKnown).toMatchObject({
      planId: 'iops-recovery-2019',
      points: [
        { date: '2019-11-01', target: 600 },
        { date: '2019-12-01', target: 300 },
        { date: '2020-01-01', target: 0 },
      ],
    });
    const today = await trajectoryVersusActual(
      f.read.db,
      at('2019-11-15', 'latest', head),
      indicatorId,
      async () => [],
    );
    expect(today?.planId).toBe('iops-prevention-2020');
  });

  it('is undefined before any trajectory is known', async () => {
    expect(
      await trajectoryVersusActual(
        f.read.db,
        at('2019-10-01', undefined, head),
        indicatorId,
        async () => [],
      ),
    ).toBeUndefined();
  });

  it('sets each point against the figure source it is given', async () => {
    const figures: QualifyingFigure[] = [
      {
        figureId: 'x',
        value: 650,
        effectiveAt: new Date('2019-10-30T00:00:00Z'),
        knownAt: new Date('2019-10-30T00:00:00Z'),
        position: 1n,
      },
    ];
    const answer = await trajectoryVersusActual(
      f.read.db,
      at('2019-11-15', undefined, head),
      indicatorId,
      async () => figures,
    );
    expect(answer?.points.map((p) => p.actual)).toEqual([650, null, null]);
  });

  it('with the indicators read model, equals a from-scratch fold of the qualifying events', async () => {
    const log = await projectedLog(f);
    const actual = await trajectoryVersusActual(
      f.read.db,
      at('2019-12-05', undefined, head),
      indicatorId,
    );
    expect(actual?.points).toEqual([
      { date: '2019-12-01', target: 400, actual: 420 },
      { date: '2020-03-01', target: 0, actual: null },
    ]);
    for (const [asOf, knownAt] of [
      ['2019-11-15', undefined],
      ['2019-11-15', 'latest'],
      ['2019-12-05', undefined],
      ['2020-02-01', 'latest'],
    ] as const) {
      const tt = at(asOf, knownAt, head);
      expect(await trajectoryVersusActual(f.read.db, tt, indicatorId)).toEqual(
        referenceTrajectoryVersusActual(
          log,
          tt,
          indicatorId,
          referenceQualifyingFigures(log, tt, indicatorId),
        ),
      );
    }
  });
}

describe('trajectory versus actual on embedded PGlite', () => trajectorySpecs('embedded'));
describeOnServer('trajectory versus actual on a PostgreSQL server', () =>
  trajectorySpecs('server'),
);
