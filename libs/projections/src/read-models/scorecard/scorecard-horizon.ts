import { DEFAULT_WINDOW_DAYS } from '@rm/forecasting';
import type { ReadDb } from '../../runner/projection.js';
import type { TimeTravel } from '../../time-travel/time-travel.js';
import { keptMomentsOf, mergeMoments, momentsOf, type MomentSource } from '../core/change-moments.js';
import { tableOf } from '../core/entity-table.js';
import { DAY_MS } from '../indicators/figure-series.fold.js';
import { everyIndicatorInstants, indicatorMoments, instantsOf, thresholdWindowDays, timed } from '../indicators/indicator-horizon.js';
import { PARTNER_WINDOW_DAYS } from '../partners/partners.fold.js';
import { PartnerEngagementRow, PartnerRegisteredRow } from '../partners/partner-facts.entity.js';
import { ActionAddedRow, ActionChangeRow, PlanCreatedRow, TrajectorySetRow } from '../plans/plan-facts.entity.js';
import { ConfidenceSurveyRow, SupportMeasureRow, TrainingRow } from '../workforce/workforce-facts.entity.js';
import type { ScorecardRules } from './scorecard.rules.js';

/*
 * When the scorecard read at asOf = knownAt = now turns, at one log position: every indicator's
 * moments (indicator-horizon.ts), the known and effective times of plans, actions, trajectories,
 * partners, engagements, surveys, trainings and support measures, and the rules' windows:
 *  - q1 a figure is fresh for freshDays after it is effective; q2 an assessment for
 *    assessedWithinDays; q5 a survey (by its own date) for surveyWithinDays;
 *  - q3 the trend reads figures effective in the last DEFAULT_WINDOW_DAYS; a projection's return
 *    date, target dates and an action's overdue compare UTC days (the next midnight);
 *  - q4 an engagement counts for PARTNER_WINDOW_DAYS after it is effective;
 *  - q6 a warning open at asOf is stale staleWarningDays after it was raised: at a figure, a
 *    clearing or an inForceFrom (instants), or when an item grows old (opened + window).
 */
const OTHER_INSTANTS = [
  timed({ entity: PlanCreatedRow, instants: ['knownAt', 'effectiveAt'] }),
  timed({ entity: ActionAddedRow, instants: ['knownAt', 'effectiveAt'] }),
  timed({ entity: ActionChangeRow, instants: ['knownAt', 'effectiveAt'] }),
  timed({ entity: TrajectorySetRow, instants: ['knownAt', 'effectiveAt'] }),
  timed({ entity: PartnerRegisteredRow, instants: ['knownAt', 'effectiveAt'] }),
  timed({ entity: PartnerEngagementRow, instants: ['knownAt', 'effectiveAt'] }),
  timed({ entity: ConfidenceSurveyRow, instants: ['knownAt', 'effectiveAt'] }),
  timed({ entity: TrainingRow, instants: ['knownAt', 'effectiveAt'] }),
  timed({ entity: SupportMeasureRow, instants: ['knownAt', 'effectiveAt'] }),
];

/** A survey's own date (q5 reads it, not the effective time) as an instant too. */
async function surveyDates(db: ReadDb, after: bigint, upTo: bigint): Promise<Float64Array> {
  const rows = await db.query<{ date: string }>(`SELECT date FROM ${db.schema}.${tableOf(ConfidenceSurveyRow).name} WHERE position > $1::bigint AND position <= $2::bigint`, [
    after.toString(),
    upTo.toString(),
  ]);
  return momentsOf(rows.map((r) => r.date));
}

function scorecardMoments(rules: ScorecardRules): MomentSource {
  const indicators = indicatorMoments();
  const stale = rules.q6.staleWarningDays;
  const ruleDays = [rules.q1.freshDays, rules.q2.assessedWithinDays, rules.q5.surveyWithinDays, stale, DEFAULT_WINDOW_DAYS, ...PARTNER_WINDOW_DAYS];
  return {
    offsets: async (db, upTo) => {
      const windows = await thresholdWindowDays(db, upTo);
      return [...(await indicators.offsets(db, upTo)), ...[...ruleDays, ...windows.map((w) => w + stale)].map((d) => d * DAY_MS)];
    },
    instants: async (db, after, upTo, from) => {
      // The indicators' instants are the list's (indicatorHorizon): kept once for both.
      const [mine, others, surveys] = await Promise.all([everyIndicatorInstants(db, upTo, from), instantsOf(db, OTHER_INSTANTS, after, upTo, from), surveyDates(db, after, upTo)]);
      return mergeMoments(mergeMoments(mine, others), surveys.filter((t) => t >= from));
    },
  };
}

/** The moment until which the scorecard at `tt` by `rules` answers the same from tt.asOf on, at tt's position; epoch ms, exclusive. */
export function scorecardHorizon(db: ReadDb, tt: TimeTravel, rules: ScorecardRules): Promise<number> {
  const scope = `scorecard:${JSON.stringify(rules)}`;
  return keptMomentsOf(db).horizon(db, scope, scorecardMoments(rules), tt.position, tt.asOf.getTime());
}
