import { describeOnServer } from '@rm/event-store/testing';
import { openReadModelFixture, type ReadModelFixture } from '../../testing/read-model-fixture.js';
import { disposeFixture, event, idempotenceSpecs, imported, project, tableRows } from './fact-spec.fixtures.js';
import { planFactsProjection } from './plan-facts.projection.js';

const TABLES = [
  'rm_plan_created',
  'rm_plan_action_added',
  'rm_plan_action_changes',
  'rm_plan_trajectory_sets',
];
const ids = { planId: 'iops-recovery-2019', actionId: 'da-lookback' };

/** One case per handled event: the row it leaves, effective on its own date where it has one. */
const CASES: {
  type: string;
  data: object;
  table: string;
  row: Record<string, unknown>;
  effectiveAt?: string;
}[] = [
  {
    type: 'RecoveryPlanCreated',
    data: {
      planId: ids.planId,
      title: 'iOPS recovery 2019',
      objective: 'Return every backlog to its pre-go-live baseline',
      targetDate: '2020-06-30',
    },
    table: 'rm_plan_created',
    row: { plan_id: ids.planId, title: 'iOPS recovery 2019', target_date: '2020-06-30' },
  },
  {
    type: 'RecoveryActionAdded',
    data: {
      ...ids,
      title: 'Risk-assess every outstanding DA incident',
      owner: 'Head of Public Protection',
      dueDate: '2019-11-08',
      indicators: ['da-risk-assessment'],
      questions: [2, 3],
      successMeasure: 'None waiting over 24 hours',
    },
    table: 'rm_plan_action_added',
    row: {
      action_id: 'da-lookback',
      due_date: '2019-11-08',
      indicators: ['da-risk-assessment'],
      questions: [2, 3],
    },
  },
  {
    type: 'RecoveryActionStarted',
    data: { ...ids, startedOn: '2019-10-07' },
    table: 'rm_plan_action_changes',
    row: { kind: 'started', on_date: '2019-10-07' },
    effectiveAt: '2019-10-07T00:00:00.000Z',
  },
  {
    type: 'RecoveryActionProgressReported',
    data: { ...ids, percent: 40, note: '274 of 686 risk-assessed', reportedOn: '2019-11-10' },
    table: 'rm_plan_action_changes',
    row: { kind: 'progress', percent: 40, text: '274 of 686 risk-assessed', on_date: '2019-11-10' },
    effectiveAt: '2019-11-10T00:00:00.000Z',
  },
  {
    type: 'RecoveryActionRescheduled',
    data: {
      ...ids,
      previousDueDate: '2019-11-08',
      dueDate: '2019-12-20',
      reason: '604 legacy crimes found',
    },
    table: 'rm_plan_action_changes',
    row: {
      kind: 'rescheduled',
      due_date: '2019-12-20',
      previous_due_date: '2019-11-08',
      text: '604 legacy crimes found',
    },
  },
  {
    type: 'RecoveryActionCompleted',
    data: { ...ids, completedOn: '2019-12-18', evidence: 'Look-back report to gold group' },
    table: 'rm_plan_action_changes',
    row: { kind: 'completed', on_date: '2019-12-18', text: 'Look-back report to gold group' },
    effectiveAt: '2019-12-18T00:00:00.000Z',
  },
  {
    type: 'RecoveryActionCancelled',
    data: { ...ids, reason: 'Merged into the force-wide look-back' },
    table: 'rm_plan_action_changes',
    row: { kind: 'cancelled', text: 'Merged into the force-wide look-back' },
  },
  {
    type: 'TrajectorySet',
    data: {
      planId: ids.planId,
      indicatorId: 'da-risk-assessment',
      points: [
        { date: '2019-12-01', value: 300 },
        { date: '2020-01-01', value: 0 },
      ],
    },
    table: 'rm_plan_trajectory_sets',
    row: {
      indicator_id: 'da-risk-assessment',
      points: [
        { date: '2019-12-01', value: 300 },
        { date: '2020-01-01', value: 0 },
      ],
    },
  },
];

function planFactSpecs(kind: 'server' | 'embedded') {
  let f: ReadModelFixture;
  let stream = 0;
  beforeAll(async () => {
    f = await openReadModelFixture(kind);
  });
  afterAll(async () => disposeFixture(f));

  const rowAt = async (table: string, position: bigint) =>
    (await tableRows(f, table)).find((r) => r.position === String(position));

  it.each(CASES)('projects $type', async ({ type, data, table, row, effectiveAt }) => {
    const position = await project(f, planFactsProjection, `recoveryPlan-case-${++stream}`, [
      event(type, data),
    ]);
    const stored = await rowAt(table, position);
    expect(stored).toMatchObject({ ...row, plan_id: ids.planId });
    if (effectiveAt) expect(stored?.effective_at).toBe(effectiveAt);
    else expect(stored?.effective_at).toBe(stored?.known_at);
  });

  it('an imported event is known when reported and effective then, unless it carries its own date', async () => {
    const reportedAt = '2019-11-20T10:00:00.000Z';
    await project(f, planFactsProjection, `recoveryPlan-case-${++stream}`, [
      event(
        'RecoveryActionRescheduled',
        { ...ids, previousDueDate: '2019-11-08', dueDate: '2019-12-20', reason: 'Scope grew' },
        imported(reportedAt),
      ),
      event(
        'RecoveryActionProgressReported',
        { ...ids, percent: 60, note: 'More done', reportedOn: '2019-11-19' },
        imported(reportedAt),
      ),
    ]);
    const rows = (await tableRows(f, 'rm_plan_action_changes')).filter(
      (r) => r.known_at === reportedAt,
    );
    expect(rows).toEqual([
      expect.objectContaining({ kind: 'rescheduled', effective_at: reportedAt }),
      expect.objectContaining({ kind: 'progress', effective_at: '2019-11-19T00:00:00.000Z' }),
    ]);
  });

  idempotenceSpecs(() => f, planFactsProjection, TABLES, 'rm_plan_action_changes', 'indicator-da-risk-assessment');
}

describe('plan-facts.v1 on embedded PGlite', () => planFactSpecs('embedded'));
describeOnServer('plan-facts.v1 on a PostgreSQL server', () => planFactSpecs('server'));
