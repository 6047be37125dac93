// The recovery plan for the six questions, its slips on the dates they were decided, the partners
// and the workforce measures. Dates of decisions and all survey numbers are assumed.

const PLAN = '/api/plans/iops-recovery';
const at = (day, time = '16:00') => `${day}T${time}:00Z`;

const ACTIONS = [
  { actionId: 'backlog-census', title: 'Weekly census of every backlog by type and age', owner: 'Head of Business Change', addedOn: '2019-08-19', dueDate: '2019-09-30',
    indicators: ['investigations-awaiting-action', 'da-risk-assessment'], questions: [1], successMeasure: 'Every backlog counted weekly by type and age',
    steps: [['start', '2019-08-20'], ['progress', '2019-10-14', 70, 'Assumed: census covers 7 of 10 backlog types'], ['complete', '2019-11-22', 'Assumed: first full census of all backlogs presented to gold group']] },
  { actionId: 'da-dash-triage', title: 'DASH-grade every domestic abuse incident awaiting assessment', owner: 'Head of Public Protection', addedOn: '2019-08-19', dueDate: '2019-11-30',
    indicators: ['da-risk-assessment'], questions: [2], successMeasure: 'No domestic abuse incident waits more than 24 hours for a DASH grade',
    steps: [['start', '2019-08-26'], ['progress', '2019-11-11', 35, 'Published: 686 incidents still awaiting a risk assessment at fieldwork'],
      ['reschedule', '2019-12-10', '2020-02-28', 'Assumed: the backlog is larger than planned and staff are redeployed over Christmas'],
      ['complete', '2020-03-20', 'Assumed: backlog report shows 60 incidents awaiting assessment, all under 24 hours old']] },
  { actionId: 'court-files-recovery', title: 'Restore the criminal justice unit\'s court file throughput', owner: 'Head of Criminal Justice', addedOn: '2019-08-19', dueDate: '2019-10-31',
    indicators: ['court-file-throughput'], questions: [3], successMeasure: 'Court files back to 90 % of normal throughput',
    steps: [['start', '2019-08-19'], ['reschedule', '2019-11-25', '2020-01-31', 'Assumed: supplier fix for file transfer to the CPS delayed'],
      ['complete', '2020-02-14', 'Assumed: throughput at 85 % and rising for four weeks']] },
  { actionId: 'legacy-reconciliation', title: 'Reconcile every legacy crime against PoliceWorks', owner: 'Force Crime Registrar', addedOn: '2019-10-28', dueDate: '2019-12-13',
    indicators: ['legacy-crimes-unmigrated'], questions: [1, 6], successMeasure: 'No legacy crime missing from PoliceWorks',
    steps: [['start', '2019-10-28'], ['complete', '2019-12-13', 'Assumed: reconciliation report shows no unmigrated crime']] },
  { actionId: 'da-lookback', title: 'Domestic abuse look-back of every incident since go-live', owner: 'Head of Public Protection', addedOn: '2019-11-18', dueDate: '2020-03-31',
    indicators: ['da-lookback-outstanding'], questions: [2, 3], successMeasure: 'Every flagged incident reviewed and victims safeguarded',
    steps: [['start', '2019-11-25'], ['reschedule', '2020-03-20', '2020-09-30', 'Assumed: the look-back is larger than planned'],
      ['progress', '2020-06-30', 20, 'Published: about 10,000 incidents outstanding (police and crime panel, 30 Jun 2020)']] },
  { actionId: 'partner-briefings', title: 'Fortnightly briefings for the CPS, courts, children\'s social care, MARAC and victims\' services', owner: 'Head of Partnerships', addedOn: '2019-08-19', dueDate: '2019-09-30',
    indicators: ['marac-referrals', 'victims-services-referrals', 'childrens-social-care-referrals'], questions: [4], successMeasure: 'Every partner briefed at least fortnightly',
    steps: [['start', '2019-08-20'], ['complete', '2019-09-27', 'Assumed: briefing schedule agreed with every partner']] },
  { actionId: 'staff-confidence', title: 'Floor-walkers, refresher training and a quarterly confidence survey', owner: 'Head of People', addedOn: '2019-08-19', dueDate: '2020-01-31',
    indicators: [], questions: [5], successMeasure: 'Half of officers and staff confident using iOPS',
    steps: [['start', '2019-09-02'], ['progress', '2019-12-20', 60, 'Assumed: 38 % confident in the December survey'], ['complete', '2020-01-31', 'Assumed: training programme delivered']] },
  { actionId: 'early-warnings', title: 'Thresholds and early warnings on every backlog', owner: 'Head of Business Change', addedOn: '2019-08-19', dueDate: '2019-12-31',
    indicators: ['da-risk-assessment', 'investigations-awaiting-action', 'answer-time-999', 'legacy-crimes-unmigrated'], questions: [6], successMeasure: 'Every backlog has a threshold and an owner who is warned',
    steps: [['start', '2019-11-25'], ['complete', '2019-12-16', 'Assumed: thresholds set on the four largest backlogs']] },
  { actionId: 'upgrade-rollback', title: 'Rollback plan and rehearsal for every system upgrade', owner: 'Head of IT Services', addedOn: '2020-02-10', dueDate: '2020-03-31',
    indicators: [], questions: [6], successMeasure: 'No upgrade without a rehearsed rollback',
    steps: [['start', '2020-02-10'], ['complete', '2020-03-27', 'Assumed: rollback rehearsed before the March upgrade']] },
];

export function planLines() {
  const out = [[at('2019-08-19', '10:00'), '/api/plans', {
    id: 'iops-recovery', title: 'iOPS recovery plan', objective: 'Return every backlog to its pre-go-live baseline and prevent further backlogs (the inspection\'s six questions)', targetDate: '2020-06-30',
  }]];
  for (const a of ACTIONS) {
    const { steps, addedOn, ...body } = a;
    out.push([at(addedOn, '10:00'), `${PLAN}/actions`, body]);
    const A = `${PLAN}/actions/${a.actionId}`;
    for (const [kind, day, ...rest] of steps) {
      if (kind === 'start') out.push([at(day), `${A}/start`, { startedOn: day }]);
      if (kind === 'progress') out.push([at(day), `${A}/progress`, { percent: rest[0], note: rest[1], reportedOn: day }]);
      if (kind === 'reschedule') out.push([at(day), `${A}/reschedule`, { dueDate: rest[0], reason: rest[1], decidedOn: day }]);
      if (kind === 'complete') out.push([at(day), `${A}/complete`, { completedOn: day, evidence: rest[0] }]);
    }
  }
  out.push([at('2019-11-18', '11:00'), `${PLAN}/trajectories`, { indicatorId: 'da-risk-assessment', points: [{ date: '2019-12-31', value: 400 }, { date: '2020-02-28', value: 100 }, { date: '2020-03-31', value: 25 }] }]);
  out.push([at('2019-11-25', '11:00'), `${PLAN}/trajectories`, { indicatorId: 'court-file-throughput', points: [{ date: '2019-12-31', value: 70 }, { date: '2020-01-31', value: 90 }] }]);
  return out;
}

export const PARTNERS = [
  { id: 'cps', name: 'Crown Prosecution Service', kind: 'cps', firstOn: '2019-08-23', everyDays: 14, channel: 'fortnightly liaison meeting', topics: ['court files', 'charging decisions'], indicators: ['court-file-throughput'] },
  { id: 'courts', name: 'HM Courts and Tribunals Service, Greater Manchester', kind: 'court', firstOn: '2019-08-30', everyDays: 14, channel: 'fortnightly listing call', topics: ['court files'], indicators: ['court-file-throughput'] },
  { id: 'childrens-social-care', name: 'Local authority children\'s social care', kind: 'childrens-social-care', firstOn: '2019-08-23', everyDays: 14, channel: 'fortnightly safeguarding call', topics: ['referrals of children at risk'], indicators: ['childrens-social-care-referrals'] },
  { id: 'marac', name: 'MARAC coordinators', kind: 'marac', firstOn: '2019-08-30', everyDays: 14, channel: 'fortnightly MARAC coordinators meeting', topics: ['high-risk domestic abuse referrals'], indicators: ['marac-referrals', 'da-risk-assessment'] },
  { id: 'gm-victims-services', name: 'Greater Manchester Victims\' Services', kind: 'victims-services', firstOn: '2019-08-23', everyDays: 14, channel: 'fortnightly referral review', topics: ['victim referrals'], indicators: ['victims-services-referrals'] },
  { id: 'mayors-office', name: 'Mayor\'s office and police and crime panel', kind: 'other', firstOn: '2019-09-06', everyDays: 28, channel: 'monthly assurance meeting with the deputy mayor', topics: ['recovery plan', 'victims at risk'], indicators: ['da-risk-assessment', 'da-lookback-outstanding'] },
  { id: 'ons', name: 'Office for National Statistics', kind: 'other', firstOn: '2019-09-13', everyDays: 56, channel: 'crime returns call', topics: ['crime returns withheld since July 2019'], indicators: ['crime-recording-rate'] },
];

export function workforceLines() {
  const out = [];
  for (const [date, respondents, confidentPercent] of [['2019-09-30', 412, 31], ['2019-12-20', 455, 38], ['2020-03-31', 498, 46], ['2020-06-30', 520, 55]])
    out.push([at(date, '17:00'), '/api/workforce/surveys', { surveyId: `confidence-${date}`, date, respondents, confidentPercent }]);
  for (const [date, topic, attendees] of [['2019-09-16', 'Assumed: PoliceWorks searching, including variant spellings of names', 120], ['2019-10-14', 'Assumed: crime recording standards for call handlers', 85],
    ['2020-01-20', 'Assumed: ControlWorks refresher for dispatchers', 140], ['2020-02-17', 'Assumed: working on paper records during a system outage', 60]])
    out.push([at(date, '17:00'), '/api/workforce/training', { trainingId: `training-${date}`, date, topic, attendees }]);
  for (const [date, title, description] of [['2019-09-02', 'Floor-walkers in every district', 'Assumed: iOPS experts on every shift to help officers and staff'],
    ['2019-11-25', 'Crime recording helpdesk', 'Assumed: a helpdesk staffed by the force crime registrar for officers unsure how to record']])
    out.push([at(date, '17:00'), '/api/workforce/support-measures', { measureId: `support-${date}`, date, title, description }]);
  return out;
}
