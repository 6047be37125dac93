import type { ReadDb } from '../../runner/projection.js';
import type { TimeTravel } from '../../time-travel/time-travel.js';
import { selectRows } from '../core/entity-table.js';
import { keptRows } from '../core/kept-rows.js';
import { QUALIFYING_SQL, qualifyingOf, qualifyingParams } from '../plans/fact-times.js';
import { foldWorkforce, type WorkforceView } from './workforce.fold.js';
import { ConfidenceSurveyRow, SupportMeasureRow, TrainingRow } from './workforce-facts.entity.js';

const TIMES = ['position', 'knownAt', 'effectiveAt'] as const;

/** Confidence trend, training totals and support measures from the facts qualifying at `tt`. */
export async function workforce(db: ReadDb, tt: TimeTravel): Promise<WorkforceView> {
  const [s, t, m] = await Promise.all([keptRows(db, ConfidenceSurveyRow, tt.position), keptRows(db, TrainingRow, tt.position), keptRows(db, SupportMeasureRow, tt.position)]);
  if (s && t && m) return foldWorkforce(qualifyingOf(s, tt), qualifyingOf(t, tt), qualifyingOf(m, tt));
  const params = qualifyingParams(tt);
  const [surveys, trainings, measures] = await Promise.all([
    selectRows(db, ConfidenceSurveyRow, QUALIFYING_SQL, params),
    selectRows(db, TrainingRow, QUALIFYING_SQL, params, [...TIMES, 'trainingId', 'topic', 'attendees']),
    selectRows(db, SupportMeasureRow, QUALIFYING_SQL, params),
  ]);
  return foldWorkforce(surveys, trainings, measures);
}
