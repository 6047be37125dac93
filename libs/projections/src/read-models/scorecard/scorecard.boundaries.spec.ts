import type { ProjectionStatus } from '@rm/forecasting';
import type { PartnerView } from '../partners/index.js';
import type { RecoveryActionView } from '../plans/index.js';
import type { ConfidencePoint } from '../workforce/workforce.fold.js';
import { DEFAULT_SCORECARD_RULES, scoreQuestions, staleWarning, type Rag, type ScorecardIndicator, type ScorecardInputs } from './scorecard.rules.js';

// Every status boundary of the default rules, with the expected statuses written out: a share
// just below, at and just above each threshold (1,000 subjects, so one subject is 0.001), and
// a date just outside, at and just inside each window.
const DAY = 86_400_000;
const asOf = new Date('2019-11-15T00:00:00.000Z');
const ago = (ms: number) => new Date(asOf.getTime() - ms);
const base = (i: number): ScorecardIndicator => ({ id: `i${i}`, unit: 'count', questions: [1], effectiveAt: asOf, withinTolerance: null, risk: null, openWarnings: 0, staleWarnings: 0 });
const many = <T>(n: number, make: (i: number) => T): T[] => Array.from({ length: n }, (_, i) => make(i));
const ids = (n: number) => new Set(many(n, (i) => `i${i}`));

function score(x: Partial<ScorecardInputs>, question: 1 | 2 | 3 | 4 | 5 | 6): Rag {
  const inputs: ScorecardInputs = {
    asOf, indicators: many(1000, base), actions: [], projections: new Map(), withTrajectory: new Set(), withThreshold: new Set(), partners: [],
    workforce: { confidence: [], latestConfidence: null, training: { sessions: 0, attendees: 0, byTopic: [] }, supportMeasures: [] },
    ...x,
  };
  return scoreQuestions(inputs, DEFAULT_SCORECARD_RULES)[question - 1].status;
}

describe('scorecard rules at every status boundary (default thresholds)', () => {
  describe('question 1: share of indicators with a figure in the last 7 days (green ≥ 0.9, amber ≥ 0.6)', () => {
    const q1 = (fresh: number) => score({ indicators: many(1000, (i) => ({ ...base(i), effectiveAt: i < fresh ? asOf : ago(30 * DAY) })) }, 1);
    it.each([
      [599, 'red'], [600, 'amber'], [601, 'amber'],
      [899, 'amber'], [900, 'green'], [901, 'green'],
    ])('%i of 1,000 fresh is %s', (fresh, status) => expect(q1(fresh)).toBe(status));

    const q1At = (effectiveAt: Date) => score({ indicators: [{ ...base(0), effectiveAt }] }, 1);
    it('counts a figure exactly 7 days old as fresh, 1 ms older as not', () => {
      expect(q1At(ago(7 * DAY - 1))).toBe('green');
      expect(q1At(ago(7 * DAY))).toBe('green');
      expect(q1At(ago(7 * DAY + 1))).toBe('red');
    });

    it('is red with no indicators', () => expect(score({ indicators: [] }, 1)).toBe('red'));
  });

  describe('question 2: share of risk-bearing indicators assessed in the last 31 days (green ≥ 0.8, amber ≥ 0.5)', () => {
    const assessed = (i: number, yes: boolean): ScorecardIndicator => ({ ...base(i), questions: [2], risk: yes ? { assessedAt: asOf, high: 0 } : null });
    const q2 = (n: number) => score({ indicators: many(1000, (i) => assessed(i, i < n)) }, 2);
    it.each([
      [499, 'red'], [500, 'amber'], [501, 'amber'],
      [799, 'amber'], [800, 'green'], [801, 'green'],
    ])('%i of 1,000 assessed is %s', (n, status) => expect(q2(n)).toBe(status));

    const q2At = (assessedAt: Date) => score({ indicators: [{ ...base(0), questions: [2], risk: { assessedAt, high: 1 } }] }, 2);
    it('counts an assessment exactly 31 days old, not 1 ms older', () => {
      expect(q2At(ago(31 * DAY - 1))).toBe('green');
      expect(q2At(ago(31 * DAY))).toBe('green');
      expect(q2At(ago(31 * DAY + 1))).toBe('red');
    });
  });

  describe('question 3: share on-track or returned (green ≥ 0.8, amber ≥ 0.5) and share of live actions overdue (green ≤ 0.1, amber ≤ 0.25)', () => {
    const statuses = (onTrack: number) => new Map<string, ProjectionStatus>(many(1000, (i) => [`i${i}`, i < onTrack ? 'on-track' : 'off-track']));
    const actions = (overdue: number) => many(1000, (i) => ({ planId: 'p', actionId: `a${i}`, status: 'started', overdue: i < overdue, indicators: [] }) as unknown as RecoveryActionView);
    const q3 = (onTrack: number, overdue = 0) => score({ projections: statuses(onTrack), actions: actions(overdue) }, 3);

    it.each([
      [499, 'red'], [500, 'amber'], [501, 'amber'],
      [799, 'amber'], [800, 'green'], [801, 'green'],
    ])('%i of 1,000 on track with none overdue is %s', (n, status) => expect(q3(n)).toBe(status));

    it.each([
      [99, 'green'], [100, 'green'], [101, 'amber'],
      [249, 'amber'], [250, 'amber'], [251, 'red'],
    ])('all on track with %i of 1,000 live actions overdue is %s', (overdue, status) => expect(q3(1000, overdue)).toBe(status));

    it('counts returned as on track; cancelled actions are not live', () => {
      const returned = new Map<string, ProjectionStatus>(many(1000, (i) => [`i${i}`, i < 800 ? 'returned' : 'at-risk']));
      expect(score({ projections: returned }, 3)).toBe('green');
      const cancelled = many(2, (i) => ({ planId: 'p', actionId: `a${i}`, status: i === 0 ? 'cancelled' : 'started', overdue: i === 0, indicators: [] }) as unknown as RecoveryActionView);
      expect(score({ projections: statuses(1000), actions: cancelled }, 3)).toBe('green');
    });
  });

  describe('question 4: share of partners engaged in the last 30 days (green ≥ 0.8, amber ≥ 0.5)', () => {
    const partner = (i: number, engaged: boolean): PartnerView => ({
      id: `p${i}`, name: `P${i}`, kind: 'other', lastEngagement: null,
      engagementsLast30Days: engaged ? 1 : 0, engagementsLast90Days: engaged ? 1 : 0, notEngagedFor30Days: !engaged,
    });
    const q4 = (n: number) => score({ partners: many(1000, (i) => partner(i, i < n)) }, 4);
    it.each([
      [499, 'red'], [500, 'amber'], [501, 'amber'],
      [799, 'amber'], [800, 'green'], [801, 'green'],
    ])('%i of 1,000 engaged is %s', (n, status) => expect(q4(n)).toBe(status));

    it('is red with no partners', () => expect(score({ partners: [] }, 4)).toBe('red'));
  });

  describe('question 5: latest survey within 92 days (green ≥ 60% confident; amber ≥ 40% or any training)', () => {
    const survey = (confidentPercent: number, date = '2019-11-01'): ConfidencePoint => ({ surveyId: 's', date, respondents: 100, confidentPercent });
    const q5 = (point: ConfidencePoint | null, sessions = 0) =>
      score({ workforce: { confidence: point ? [point] : [], latestConfidence: point, training: { sessions, attendees: sessions, byTopic: [] }, supportMeasures: [] } }, 5);

    it.each([
      [39.9, 'red'], [40, 'amber'], [40.1, 'amber'],
      [59.9, 'amber'], [60, 'green'], [60.1, 'green'],
    ])('%d%% confident with no training is %s', (percent, status) => expect(q5(survey(percent))).toBe(status));

    it('is amber below 40% when any training is recorded', () => expect(q5(survey(39.9), 1)).toBe('amber'));

    it('counts a survey exactly 92 days before asOf, not one a day older', () => {
      expect(q5(survey(60, '2019-08-16'))).toBe('green');
      expect(q5(survey(60, '2019-08-15'))).toBe('green');
      expect(q5(survey(60, '2019-08-14'))).toBe('red');
      expect(q5(survey(60, '2019-08-14'), 1)).toBe('amber');
    });

    it('is red with no survey and no training, amber with training only', () => {
      expect(q5(null)).toBe('red');
      expect(q5(null, 1)).toBe('amber');
    });
  });

  describe('question 6: share of indicators with a threshold in force (green ≥ 0.8 with no warning open over 14 days; amber ≥ 0.5)', () => {
    const q6 = (guarded: number, stale = 0) =>
      score({ withThreshold: ids(guarded), indicators: many(1000, (i) => ({ ...base(i), openWarnings: i < stale ? 1 : 0, staleWarnings: i < stale ? 1 : 0 })) }, 6);

    it.each([
      [499, 'red'], [500, 'amber'], [501, 'amber'],
      [799, 'amber'], [800, 'green'], [801, 'green'],
    ])('%i of 1,000 guarded with no stale warning is %s', (n, status) => expect(q6(n)).toBe(status));

    it.each([
      [499, 'red'], [500, 'amber'], [501, 'amber'],
      [1000, 'amber'],
    ])('%i of 1,000 guarded with a warning open over 14 days is %s', (n, status) => expect(q6(n, 1)).toBe(status));

    it('counts a warning raised exactly 14 days before asOf as not stale, 1 ms earlier as stale', () => {
      expect(staleWarning(ago(14 * DAY - 1), asOf)).toBe(false);
      expect(staleWarning(ago(14 * DAY), asOf)).toBe(false);
      expect(staleWarning(ago(14 * DAY + 1), asOf)).toBe(true);
    });

    it('is red with no indicators', () => expect(score({ indicators: [] }, 6)).toBe('red'));
  });
});
