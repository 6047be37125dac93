import { daIndicator } from './api-harness.js';

// Published GMP iOPS figures (shared/domain/iops-2019.md); the dates inside a month are assumptions.

/** 686 domestic abuse incidents not risk-assessed at inspection (Computer Weekly, The Independent). */
export const DA_AT_INSPECTION = { value: 686, effectiveAt: '2019-11-01', source: 'HMICFRS fieldwork, Oct-Nov 2019', note: 'some over 100 days old' };

/** Legacy crimes not migrated: 604 found in the week before fieldwork (Computer Weekly). */
export const unmigratedCrimes = (id = 'legacy-crimes-not-migrated') => ({
  id,
  name: 'Legacy crimes not migrated',
  description: 'Crimes on the legacy systems that never reached iOPS',
  unit: 'count',
  direction: 'lower-is-better',
  baseline: { value: 0, from: '2019-06-01', to: '2019-06-30', source: 'Migration plan: every legacy crime migrated' },
  tolerance: 0,
  owner: 'Force Crime Registrar',
  questions: [1, 3],
});

/** 999 average answer time: 12 s before go-live, 48 s after, 22 s at inspection (Rochdale Online; ITV). */
export const answerTime999 = (id = '999-answer-time') => ({
  id,
  name: '999 average answer time',
  description: 'Average seconds to answer a 999 call',
  unit: 'seconds',
  direction: 'lower-is-better',
  baseline: { value: 12, from: '2019-06-01', to: '2019-06-30', source: 'ControlWorks predecessor, June 2019' },
  tolerance: 2,
  owner: 'Head of Force Contact',
  questions: [1],
});

export const riskAssessment686 = {
  assessedAt: '2019-11-04',
  high: 41,
  medium: 198,
  standard: 447,
  rationale: 'DASH grades of the 686 ungraded incidents, from a full read of each log',
};

export const iopsPlan = (id = 'iops-2019') => ({
  id,
  title: 'iOPS crime data integrity recovery plan',
  objective: 'Record every reported crime within 24 hours and return every backlog to its pre-go-live baseline',
  targetDate: '2020-06-30',
});

export const action = (actionId: string, overrides: Record<string, unknown> = {}) => ({
  actionId,
  title: 'Grade every domestic abuse incident awaiting a DASH risk assessment',
  owner: 'Head of Public Protection',
  dueDate: '2020-01-31',
  indicators: ['da-risk-assessment'],
  questions: [2, 3],
  successMeasure: 'No domestic abuse incident waits more than 24 hours for a DASH grade',
  ...overrides,
});

export const daTrajectory = {
  indicatorId: 'da-risk-assessment',
  points: [
    { date: '2019-11-30', value: 500 },
    { date: '2019-12-31', value: 300 },
    { date: '2020-01-31', value: 100 },
    { date: '2020-02-29', value: 0 },
  ],
};

export const cps = (id = 'cps-north-west') => ({ id, name: 'Crown Prosecution Service, North West', kind: 'cps' });
export const marac = (id = 'marac-greater-manchester') => ({ id, name: 'Greater Manchester MARAC', kind: 'marac' });

export const engagement = (overrides: Record<string, unknown> = {}) => ({
  date: '2019-12-05',
  channel: 'monthly liaison meeting',
  topics: ['court file backlog', 'prosecution file transfers'],
  indicators: ['da-risk-assessment'],
  summary: 'Shared the court file backlog and the plan to restore file transfers by February',
  ...overrides,
});

export const survey = (overrides: Record<string, unknown> = {}) => ({ date: '2019-12-01', respondents: 412, confidentPercent: 38.5, ...overrides });
export const training = (overrides: Record<string, unknown> = {}) => ({ date: '2019-11-20', topic: 'Crime recording standards in PoliceWorks', attendees: 60, ...overrides });
export const supportMeasure = (overrides: Record<string, unknown> = {}) => ({
  date: '2019-11-25',
  title: 'Crime recording helpdesk',
  description: 'A helpdesk staffed by the force crime registrar for officers unsure how to record in PoliceWorks',
  ...overrides,
});

export { daIndicator };
