import { DEFAULT_SCORECARD_RULES, type IndicatorUnit, type ScorecardRules } from '@rm/domain';
import type { ProjectionStatus } from '@rm/forecasting';
import type { IndicatorPosition } from '../indicators/index.js';
import type { PartnerView } from '../partners/index.js';
import type { RecoveryActionView } from '../plans/index.js';
import type { WorkforceView } from '../workforce/index.js';

export { DEFAULT_SCORECARD_RULES, type ScorecardRules };

export type Rag = 'red' | 'amber' | 'green';

/** What the scorecard reads of an indicator's position at asOf. */
export interface ScorecardIndicator {
  id: string;
  unit: IndicatorUnit;
  questions: number[];
  effectiveAt: Date | null;
  withinTolerance: boolean | null;
  risk: { assessedAt: Date; high: number } | null;
  /** Warnings open at asOf. */
  openWarnings: number;
  /** Of those, the ones raised more than q6.staleWarningDays before asOf. */
  staleWarnings: number;
}

export interface ScorecardInputs {
  asOf: Date;
  indicators: ScorecardIndicator[];
  actions: RecoveryActionView[];
  /** Each indicator's trend projection status at asOf (OLS over the default 42-day window). */
  projections: ReadonlyMap<string, ProjectionStatus>;
  /** Indicators with a trajectory known. */
  withTrajectory: ReadonlySet<string>;
  /** Indicators with at least one threshold in force. */
  withThreshold: ReadonlySet<string>;
  partners: PartnerView[];
  workforce: WorkforceView;
}

export interface QuestionScore {
  question: 1 | 2 | 3 | 4 | 5 | 6;
  title: string;
  status: Rag;
  rule: string;
  evidence: Record<string, unknown>;
}

const DAY = 86_400_000;
const share = (part: number, whole: number) => (whole === 0 ? 0 : Math.round((part / whole) * 1000) / 1000);
const grade = (value: number, green: number, amber: number): Rag => (value >= green ? 'green' : value >= amber ? 'amber' : 'red');
const within = (date: Date | string | null | undefined, asOf: Date, days: number) =>
  date != null && asOf.getTime() - new Date(date).getTime() <= days * DAY;

/** Whether a warning raised at `raisedAt` and open at asOf counts as stale under the rules. */
export const staleWarning = (raisedAt: Date, asOf: Date, r: ScorecardRules = DEFAULT_SCORECARD_RULES): boolean => !within(raisedAt, asOf, r.q6.staleWarningDays);

/** The scorecard's view of a full indicator position. */
export function scorecardIndicatorOf(p: IndicatorPosition, asOf: Date, r: ScorecardRules = DEFAULT_SCORECARD_RULES): ScorecardIndicator {
  return {
    id: p.id,
    unit: p.unit,
    questions: p.questions,
    effectiveAt: p.effectiveAt,
    withinTolerance: p.withinTolerance,
    risk: p.risk && { assessedAt: p.risk.assessedAt, high: p.risk.high },
    openWarnings: p.openWarnings.length,
    staleWarnings: p.openWarnings.filter((w) => staleWarning(w.raisedAt, asOf, r)).length,
  };
}

/** Each of the six inspection questions, red/amber/green from its evidence by the rules. Pure. */
export function scoreQuestions(x: ScorecardInputs, r: ScorecardRules = DEFAULT_SCORECARD_RULES): QuestionScore[] {
  const n = x.indicators.length;
  const fresh = x.indicators.filter((i) => within(i.effectiveAt, x.asOf, r.q1.freshDays));
  const riskScope = x.indicators.filter((i) => i.questions.includes(2));
  const riskIndicators = riskScope.length > 0 ? riskScope : x.indicators.filter((i) => i.unit === 'count');
  const assessed = riskIndicators.filter((i) => within(i.risk?.assessedAt, x.asOf, r.q2.assessedWithinDays));
  const live = x.actions.filter((a) => a.status !== 'cancelled');
  const overdue = live.filter((a) => a.overdue);
  const planned = x.indicators.filter((i) => x.withTrajectory.has(i.id) || live.some((a) => a.indicators.includes(i.id)));
  const engaged = x.partners.filter((p) => p.engagementsLast30Days > 0);
  const survey = x.workforce.latestConfidence;
  const recentSurvey = survey && within(survey.date, x.asOf, r.q5.surveyWithinDays) ? survey : null;
  const guarded = x.indicators.filter((i) => x.withThreshold.has(i.id));
  const openWarnings = x.indicators.reduce((t, i) => t + i.openWarnings, 0);
  const stale = x.indicators.reduce((t, i) => t + i.staleWarnings, 0);

  const q3Coverage = share(planned.length, n);
  const q3Overdue = share(overdue.length, live.length);
  const statusOf = (i: ScorecardIndicator) => x.projections.get(i.id) ?? 'insufficient-data';
  const onTrack = x.indicators.filter((i) => statusOf(i) === 'on-track');
  const returned = x.indicators.filter((i) => statusOf(i) === 'returned');
  const q3Share = share(onTrack.length + returned.length, n);
  const q3: Rag =
    n === 0 ? 'red'
    : q3Share >= r.q3.greenOnTrack && q3Overdue <= r.q3.greenOverdue ? 'green'
    : q3Share >= r.q3.amberOnTrack && q3Overdue <= r.q3.amberOverdue ? 'amber'
    : 'red';
  const byStatus: Record<string, number> = {};
  for (const i of x.indicators) byStatus[statusOf(i)] = (byStatus[statusOf(i)] ?? 0) + 1;
  const q5: Rag = !recentSurvey ? (x.workforce.training.sessions > 0 ? 'amber' : 'red')
    : recentSurvey.confidentPercent >= r.q5.greenConfident ? 'green'
    : recentSurvey.confidentPercent >= r.q5.amberConfident || x.workforce.training.sessions > 0 ? 'amber'
    : 'red';
  const q6Share = share(guarded.length, n);
  const q6: Rag = n === 0 ? 'red' : stale > 0 ? (q6Share >= r.q6.amber ? 'amber' : 'red') : grade(q6Share, r.q6.green, r.q6.amber);

  return [
    { question: 1, title: 'Is the force sighted on the volume and type of its backlogs?', status: n === 0 ? 'red' : grade(share(fresh.length, n), r.q1.green, r.q1.amber),
      rule: `share of indicators with a figure in the last ${r.q1.freshDays} days: green ≥ ${r.q1.green}, amber ≥ ${r.q1.amber}`,
      evidence: { indicators: n, fresh: fresh.length, share: share(fresh.length, n), stale: x.indicators.filter((i) => !fresh.includes(i)).map((i) => i.id) } },
    { question: 2, title: 'Does it understand the threat and risk in them, and prioritise accordingly?', status: riskIndicators.length === 0 ? 'red' : grade(share(assessed.length, riskIndicators.length), r.q2.green, r.q2.amber),
      rule: `share of risk-bearing indicators (serving question 2, else counts) assessed in the last ${r.q2.assessedWithinDays} days: green ≥ ${r.q2.green}, amber ≥ ${r.q2.amber}`,
      evidence: { indicators: riskIndicators.length, assessed: assessed.length, share: share(assessed.length, riskIndicators.length), highRisk: riskIndicators.reduce((t, i) => t + (i.risk?.high ?? 0), 0) } },
    { question: 3, title: 'Does it have a plan to reduce them and return to the pre-go-live baseline?', status: q3,
      rule: `share of indicators whose trend projection (OLS, 42 days) is on-track or returned, and share of live actions overdue: green share ≥ ${r.q3.greenOnTrack} and overdue ≤ ${r.q3.greenOverdue}; amber share ≥ ${r.q3.amberOnTrack} and overdue ≤ ${r.q3.amberOverdue}; red otherwise or with no indicators`,
      evidence: {
        indicators: n, onTrack: onTrack.length, returned: returned.length, share: q3Share, byStatus,
        notOnTrack: x.indicators.filter((i) => statusOf(i) !== 'on-track' && statusOf(i) !== 'returned').map((i) => i.id),
        covered: planned.length, coverage: q3Coverage, liveActions: live.length, overdue: overdue.length, overdueShare: q3Overdue,
        withinTolerance: x.indicators.filter((i) => i.withinTolerance).length,
      } },
    { question: 4, title: 'Is it engaging with partners and keeping them informed?', status: x.partners.length === 0 ? 'red' : grade(share(engaged.length, x.partners.length), r.q4.green, r.q4.amber),
      rule: `share of partners engaged in the last 30 days: green ≥ ${r.q4.green}, amber ≥ ${r.q4.amber}; red with no partners`,
      evidence: { partners: x.partners.length, engagedLast30Days: engaged.length, share: share(engaged.length, x.partners.length), notEngaged: x.partners.filter((p) => p.notEngagedFor30Days).map((p) => p.id) } },
    { question: 5, title: 'Is it supporting officers and staff and building their confidence?', status: q5,
      rule: `latest confidence survey within ${r.q5.surveyWithinDays} days: green ≥ ${r.q5.greenConfident}% confident; amber ≥ ${r.q5.amberConfident}% or any training recorded; red otherwise`,
      evidence: { latestSurvey: survey ?? null, trainingSessions: x.workforce.training.sessions, trainingAttendees: x.workforce.training.attendees, supportMeasures: x.workforce.supportMeasures.length } },
    { question: 6, title: 'Does it have an effective plan to prevent further backlogs?', status: q6,
      rule: `share of indicators with a threshold in force: green ≥ ${r.q6.green} with no warning open over ${r.q6.staleWarningDays} days; amber ≥ ${r.q6.amber}`,
      evidence: { indicators: n, withThreshold: guarded.length, share: q6Share, openWarnings, openOver: stale } },
  ];
}
