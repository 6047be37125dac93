import type { ProjectionStatus } from '@rm/forecasting';
import type { RecoveryActionView } from '../plans/index.js';
import { DEFAULT_SCORECARD_RULES, scoreQuestions, type ScorecardIndicator, type ScorecardInputs } from './scorecard.rules.js';

const asOf = new Date('2019-11-15T23:59:59.999Z');
const indicator = (id: string): ScorecardIndicator => ({ id, unit: 'count', questions: [3], effectiveAt: asOf, withinTolerance: false, risk: null, openWarnings: 0, staleWarnings: 0 });
const action = (actionId: string, overdue: boolean) => ({ planId: 'p', actionId, status: 'started', overdue, indicators: [] as string[] }) as unknown as RecoveryActionView;

function q3(statuses: ProjectionStatus[], actions: RecoveryActionView[] = []) {
  const indicators = statuses.map((_, i) => indicator(`i${i}`));
  const inputs: ScorecardInputs = {
    asOf, indicators, actions, projections: new Map(statuses.map((s, i) => [`i${i}`, s])), withTrajectory: new Set(), withThreshold: new Set(), partners: [],
    workforce: { latestConfidence: null, training: { sessions: 0, attendees: 0 }, supportMeasures: [] } as unknown as ScorecardInputs['workforce'],
  };
  return scoreQuestions(inputs, DEFAULT_SCORECARD_RULES)[2];
}

describe('scorecard question 3: the share of indicators on-track or returned', () => {
  it('is green from 0.8 with at most 0.1 of live actions overdue', () => {
    const card = q3(['on-track', 'on-track', 'returned', 'returned', 'at-risk']);
    expect(card).toMatchObject({ status: 'green', evidence: { indicators: 5, onTrack: 2, returned: 2, share: 0.8, byStatus: { 'on-track': 2, returned: 2, 'at-risk': 1 }, notOnTrack: ['i4'] } });
    expect(card.rule).toMatch(/on-track or returned/);
  });

  it('is amber from 0.5, or when overdue actions hold a green share back', () => {
    expect(q3(['on-track', 'off-track']).status).toBe('amber');
    const overdue = [action('a', true), action('b', false), action('c', false), action('d', false), action('e', false)];
    expect(q3(['on-track', 'returned', 'returned', 'returned', 'returned'], overdue)).toMatchObject({ status: 'amber', evidence: { overdueShare: 0.2 } });
  });

  it('is red below 0.5, with too many overdue, or with no indicators; at-risk, off-track and no-target do not count', () => {
    expect(q3(['on-track', 'at-risk', 'off-track', 'no-target', 'not-returning', 'insufficient-data']).status).toBe('red');
    expect(q3(['on-track', 'returned'], [action('a', true), action('b', false)]).status).toBe('red');
    expect(q3([]).status).toBe('red');
  });
});
