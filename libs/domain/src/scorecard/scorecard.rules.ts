/**
 * The thresholds of the scorecard's six questions (README: "Scorecard rules"): the defaults, which
 * SCORECARD_RULES overrides (libs/config), and the read side scores with (libs/projections).
 */
export interface ScorecardRules {
  q1: { freshDays: number; green: number; amber: number };
  q2: { assessedWithinDays: number; green: number; amber: number };
  q3: { greenOnTrack: number; amberOnTrack: number; greenOverdue: number; amberOverdue: number };
  q4: { green: number; amber: number };
  q5: { surveyWithinDays: number; greenConfident: number; amberConfident: number };
  q6: { green: number; amber: number; staleWarningDays: number };
}

export const DEFAULT_SCORECARD_RULES: ScorecardRules = {
  q1: { freshDays: 7, green: 0.9, amber: 0.6 },
  q2: { assessedWithinDays: 31, green: 0.8, amber: 0.5 },
  q3: { greenOnTrack: 0.8, amberOnTrack: 0.5, greenOverdue: 0.1, amberOverdue: 0.25 },
  q4: { green: 0.8, amber: 0.5 },
  q5: { surveyWithinDays: 92, greenConfident: 60, amberConfident: 40 },
  q6: { green: 0.8, amber: 0.5, staleWarningDays: 14 },
};
