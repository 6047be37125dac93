import { action, cps, daIndicator, daTrajectory, engagement, iopsPlan, riskAssessment686, supportMeasure, survey, training } from './iops-fixtures.js';

/** One POST route with a body that succeeds when the steps before it have run. */
export interface WriteStep {
  route: string;
  path: string;
  body: Record<string, unknown>;
  /** Optional fields: absent is valid, so they are not mutated into "required but wrong". */
  optional: string[];
  /** Writes this step needs first (not counted as the step). */
  before?: { path: string; body: Record<string, unknown> }[];
}

/**
 * Every POST route of the write API, in an order in which each one succeeds with 201 on a fresh
 * set of ids (`suffix` keeps runs apart).
 */
export function writeSteps(suffix: string): WriteStep[] {
  const ind = `da-${suffix}`;
  const plan = `plan-${suffix}`;
  const partner = `cps-${suffix}`;
  const I = `/api/indicators/${ind}`;
  const P = `/api/plans/${plan}`;
  return [
    { route: 'POST /api/indicators', path: '/api/indicators', body: daIndicator(ind), optional: [] },
    {
      route: 'POST /api/indicators/{id}/baseline-revisions',
      path: `${I}/baseline-revisions`,
      body: { baseline: { value: 2, from: '2019-05-01', to: '2019-06-30', source: 'Re-measured over May-June 2019' }, tolerance: 15, reason: 'June alone was unusually low' },
      optional: ['tolerance'],
    },
    { route: 'POST /api/indicators/{id}/figures', path: `${I}/figures`, body: { figureId: 'f-inspection', value: 686, effectiveAt: '2019-11-01', source: 'HMICFRS fieldwork', note: 'some over 100 days old' }, optional: ['figureId', 'note'] },
    { route: 'POST /api/indicators/{id}/figures/{figureId}/corrections', path: `${I}/figures/f-inspection/corrections`, body: { value: 690, reason: 'Four incidents found on a second search' }, optional: [] },
    { route: 'POST /api/indicators/{id}/risk-assessments', path: `${I}/risk-assessments`, body: { ...riskAssessment686 }, optional: [] },
    { route: 'POST /api/indicators/{id}/thresholds', path: `${I}/thresholds`, body: { thresholdId: 'over-100-days', kind: 'age', limit: 0, windowDays: 100 }, optional: ['windowDays'] },
    { route: 'POST /api/indicators/{id}/thresholds/{thresholdId}/retire', path: `${I}/thresholds/over-100-days/retire`, body: { reason: 'Replaced by a 30-day threshold' }, optional: ['reason'] },
    {
      route: 'POST /api/indicators/{id}/items',
      path: `${I}/items`,
      body: { items: [{ ref: 'DA-2019-001234', event: 'opened', at: '2019-07-20T09:15:00Z' }, { ref: 'DA-2019-001234', event: 'graded', at: '2019-11-05T10:00:00Z', risk: 'high' }] },
      optional: ['items[1].risk'],
    },
    { route: 'POST /api/plans', path: '/api/plans', body: iopsPlan(plan), optional: [] },
    { route: 'POST /api/plans/{id}/actions', path: `${P}/actions`, body: action('A1', { indicators: [ind] }), optional: [] },
    { route: 'POST /api/plans/{id}/actions/{actionId}/start', path: `${P}/actions/A1/start`, body: { startedOn: '2019-11-18' }, optional: [] },
    { route: 'POST /api/plans/{id}/actions/{actionId}/progress', path: `${P}/actions/A1/progress`, body: { percent: 40, note: '260 of 646 incidents graded', reportedOn: '2019-12-02' }, optional: [] },
    { route: 'POST /api/plans/{id}/actions/{actionId}/reschedule', path: `${P}/actions/A1/reschedule`, body: { dueDate: '2020-02-28', reason: 'Staff redeployed to the Christmas campaign' }, optional: [] },
    { route: 'POST /api/plans/{id}/actions/{actionId}/complete', path: `${P}/actions/A1/complete`, body: { completedOn: '2020-02-20', evidence: 'Backlog report of 20 February shows no ungraded incident' }, optional: [] },
    {
      route: 'POST /api/plans/{id}/actions/{actionId}/cancel',
      path: `${P}/actions/A0/cancel`,
      body: { reason: 'Superseded by action A1' },
      optional: [],
      before: [{ path: `${P}/actions`, body: action('A0', { title: 'Manual dip-sample of ungraded incidents', indicators: [ind] }) }],
    },
    { route: 'POST /api/plans/{id}/trajectories', path: `${P}/trajectories`, body: { ...daTrajectory, indicatorId: ind }, optional: [] },
    { route: 'POST /api/partners', path: '/api/partners', body: cps(partner), optional: [] },
    { route: 'POST /api/partners/{id}/engagements', path: `/api/partners/${partner}/engagements`, body: engagement({ indicators: [ind] }), optional: ['engagementId'] },
    { route: 'POST /api/workforce/surveys', path: '/api/workforce/surveys', body: survey({ surveyId: `survey-${suffix}` }), optional: ['surveyId'] },
    { route: 'POST /api/workforce/training', path: '/api/workforce/training', body: training({ trainingId: `training-${suffix}` }), optional: ['trainingId'] },
    { route: 'POST /api/workforce/support-measures', path: '/api/workforce/support-measures', body: supportMeasure({ measureId: `measure-${suffix}` }), optional: ['measureId'] },
  ];
}

/** Every POST route, as the OpenAPI document names it. */
export const WRITE_ROUTES = writeSteps('x').map((s) => s.route);
