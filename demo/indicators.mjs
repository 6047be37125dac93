// The founding case's indicators: June 2019 baselines and the published points each weekly series
// passes through (see README "The founding case as a demo"). Anything not published says "Assumed".

/** [day, value, source]: a source means a published figure; null means the value is assumed. */
export const INDICATORS = [
  {
    id: 'da-risk-assessment', name: 'Domestic abuse incidents awaiting risk assessment', unit: 'count', direction: 'lower-is-better',
    description: 'Domestic abuse incidents with no DASH risk assessment recorded',
    baseline: { value: 0, source: 'Published: normal level about 0 before go-live (Computer Weekly; The Independent)' }, tolerance: 25, owner: 'Head of Public Protection', questions: [1, 2],
    anchors: [['2019-07-05', 0, null], ['2019-08-16', 250, null], ['2019-10-04', 560, null], ['2019-10-25', 720, null],
      ['2019-11-08', 686, 'Published: 686 not risk-assessed at the inspection, some over 100 days old (Computer Weekly; The Independent)'],
      ['2020-01-31', 240, null], ['2020-03-27', 60, null], ['2020-06-26', 20, null]],
  },
  {
    id: 'legacy-crimes-unmigrated', name: 'Legacy crimes not migrated to PoliceWorks', unit: 'count', direction: 'lower-is-better',
    description: 'Crimes recorded on the legacy systems and not found on PoliceWorks',
    baseline: { value: 0, source: 'Published: none expected after migration (Computer Weekly)' }, tolerance: 0, owner: 'Force Crime Registrar', questions: [1, 6],
    anchors: [['2019-10-18', 0, null], ['2019-10-25', 604, 'Published: 604 further legacy crimes found not migrated in the week before fieldwork (HMICFRS; Computer Weekly)'],
      ['2019-11-08', 410, null], ['2019-12-13', 0, null], ['2020-06-26', 0, null]],
  },
  {
    id: 'marac-referrals', name: 'Referrals to MARAC per week', unit: 'rate', direction: 'higher-is-better',
    description: 'High-risk domestic abuse cases referred to the multi-agency risk assessment conference each week',
    baseline: { value: 60, source: 'Assumed: weekly average before go-live (no count published)' }, tolerance: 6, owner: 'Head of Public Protection', questions: [2, 4],
    anchors: [['2019-07-05', 60, null], ['2019-08-30', 30, 'Published: referrals fell 50 % after go-live (Computer Weekly); count assumed from the assumed baseline'],
      ['2019-10-25', 32, null], ['2020-01-31', 48, null], ['2020-03-27', 55, null], ['2020-06-26', 58, null]],
  },
  {
    id: 'victims-services-referrals', name: "Referrals to Greater Manchester Victims' Services per week", unit: 'rate', direction: 'higher-is-better',
    description: 'Victims referred to the commissioned victim support service each week',
    baseline: { value: 400, source: 'Assumed: weekly average before go-live (no count published)' }, tolerance: 40, owner: 'Head of Victim Services', questions: [4],
    anchors: [['2019-07-05', 400, null], ['2019-09-27', 52, 'Published: referrals fell 87 % (Computer Weekly); count assumed from the assumed baseline'],
      ['2019-11-08', 60, null], ['2020-01-31', 200, null], ['2020-03-27', 300, null], ['2020-06-26', 360, null]],
  },
  {
    id: 'childrens-social-care-referrals', name: 'Incidents with risk to children referred to social care (one district)', unit: 'percent', direction: 'higher-is-better',
    description: 'Share of qualifying incidents with a risk to children that were referred to children\'s social care',
    baseline: { value: 100, source: 'Published: all qualifying incidents are to be referred (policingnews; MEN, Mar 2020)' }, tolerance: 5, owner: 'Head of Public Protection', questions: [2, 4],
    anchors: [['2019-07-05', 100, null], ['2019-10-25', 28, 'Published: 28 % referred in one district before the inspection (policingnews; MEN, Mar 2020)'],
      ['2020-01-31', 70, null], ['2020-06-26', 92, null]],
  },
  {
    id: 'investigations-awaiting-action', name: 'Crime investigations awaiting action', unit: 'count', direction: 'lower-is-better',
    description: 'Investigations with an outstanding action and no officer working on it',
    baseline: { value: 10000, source: 'Assumed: level before go-live (only the relative rise was published)' }, tolerance: 500, owner: 'Head of Crime', questions: [1, 3],
    anchors: [['2019-07-05', 10000, null], ['2019-10-04', 16800, 'Published: up 68 % in the first three months (iNews); count assumed from the assumed baseline'],
      ['2019-11-08', 16200, null], ['2020-03-27', 12500, null], ['2020-06-26', 10900, null]],
  },
  {
    id: 'court-file-throughput', name: 'Court file throughput of the criminal justice unit', unit: 'percent', direction: 'higher-is-better',
    description: 'Prosecution files completed as a share of normal throughput',
    baseline: { value: 100, source: 'Published: normal throughput (Manchester Evening News)' }, tolerance: 10, owner: 'Head of Criminal Justice', questions: [3, 4],
    anchors: [['2019-07-05', 100, null], ['2019-08-16', 10, 'Published: about 10 % of normal throughput on 15 August 2019 (Manchester Evening News)'],
      ['2019-10-25', 55, null], ['2020-01-31', 85, null], ['2020-03-27', 95, null], ['2020-06-26', 98, null]],
  },
  {
    id: 'answer-time-999', name: '999 average answer time', unit: 'seconds', direction: 'lower-is-better',
    description: 'Average time to answer a 999 call (national target 10 seconds)',
    baseline: { value: 12, source: 'Published: 12 seconds before go-live (Rochdale Online; ITV)' }, tolerance: 3, owner: 'Head of Contact', questions: [1, 6],
    anchors: [['2019-07-05', 12, null], ['2019-07-19', 48, 'Published: 48 seconds after go-live (Rochdale Online; ITV)'],
      ['2019-11-08', 22, 'Published: 22 seconds at the inspection (Rochdale Online; ITV)'], ['2020-03-27', 14, null], ['2020-06-26', 13, null]],
  },
  {
    id: 'da-lookback-outstanding', name: 'Domestic abuse look-back: incidents outstanding', unit: 'count', direction: 'lower-is-better',
    description: 'Incidents since go-live flagged for review in the domestic abuse look-back and not yet reviewed',
    baseline: { value: 0, source: 'Published: no look-back before go-live (Rochdale Online)' }, tolerance: 100, owner: 'Head of Public Protection', questions: [2, 3],
    registeredOn: '2019-11-18',
    anchors: [['2019-11-29', 12300, 'Assumed: over a third of the 35,107 incidents from go-live to October 2019 flagged for review (Rochdale Online; Messenger)'],
      ['2020-06-26', 10200, null]],
    extra: [['2020-06-30', 10000, 'Published: about 10,000 incidents outstanding at the police and crime panel (Rochdale Online, 1 Jul 2020)', '2020-07-01T09:00:00Z']],
  },
  {
    id: 'crime-recording-rate', name: 'Crime recording rate', unit: 'percent', direction: 'higher-is-better',
    description: 'Share of reported crimes that were recorded',
    baseline: { value: 89.1, source: 'Published: 89.1 % in 2018 (HMICFRS follow-up, Dec 2020)' }, tolerance: 2, owner: 'Force Crime Registrar', questions: [1],
    anchors: [],
    extra: [['2020-06-30', 77.7, 'Published: 77.7 % from July 2019 to June 2020, an estimated 80,100 crimes unrecorded (HMICFRS follow-up, 10 Dec 2020)', '2020-12-10T12:00:00Z']],
  },
];
