import type { ReadDb, ProjectedEvent } from '../../runner/projection.js';
import type { TimeTravel } from '../../time-travel/time-travel.js';
import { referenceIndicatorPositions } from '../indicators/index.js';
import { partners, referencePartners } from '../partners/index.js';
import { recoveryActions, referenceRecoveryActions } from '../plans/index.js';
import { referenceWorkforce, workforce } from '../workforce/index.js';
import { scorecardIndicators } from './scorecard-indicators.query.js';
import { DEFAULT_SCORECARD_RULES, scorecardIndicatorOf, scoreQuestions, type QuestionScore, type ScorecardRules } from './scorecard.rules.js';

/** The six inspection questions at (asOf, knownAt), from the other read models. */
export async function scorecard(db: ReadDb, tt: TimeTravel, rules: ScorecardRules = DEFAULT_SCORECARD_RULES): Promise<QuestionScore[]> {
  const known = [tt.knownAt, String(tt.position)];
  const [indicators, actions, trajectories, thresholds, partnerList, staff] = await Promise.all([
    scorecardIndicators(db, tt, rules),
    recoveryActions(db, tt),
    db.query<{ indicator_id: string }>(`SELECT DISTINCT indicator_id FROM ${db.schema}.rm_plan_trajectory_sets WHERE known_at <= $1 AND position <= $2`, known),
    // The thresholds in force as known: each one's latest set/retired record by known time, then position.
    db.query<{ indicator_id: string }>(
      `SELECT DISTINCT indicator_id FROM (
         SELECT DISTINCT ON (indicator_id, threshold_id) indicator_id, event FROM ${db.schema}.rm_indicator_thresholds
          WHERE known_at <= $1 AND position <= $2 ORDER BY indicator_id, threshold_id, known_at DESC, position DESC) t
        WHERE event = 'set'`,
      known,
    ),
    partners(db, tt),
    workforce(db, tt),
  ]);
  return scoreQuestions(
    {
      asOf: tt.asOf,
      indicators,
      actions,
      withTrajectory: new Set(trajectories.map((r) => r.indicator_id)),
      withThreshold: new Set(thresholds.map((r) => r.indicator_id)),
      partners: partnerList,
      workforce: staff,
    },
    rules,
  );
}

/** The same from a from-scratch fold of the qualifying raw events: the property test's reference. */
export function referenceScorecard(events: readonly ProjectedEvent[], tt: TimeTravel, rules: ScorecardRules = DEFAULT_SCORECARD_RULES): QuestionScore[] {
  const definitions = events.filter((e) => e.knownAt <= tt.knownAt && e.position <= tt.position);
  const thresholds = new Map<string, { indicatorId: string; set: boolean; knownAt: Date; position: bigint }>();
  for (const e of definitions.filter((d) => d.type === 'ThresholdSet' || d.type === 'ThresholdRetired')) {
    const key = `${e.data.indicatorId}\u0000${e.data.thresholdId}`;
    const seen = thresholds.get(key);
    if (!seen || seen.knownAt < e.knownAt || (seen.knownAt.getTime() === e.knownAt.getTime() && seen.position < e.position))
      thresholds.set(key, { indicatorId: String(e.data.indicatorId), set: e.type === 'ThresholdSet', knownAt: e.knownAt, position: e.position });
  }
  return scoreQuestions(
    {
      asOf: tt.asOf,
      indicators: referenceIndicatorPositions(events, tt).map((p) => scorecardIndicatorOf(p, tt.asOf, rules)),
      actions: referenceRecoveryActions(events, tt),
      withTrajectory: new Set(definitions.filter((e) => e.type === 'TrajectorySet').map((e) => String(e.data.indicatorId))),
      withThreshold: new Set([...thresholds.values()].filter((t) => t.set).map((t) => t.indicatorId)),
      partners: referencePartners(events, tt),
      workforce: referenceWorkforce(events, tt),
    },
    rules,
  );
}
