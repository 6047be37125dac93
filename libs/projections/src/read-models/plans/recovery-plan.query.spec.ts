import { describeOnServer } from '@rm/event-store/testing';
import { openReadModelFixture, type ReadModelFixture } from '../../testing/read-model-fixture.js';
import {
  at,
  disposeFixture,
  event,
  imported,
  project,
  projectedLog,
} from './fact-spec.fixtures.js';
import { planFactsProjection } from './plan-facts.projection.js';
import { referencePlan, referenceRecoveryActions } from './plan-reference.fold.js';
import { recoveryActions, recoveryPlan } from './recovery-plan.query.js';

const planId = 'iops-recovery-2019';
const da = { planId, actionId: 'da-lookback' };
const marac = { planId, actionId: 'marac-referrals' };
const training = { planId, actionId: 'staff-training' };
const action = (
  ids: object,
  title: string,
  dueDate: string,
  indicators: string[],
  questions: number[],
) => ({
  ...ids,
  title,
  owner: 'ACC Crime',
  dueDate,
  indicators,
  questions,
  successMeasure: 'Back to the June 2019 baseline',
});

/** The plan as imported from the 2019 record (known when reported), then a few live entries. */
const HISTORY = [
  event(
    'RecoveryPlanCreated',
    {
      planId,
      title: 'iOPS recovery 2019',
      objective: 'Return every backlog to its pre-go-live baseline',
      targetDate: '2020-06-30',
    },
    imported('2019-10-01T09:00:00Z'),
  ),
  event(
    'RecoveryActionAdded',
    action(
      da,
      'Risk-assess every outstanding DA incident',
      '2019-11-08',
      ['da-risk-assessment'],
      [2, 3],
    ),
    imported('2019-10-01T09:05:00Z'),
  ),
  event(
    'RecoveryActionAdded',
    action(marac, 'Restore MARAC referrals', '2019-12-31', ['marac-referrals'], [4]),
    imported('2019-10-01T09:10:00Z'),
  ),
  event(
    'RecoveryActionAdded',
    action(training, 'Retrain staff on PoliceWorks search', '2019-11-30', [], [5]),
    imported('2019-10-02T09:00:00Z'),
  ),
  event(
    'TrajectorySet',
    {
      planId,
      indicatorId: 'da-risk-assessment',
      points: [
        { date: '2019-11-01', value: 600 },
        { date: '2020-01-01', value: 0 },
      ],
    },
    imported('2019-10-02T10:00:00Z'),
  ),
  event(
    'RecoveryActionStarted',
    { ...da, startedOn: '2019-10-07' },
    imported('2019-10-07T17:00:00Z'),
  ),
  // Back-dated: true on 10 November, known only on the 18th.
  event(
    'RecoveryActionProgressReported',
    { ...da, percent: 40, note: '274 of 686 risk-assessed', reportedOn: '2019-11-10' },
    imported('2019-11-18T10:00:00Z'),
  ),
  event(
    'RecoveryActionRescheduled',
    {
      ...da,
      previousDueDate: '2019-11-08',
      dueDate: '2019-12-20',
      reason: '604 legacy crimes found',
    },
    imported('2019-11-20T10:00:00Z'),
  ),
  event(
    'RecoveryActionCancelled',
    { ...training, reason: 'Folded into the supplier training plan' },
    imported('2019-11-12T12:00:00Z'),
  ),
  event(
    'RecoveryActionStarted',
    { ...marac, startedOn: '2019-11-01' },
    imported('2019-11-01T12:00:00Z'),
  ),
  event(
    'RecoveryActionCompleted',
    { ...marac, completedOn: '2019-11-14', evidence: 'Referral rate back to June level' },
    imported('2019-11-14T16:00:00Z'),
  ),
  event(
    'TrajectorySet',
    {
      planId,
      indicatorId: 'da-risk-assessment',
      points: [
        { date: '2019-12-01', value: 300 },
        { date: '2020-02-01', value: 0 },
      ],
    },
    imported('2019-11-25T09:00:00Z'),
  ),
];
/** Logged after the rest but known earlier than most of it: filter on known time, not position. */
const LATE_LOGGED = [
  event(
    'RecoveryActionProgressReported',
    { ...da, percent: 20, note: '137 risk-assessed', reportedOn: '2019-10-14' },
    imported('2019-10-15T09:00:00Z'),
  ),
  event('RecoveryActionProgressReported', {
    ...da,
    percent: 80,
    note: 'Live entry',
    reportedOn: '2019-12-01',
  }),
];

function planQuerySpecs(kind: 'server' | 'embedded') {
  let f: ReadModelFixture;
  let middle: bigint;
  let head: bigint;
  beforeAll(async () => {
    f = await openReadModelFixture(kind);
    middle = await project(f, planFactsProjection, `recoveryPlan-${planId}`, HISTORY);
    head = await project(f, planFactsProjection, `recoveryPlan-${planId}`, LATE_LOGGED);
  });
  afterAll(async () => disposeFixture(f));

  const actionAt = async (asOf: string, knownAt?: string) =>
    (await recoveryActions(f.read.db, at(asOf, knownAt, head), { planId })).find(
      (a) => a.actionId === 'da-lookback',
    );

  it('at the inspection date, as known then: overdue, not yet slipped, only the progress known by then', async () => {
    expect(await actionAt('2019-11-15')).toMatchObject({
      status: 'started',
      dueDate: '2019-11-08',
      originalDueDate: '2019-11-08',
      slips: 0,
      daysSlipped: 0,
      overdue: true,
      percent: 20,
      startedOn: '2019-10-07',
    });
  });

  it('the inspection date as known today: the back-dated progress counts, the later reschedule does not', async () => {
    expect(await actionAt('2019-11-15', 'latest')).toMatchObject({
      dueDate: '2019-11-08',
      slips: 0,
      overdue: true,
      percent: 40,
    });
  });

  it('after the reschedule: slipped by 42 days and no longer overdue', async () => {
    expect(await actionAt('2019-11-25')).toMatchObject({
      dueDate: '2019-12-20',
      originalDueDate: '2019-11-08',
      slips: 1,
      daysSlipped: 42,
      overdue: false,
      percent: 40,
    });
  });

  it('a plan with progress per question, cancelled actions counted nowhere, and the latest known trajectory', async () => {
    const plan = await recoveryPlan(f.read.db, at('2019-11-15', undefined, head), planId);
    expect(plan).toMatchObject({
      id: planId,
      title: 'iOPS recovery 2019',
      targetDate: '2020-06-30',
    });
    expect(plan?.actions.map((a) => [a.actionId, a.status])).toEqual([
      ['da-lookback', 'started'],
      ['staff-training', 'cancelled'],
      ['marac-referrals', 'completed'],
    ]);
    expect(plan?.progress).toMatchObject({ done: 1, total: 2, overdue: 1 });
    expect(plan?.progress.byQuestion).toMatchObject({
      '3': { done: 0, total: 1, overdue: 1 },
      '4': { done: 1, total: 1, overdue: 0 },
      '5': { done: 0, total: 0, overdue: 0 },
    });
    expect(plan?.trajectories).toEqual([
      {
        indicatorId: 'da-risk-assessment',
        points: [
          { date: '2019-11-01', value: 600 },
          { date: '2020-01-01', value: 0 },
        ],
      },
    ]);
    const later = await recoveryPlan(f.read.db, at('2019-11-25', undefined, head), planId);
    expect(later?.trajectories[0].points[0]).toEqual({ date: '2019-12-01', value: 300 });
  });

  it('a plan not yet known is undefined; a status filter narrows the actions', async () => {
    expect(
      await recoveryPlan(f.read.db, at('2019-09-30', undefined, head), planId),
    ).toBeUndefined();
    const completed = await recoveryActions(f.read.db, at('2019-11-15', undefined, head), {
      status: 'completed',
    });
    expect(completed.map((a) => a.actionId)).toEqual(['marac-referrals']);
  });

  it('every answer equals a from-scratch fold of exactly the qualifying events', async () => {
    const log = await projectedLog(f);
    const moments: [string, string | undefined][] = [
      ['2019-09-30', undefined],
      ['2019-10-01T09:07:00Z', undefined],
      ['2019-10-15', undefined],
      ['2019-11-15', undefined],
      ['2019-11-15', 'latest'],
      ['2019-11-15', '2019-11-19'],
      ['2019-11-25', undefined],
      ['2020-01-15', 'latest'],
    ];
    for (const position of [middle, head]) {
      for (const [asOf, knownAt] of moments) {
        const tt = at(asOf, knownAt, position);
        expect(await recoveryActions(f.read.db, tt)).toEqual(referenceRecoveryActions(log, tt));
        expect(await recoveryActions(f.read.db, tt, { status: 'started' })).toEqual(
          referenceRecoveryActions(log, tt, { status: 'started' }),
        );
        expect(await recoveryPlan(f.read.db, tt, planId)).toEqual(referencePlan(log, tt, planId));
      }
    }
  });
}

describe('recovery plan queries on embedded PGlite', () => planQuerySpecs('embedded'));
describeOnServer('recovery plan queries on a PostgreSQL server', () => planQuerySpecs('server'));
