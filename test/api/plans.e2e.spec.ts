import { describeOnServer, TEST_DATABASE_URL } from '@rm/event-store/testing';
import { bearer, daIndicator, startApi, type ApiHarness } from '../support/api-harness.js';
import { action, daTrajectory, iopsPlan } from '../support/iops-fixtures.js';
import { eventsOfWrite, expectCommandMetadata, expectNothingWritten, expectProblem, expectWrite, headPosition, post, PROGRAMME_OFFICE, streamEvents } from '../support/write-api.js';

const PLAN = '/api/plans/iops-2019';
const STREAM = 'recoveryPlan-iops-2019';
const inAnHour = () => new Date(Date.now() + 3_600_000).toISOString();

const A2 = action('A2', {
  title: 'Migrate the 604 legacy crimes found before fieldwork',
  owner: 'Force Crime Registrar',
  dueDate: '2019-12-20',
  indicators: ['legacy-crimes-not-migrated'],
  questions: [1, 3],
  successMeasure: 'Every legacy crime is on PoliceWorks and has an investigation owner',
});
const A3 = action('A3', { title: 'Dip-sample ungraded incidents by hand', indicators: ['da-risk-assessment'], questions: [2], successMeasure: 'A weekly sample of 50' });

describeOnServer('plans.e2e: recovery plan commands over HTTP on PostgreSQL', () => {
  let api: ApiHarness;
  let revision = -1;
  beforeAll(async () => {
    api = await startApi(TEST_DATABASE_URL!);
    for (const id of ['da-risk-assessment', 'legacy-crimes-not-migrated']) expectWrite(await post(api, '/api/indicators', daIndicator(id)));
  });
  afterAll(async () => api?.close());

  const rejected = (path: string, body: unknown, status: number, code?: string, fields?: string[]) =>
    expectNothingWritten(api, async () => expectProblem(await post(api, path, body), status, code, fields));

  /** A write that must record exactly one event of `type` with `data`, at the next revision. */
  const recorded = async (path: string, body: object, type: string, data: object, effectiveAt?: string) => {
    const write = expectWrite(await post(api, path, body), { status: 201, streamId: STREAM, revision: ++revision });
    const [event] = await eventsOfWrite(api, write, 1);
    expect(event.type).toBe(type);
    expect(event.data).toEqual(data);
    expect(event.position).toBe(write.position);
    expectCommandMetadata(event, PROGRAMME_OFFICE);
    if (effectiveAt) expect(event.effectiveAt).toBe(effectiveAt);
    return event;
  };
  const noOp = async (path: string, body: object) =>
    expectWrite(await expectNothingWritten(api, () => post(api, path, body)), { status: 200, streamId: STREAM, revision });

  describe('POST /api/plans', () => {
    it('creates the iOPS recovery plan, effective when recorded', async () => {
      const { id, ...rest } = iopsPlan();
      const event = await recorded('/api/plans', iopsPlan(), 'RecoveryPlanCreated', { planId: id, ...rest });
      expect(Math.abs(Date.parse(event.effectiveAt!) - Date.now())).toBeLessThan(10_000);
      await noOp('/api/plans', iopsPlan());
    });

    it('refuses the same id with other content, and bad plans', async () => {
      await rejected('/api/plans', { ...iopsPlan(), targetDate: '2020-09-30' }, 409, 'PLAN.ALREADY_CREATED', ['id']);
      await rejected('/api/plans', { ...iopsPlan('plan-b'), targetDate: '2020-02-30' }, 400, 'DATE.INVALID', ['targetDate']);
      await rejected('/api/plans', { ...iopsPlan('Plan B'), title: '' }, 400, 'VALIDATION.FAILED', ['id', 'title']);
      await rejected('/api/plans', { id: 'plan-c' }, 400, 'VALIDATION.FAILED', ['title', 'objective', 'targetDate']);
    });
  });

  describe('POST /api/plans/{id}/actions', () => {
    it('adds actions linked to indicators and inspection questions', async () => {
      const { actionId, ...rest } = action('A1');
      await recorded(`${PLAN}/actions`, action('A1'), 'RecoveryActionAdded', { planId: 'iops-2019', actionId, ...rest });
      await recorded(`${PLAN}/actions`, A2, 'RecoveryActionAdded', { planId: 'iops-2019', ...A2 });
      await recorded(`${PLAN}/actions`, A3, 'RecoveryActionAdded', { planId: 'iops-2019', ...A3 });
      await noOp(`${PLAN}/actions`, A2);
    });

    it('refuses an existing action id with other content, bad actions, and unknown plans', async () => {
      await rejected(`${PLAN}/actions`, { ...A2, dueDate: '2020-01-31' }, 409, 'ACTION.ALREADY_EXISTS', ['actionId']);
      await rejected(`${PLAN}/actions`, action('A 9', { indicators: ['DA Risk'], questions: [0], dueDate: 'soon' }), 400, 'VALIDATION.FAILED', ['actionId', 'indicators', 'questions', 'dueDate']);
      await rejected(`${PLAN}/actions`, action('A9', { questions: [2, 2] }), 400, 'VALIDATION.FAILED', ['questions']);
      await rejected('/api/plans/no-such-plan/actions', action('A1'), 404, 'PLAN.NOT_FOUND');
      await rejected(`${PLAN}/actions`, action('A9', { indicators: ['da-risk-assessment', 'no-such-indicator'] }), 404, 'ACTION.INDICATOR_NOT_FOUND', ['indicators[1]']);
      await rejected('/api/plans/No_Such_Plan/actions', action('A1'), 404, 'RESOURCE.NOT_FOUND');
    });
  });

  describe('POST /api/plans/{id}/actions/{actionId}/{start|progress|reschedule|complete|cancel}', () => {
    it('starts A1 on its own date; starting it again is a no-op', async () => {
      const data = { planId: 'iops-2019', actionId: 'A1', startedOn: '2019-11-18' };
      await recorded(`${PLAN}/actions/A1/start`, { startedOn: '2019-11-18' }, 'RecoveryActionStarted', data, '2019-11-18T00:00:00.000Z');
      await noOp(`${PLAN}/actions/A1/start`, { startedOn: '2019-11-19' });
    });

    it('records progress reports; a repeated report is a no-op', async () => {
      const first = { percent: 40, note: '260 of 646 incidents graded', reportedOn: '2019-12-02' };
      await recorded(`${PLAN}/actions/A1/progress`, first, 'RecoveryActionProgressReported', { planId: 'iops-2019', actionId: 'A1', ...first }, '2019-12-02T00:00:00.000Z');
      const second = { percent: 75.5, note: '488 of 646 graded', reportedOn: '2020-01-15T17:00:00Z' };
      await recorded(`${PLAN}/actions/A1/progress`, second, 'RecoveryActionProgressReported', { planId: 'iops-2019', actionId: 'A1', ...second }, '2020-01-15T17:00:00.000Z');
      await noOp(`${PLAN}/actions/A1/progress`, first);
    });

    it('reschedules A1 with a reason, keeping the previous due date; the same slip again is a no-op', async () => {
      const slip = { dueDate: '2020-02-28', reason: 'Staff redeployed to the Christmas campaign', decidedOn: '2019-12-10' };
      await recorded(`${PLAN}/actions/A1/reschedule`, slip, 'RecoveryActionRescheduled', { planId: 'iops-2019', actionId: 'A1', previousDueDate: '2020-01-31', ...slip }, '2019-12-10T00:00:00.000Z');
      await noOp(`${PLAN}/actions/A1/reschedule`, slip);
      await rejected(`${PLAN}/actions/A1/reschedule`, { ...slip, reason: 'Another reason' }, 409, 'ACTION.RESCHEDULE_SAME_DATE', ['dueDate']);
      await rejected(`${PLAN}/actions/A1/reschedule`, { dueDate: '2020-03-31' }, 400, 'VALIDATION.FAILED', ['reason']);
      await rejected(`${PLAN}/actions/A1/reschedule`, { dueDate: '2020-03-31', reason: '  ' }, 400, 'ACTION.RESCHEDULE_REASON_REQUIRED', ['reason']);
    });

    it('completes A1 with evidence; completing again is a no-op; a completed action takes no more changes', async () => {
      const done = { completedOn: '2020-02-20', evidence: 'Backlog report of 20 February shows no ungraded incident' };
      await recorded(`${PLAN}/actions/A1/complete`, done, 'RecoveryActionCompleted', { planId: 'iops-2019', actionId: 'A1', ...done }, '2020-02-20T00:00:00.000Z');
      await noOp(`${PLAN}/actions/A1/complete`, done);
      await rejected(`${PLAN}/actions/A1/start`, { startedOn: '2020-02-21' }, 409, 'ACTION.ALREADY_COMPLETED', ['actionId']);
      await rejected(`${PLAN}/actions/A1/reschedule`, { dueDate: '2020-04-30', reason: 'x' }, 409, 'ACTION.ALREADY_COMPLETED');
      await rejected(`${PLAN}/actions/A1/cancel`, { reason: 'Too late' }, 409, 'ACTION.ALREADY_COMPLETED');
      await rejected(`${PLAN}/actions/A1/progress`, { percent: 40, note: 'a late report', reportedOn: '2020-02-21' }, 409, 'ACTION.ALREADY_COMPLETED', ['actionId']);
    });

    it('reports a completed action at 100 %, whatever its last progress report said', async () => {
      const res = await api.http.get(`/api/actions?planId=iops-2019&waitFor=${await headPosition(api)}`).set(bearer(api.tokens.inspector)).expect(200);
      const a1 = res.body.actions.find((a: { actionId: string }) => a.actionId === 'A1');
      expect(a1).toMatchObject({ status: 'completed', percent: 100 });
    });

    it('cancels A3 with a reason; cancelling again is a no-op; a cancelled action takes no more changes', async () => {
      // Without decidedOn a cancellation is decided when it is recorded.
      const event = await recorded(`${PLAN}/actions/A3/cancel`, { reason: 'Superseded by A1' }, 'RecoveryActionCancelled', { planId: 'iops-2019', actionId: 'A3', reason: 'Superseded by A1', decidedOn: expect.any(String) });
      expect(event.effectiveAt).toBe(event.data.decidedOn);
      expect(Math.abs(Date.parse(event.data.decidedOn as string) - Date.parse(event.recordedAt))).toBeLessThan(5_000);
      await noOp(`${PLAN}/actions/A3/cancel`, { reason: 'Superseded by A1' });
      await rejected(`${PLAN}/actions/A3/start`, { startedOn: '2019-12-01' }, 409, 'ACTION.ALREADY_CANCELLED', ['actionId']);
      await rejected(`${PLAN}/actions/A3/progress`, { percent: 10, note: 'x', reportedOn: '2019-12-01' }, 409, 'ACTION.ALREADY_CANCELLED');
      await rejected(`${PLAN}/actions/A3/complete`, { completedOn: '2019-12-01', evidence: 'x' }, 409, 'ACTION.ALREADY_CANCELLED');
      await rejected(`${PLAN}/actions/A3/reschedule`, { dueDate: '2020-04-30', reason: 'x' }, 409, 'ACTION.ALREADY_CANCELLED');
    });

    it('refuses bad lifecycle bodies: percent, future dates, blank text, client-set times', async () => {
      await rejected(`${PLAN}/actions/A2/progress`, { percent: 101, note: 'x', reportedOn: '2019-12-02' }, 400, 'VALIDATION.FAILED', ['percent']);
      await rejected(`${PLAN}/actions/A2/progress`, { percent: 10, note: '', reportedOn: '2019-12-02' }, 400, 'VALIDATION.FAILED', ['note']);
      await rejected(`${PLAN}/actions/A2/progress`, { percent: 10, note: 'x', reportedOn: inAnHour() }, 400, 'EFFECTIVE_TIME.IN_FUTURE', ['reportedOn']);
      await rejected(`${PLAN}/actions/A2/start`, { startedOn: inAnHour() }, 400, 'EFFECTIVE_TIME.IN_FUTURE', ['startedOn']);
      await rejected(`${PLAN}/actions/A2/complete`, { completedOn: '2100-01-01', evidence: 'x' }, 400, 'EFFECTIVE_TIME.IN_FUTURE', ['completedOn']);
      await rejected(`${PLAN}/actions/A2/complete`, { completedOn: '2019-12-01' }, 400, 'VALIDATION.FAILED', ['evidence']);
      await rejected(`${PLAN}/actions/A2/start`, { startedOn: '2019-12-01', recordedAt: '2019-12-01T00:00:00Z' }, 400, 'VALIDATION.FAILED', ['recordedAt']);
      await rejected(`${PLAN}/actions/A2/cancel`, {}, 400, 'VALIDATION.FAILED', ['reason']);
    });

    it('answers 404 for unknown plans and actions, and for ids that could not be an action\'s', async () => {
      await rejected('/api/plans/no-such-plan/actions/A1/start', { startedOn: '2019-11-18' }, 404, 'PLAN.NOT_FOUND');
      for (const verb of ['start', 'progress', 'reschedule', 'complete', 'cancel']) {
        const bodies: Record<string, object> = {
          start: { startedOn: '2019-11-18' },
          progress: { percent: 1, note: 'x', reportedOn: '2019-11-18' },
          reschedule: { dueDate: '2020-01-01', reason: 'x' },
          complete: { completedOn: '2019-11-18', evidence: 'x' },
          cancel: { reason: 'x' },
        };
        await rejected(`${PLAN}/actions/A99/${verb}`, bodies[verb], 404, 'ACTION.NOT_FOUND');
        await rejected(`${PLAN}/actions/A%209/${verb}`, bodies[verb], 404, 'RESOURCE.NOT_FOUND');
      }
    });
  });

  describe('POST /api/plans/{id}/trajectories', () => {
    it('sets the DA trajectory; the same again is a no-op; a new path replaces it', async () => {
      await recorded(`${PLAN}/trajectories`, daTrajectory, 'TrajectorySet', { planId: 'iops-2019', ...daTrajectory });
      await noOp(`${PLAN}/trajectories`, daTrajectory);
      const replan = { indicatorId: 'da-risk-assessment', points: [{ date: '2019-12-31', value: 400 }, { date: '2020-03-31', value: 0 }] };
      await recorded(`${PLAN}/trajectories`, replan, 'TrajectorySet', { planId: 'iops-2019', ...replan });
    });

    it('names the point and field of a bad trajectory', async () => {
      const points = daTrajectory.points;
      await rejected(`${PLAN}/trajectories`, { ...daTrajectory, points: [points[1], points[0]] }, 400, 'TRAJECTORY.DATES_NOT_INCREASING', ['points[1].date']);
      await rejected(`${PLAN}/trajectories`, { ...daTrajectory, points: [points[0], points[0]] }, 400, 'TRAJECTORY.DATES_NOT_INCREASING', ['points[1].date']);
      await rejected(`${PLAN}/trajectories`, { ...daTrajectory, points: [points[0], { date: '2019-12-32', value: 1 }] }, 400, 'DATE.INVALID', ['points[1].date']);
      await rejected(`${PLAN}/trajectories`, { ...daTrajectory, points: [points[0], points[1], { ...points[2], value: -1 }] }, 400, 'VALIDATION.FAILED', ['points[2].value']);
      await rejected(`${PLAN}/trajectories`, { ...daTrajectory, points: [points[0], { value: 1 }] }, 400, 'VALIDATION.FAILED', ['points[1].date']);
      await rejected(`${PLAN}/trajectories`, { ...daTrajectory, points: [] }, 400, 'VALIDATION.FAILED', ['points']);
      await rejected(`${PLAN}/trajectories`, { ...daTrajectory, indicatorId: 'DA risk' }, 400, 'VALIDATION.FAILED', ['indicatorId']);
      await rejected('/api/plans/no-such-plan/trajectories', daTrajectory, 404, 'PLAN.NOT_FOUND');
    });
  });

  describe('GET /api/streams/recoveryPlan-iops-2019 afterwards', () => {
    it('keeps the whole plan history in order in one stream', async () => {
      const events = await streamEvents(api, STREAM);
      expect(events.map((e) => e.revision)).toEqual(events.map((_, i) => i));
      expect(events.map((e) => e.type)).toEqual([
        'RecoveryPlanCreated', 'RecoveryActionAdded', 'RecoveryActionAdded', 'RecoveryActionAdded', 'RecoveryActionStarted',
        'RecoveryActionProgressReported', 'RecoveryActionProgressReported', 'RecoveryActionRescheduled', 'RecoveryActionCompleted',
        'RecoveryActionCancelled', 'TrajectorySet', 'TrajectorySet',
      ]);
      const positions = events.map((e) => BigInt(e.position));
      expect(positions.every((p, i) => i === 0 || p > positions[i - 1])).toBe(true);
    });
  });
});
