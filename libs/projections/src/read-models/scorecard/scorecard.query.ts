import { DEFAULT_WINDOW_DAYS } from '@rm/forecasting';
import type { ReadDb, ProjectedEvent } from '../../runner/projection.js';
import type { TimeTravel } from '../../time-travel/time-travel.js';
import { referenceIndicatorPositions } from '../indicators/index.js';
import { partners, referencePartners } from '../partners/index.js';
import { recoveryActions, referenceRecoveryActions } from '../plans/index.js';
import { indicatorsWithTrajectory } from '../plans/plan-facts.query.js';
import { referenceWorkforce, workforce } from '../workforce/index.js';
import { referenceTrendProjections, trendStatuses } from '../trends/trend-projection.query.js';
import type { TrendOptions, TrendProjection } from '../trends/trend-projection.fold.js';
import { indicatorsWithThreshold } from './kept-scorecard-indicators.js';
import { scorecardIndicators } from './scorecard-indicators.query.js';
import { factOf } from '../indicators/indicator-facts.model.js';
import { DEFAULT_SCORECARD_RULES, scorecardIndicatorOf, scoreQuestions, type QuestionScore, type ScorecardRules } from './scorecard.rules.js';

/** Question 3 reads each indicator's projection by the default method and window. */
const SCORECARD_TREND: TrendOptions = { method: 'ols', windowDays: DEFAULT_WINDOW_DAYS };
const statuses = (list: readonly TrendProjection[]) => new Map(list.map((p) => [p.indicatorId, p.status]));

/** The six inspection questions at (asOf, knownAt), from the other read models. */
export async function scorecard(db: ReadDb, tt: TimeTravel, rules: ScorecardRules = DEFAULT_SCORECARD_RULES): Promise<QuestionScore[]> {
  const [{ indicators, withThreshold }, projections, actions, trajectories, partnerList, staff] = await Promise.all([
    scorecardIndicators(db, tt, rules),
    trendStatuses(db, tt, SCORECARD_TREND),
    recoveryActions(db, tt),
    indicatorsWithTrajectory(db, tt),
    partners(db, tt),
    workforce(db, tt),
  ]);
  return scoreQuestions(
    {
      asOf: tt.asOf,
      indicators,
      actions,
      projections,
      withTrajectory: trajectories,
      withThreshold,
      partners: partnerList,
      workforce: staff,
    },
    rules,
  );
}

/** The same from a from-scratch fold of the qualifying raw events: the property test's reference. */
export function referenceScorecard(events: readonly ProjectedEvent[], tt: TimeTravel, rules: ScorecardRules = DEFAULT_SCORECARD_RULES): QuestionScore[] {
  const definitions = events.filter((e) => e.knownAt <= tt.knownAt && e.position <= tt.position);
  const thresholds = definitions.flatMap((e) => {
    const fact = factOf(e);
    return fact?.table === 'thresholds' ? [fact.fact] : [];
  });
  return scoreQuestions(
    {
      asOf: tt.asOf,
      indicators: referenceIndicatorPositions(events, tt).map((p) => scorecardIndicatorOf(p, tt.asOf, rules)),
      actions: referenceRecoveryActions(events, tt),
      projections: statuses(referenceTrendProjections(events, tt, SCORECARD_TREND)),
      withTrajectory: new Set(definitions.filter((e) => e.type === 'TrajectorySet').map((e) => String(e.data.indicatorId))),
      withThreshold: indicatorsWithThreshold(thresholds),
      partners: referencePartners(events, tt),
      workforce: referenceWorkforce(events, tt),
    },
    rules,
  );
}
