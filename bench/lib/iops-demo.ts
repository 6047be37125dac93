/**
 * The founding-case demo: GMP's iOPS go-live (8 July 2019) and its recovery, written through the
 * HTTP API like any client. Figures between the published ones are interpolated, weekly.
 */
type Post = (path: string, body: unknown) => Promise<{ figureId?: string }>;

const GO_LIVE = Date.UTC(2019, 6, 8);
const DAY = 86_400_000;
const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** Piecewise-linear through published points [date, value]. */
function path(points: [string, number][]): (date: string) => number {
  const xs = points.map(([d, v]) => [Date.parse(d), v] as const);
  return (date) => {
    const t = Date.parse(date);
    for (let i = 1; i < xs.length; i++)
      if (t <= xs[i][0]) return Math.round(xs[i - 1][1] + ((xs[i][1] - xs[i - 1][1]) * (t - xs[i - 1][0])) / (xs[i][0] - xs[i - 1][0]));
    return xs[xs.length - 1][1];
  };
}

export const DEMO_INDICATORS = [
  {
    body: {
      id: 'da-risk-assessment', name: 'Domestic abuse incidents awaiting risk assessment', description: 'Incidents with no DASH risk assessment recorded',
      unit: 'count', direction: 'lower-is-better', baseline: { value: 0, from: '2019-06-01', to: '2019-06-30', source: 'GMP pre-go-live returns' },
      tolerance: 10, owner: 'Head of Public Protection', questions: [1, 2],
    },
    curve: path([['2019-07-08', 0], ['2019-08-26', 310], ['2019-11-01', 686], ['2020-01-06', 420], ['2020-03-02', 140]]),
  },
  {
    body: {
      id: 'legacy-crimes-not-migrated', name: 'Legacy crimes not migrated', description: 'Crimes on the legacy systems that never reached iOPS',
      unit: 'count', direction: 'lower-is-better', baseline: { value: 0, from: '2019-06-01', to: '2019-06-30', source: 'Migration plan: every legacy crime migrated' },
      tolerance: 0, owner: 'Force Crime Registrar', questions: [1, 3],
    },
    curve: path([['2019-07-08', 0], ['2019-10-07', 604], ['2019-12-02', 1357], ['2020-03-02', 212]]),
  },
  {
    body: {
      id: '999-answer-time', name: '999 average answer time', description: 'Average seconds to answer a 999 call',
      unit: 'seconds', direction: 'lower-is-better', baseline: { value: 12, from: '2019-06-01', to: '2019-06-30', source: 'June 2019 call-handling returns' },
      tolerance: 2, owner: 'Head of Force Contact', questions: [1],
    },
    curve: path([['2019-07-08', 12], ['2019-08-05', 48], ['2019-11-04', 22], ['2020-03-02', 13]]),
  },
  {
    body: {
      id: 'victim-referrals', name: 'Referrals to victims’ services per week', description: 'Victims referred to the commissioned victims’ service each week',
      unit: 'rate', direction: 'higher-is-better', baseline: { value: 950, from: '2019-06-01', to: '2019-06-30', source: 'Victim Support referral returns' },
      tolerance: 50, owner: 'Head of Victim Services', questions: [4],
    },
    curve: path([['2019-07-08', 950], ['2019-08-19', 420], ['2019-11-04', 610], ['2020-03-02', 760]]),
  },
];

export const DEMO_PLAN = 'iops-2019';

/** Writes the demo; `until` (default 2 March 2020, the eve of publication) bounds the weekly figures. */
export async function seedIopsDemo(post: Post, until = '2020-03-02'): Promise<void> {
  for (const { body, curve } of DEMO_INDICATORS) {
    await post('/api/indicators', body);
    for (let t = GO_LIVE; day(t) <= until; t += 7 * DAY)
      await post(`/api/indicators/${body.id}/figures`, { figureId: `${body.id}-${day(t)}`, value: curve(day(t)), effectiveAt: day(t), source: 'weekly return' });
  }
  await post('/api/indicators/da-risk-assessment/figures/da-risk-assessment-2019-10-28/corrections', {
    value: 671, reason: 'Fifteen incidents were duplicates of incidents already graded',
  });
  await post('/api/indicators/da-risk-assessment/risk-assessments', {
    assessedAt: '2019-11-04', high: 41, medium: 198, standard: 447, rationale: 'DASH grades of the 686 ungraded incidents, from a full read of each log',
  });
  await post('/api/indicators/da-risk-assessment/thresholds', { thresholdId: 'da-level-100', kind: 'level', limit: 100 });
  await post('/api/plans', { id: DEMO_PLAN, title: 'iOPS crime data integrity recovery plan', objective: 'Return every backlog to its pre-go-live baseline', targetDate: '2020-06-30' });
  await post(`/api/plans/${DEMO_PLAN}/actions`, {
    actionId: 'A1', title: 'Grade every domestic abuse incident awaiting a DASH risk assessment', owner: 'Head of Public Protection', dueDate: '2020-01-31',
    indicators: ['da-risk-assessment'], questions: [2, 3], successMeasure: 'No incident waits more than 24 hours for a DASH grade',
  });
  await post(`/api/plans/${DEMO_PLAN}/actions/A1/start`, { startedOn: '2019-11-18' });
  await post(`/api/plans/${DEMO_PLAN}/actions`, {
    actionId: 'A2', title: 'Migrate the legacy crimes left behind', owner: 'Force Crime Registrar', dueDate: '2019-12-20',
    indicators: ['legacy-crimes-not-migrated'], questions: [3], successMeasure: 'Every legacy crime recorded in iOPS',
  });
  await post(`/api/plans/${DEMO_PLAN}/actions/A2/reschedule`, { dueDate: '2020-03-31', reason: 'A second tranche of 1,357 crimes was found in December' });
  await post(`/api/plans/${DEMO_PLAN}/trajectories`, {
    indicatorId: 'da-risk-assessment', points: [{ date: '2019-11-30', value: 500 }, { date: '2019-12-31', value: 300 }, { date: '2020-01-31', value: 100 }, { date: '2020-02-29', value: 0 }],
  });
  await post('/api/partners', { id: 'cps-north-west', name: 'Crown Prosecution Service, North West', kind: 'cps' });
  await post('/api/partners/cps-north-west/engagements', {
    date: '2019-12-05', channel: 'monthly liaison meeting', topics: ['court file backlog'], indicators: ['da-risk-assessment'], summary: 'Shared the court file backlog and the plan',
  });
  await post('/api/workforce/surveys', { date: '2019-12-01', respondents: 412, confidentPercent: 38.5 });
  await post('/api/workforce/training', { date: '2019-11-20', topic: 'Crime recording standards in iOPS', attendees: 60 });
}

/** A `post` over HTTP with a bearer token; throws on any non-2xx answer. */
export function httpPost(baseUrl: string, token: string): Post {
  return async (path, body) => {
    const res = await fetch(baseUrl + path, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
    const text = await res.text();
    if (!res.ok) throw new Error(`${path}: ${res.status} ${text}`);
    return JSON.parse(text) as { figureId?: string };
  };
}
