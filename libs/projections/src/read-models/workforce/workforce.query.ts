import type { ReadDb } from '../../runner/projection.js';
import type { TimeTravel } from '../../time-travel/time-travel.js';
import { QUALIFYING_SQL, qualifyingParams, withTimesOf, TIMES_SQL, type TimeRow } from '../plans/fact-times.js';
import { foldWorkforce, type WorkforceView } from './workforce.fold.js';

/** Confidence trend, training totals and support measures from the facts qualifying at `tt`. */
export async function workforce(db: ReadDb, tt: TimeTravel): Promise<WorkforceView> {
  const params = qualifyingParams(tt);
  const s = db.schema;
  const surveys = await db.query<
    TimeRow & { survey_id: string; date: string; respondents: number; confident_percent: number }
  >(
    `SELECT ${TIMES_SQL}, survey_id, date, respondents, confident_percent FROM ${s}.rm_workforce_surveys WHERE ${QUALIFYING_SQL}`,
    params,
  );
  const trainings = await db.query<
    TimeRow & { training_id: string; topic: string; attendees: number }
  >(
    `SELECT ${TIMES_SQL}, training_id, topic, attendees FROM ${s}.rm_workforce_trainings WHERE ${QUALIFYING_SQL}`,
    params,
  );
  const measures = await db.query<
    TimeRow & { measure_id: string; date: string; title: string; description: string }
  >(
    `SELECT ${TIMES_SQL}, measure_id, date, title, description FROM ${s}.rm_workforce_support_measures WHERE ${QUALIFYING_SQL}`,
    params,
  );
  return foldWorkforce(
    surveys.map((r) => withTimesOf(r, {
      surveyId: r.survey_id,
      date: r.date,
      respondents: Number(r.respondents),
      confidentPercent: Number(r.confident_percent),
    })),
    trainings.map((r) => withTimesOf(r, {
      trainingId: r.training_id,
      topic: r.topic,
      attendees: Number(r.attendees),
    })),
    measures.map((r) => withTimesOf(r, {
      measureId: r.measure_id,
      date: r.date,
      title: r.title,
      description: r.description,
    })),
  );
}
