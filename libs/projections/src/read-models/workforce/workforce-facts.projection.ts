import type { Projection, ProjectedEvent, ReadDb } from '../../runner/projection.js';
import { insertRows } from '../core/insert-rows.js';
import { TIME_COLUMNS, timeValues } from '../plans/fact-times.js';
import { WORKFORCE_FACT_TYPES, workforceFactsOf } from './workforce-facts.js';

/** Surveys, training and support measures as fact rows keyed by log position: one multi-row insert per table per batch. */
export const workforceFactsProjection: Projection = {
  name: 'workforce-facts.v1',
  handles: WORKFORCE_FACT_TYPES,
  async apply(events: readonly ProjectedEvent[], db: ReadDb): Promise<void> {
    const f = workforceFactsOf(events);
    await insertRows(
      db,
      'rm_workforce_surveys',
      [...TIME_COLUMNS, 'survey_id', 'date', 'respondents', 'confident_percent'],
      f.surveys.map((s) => [
        ...timeValues(s),
        s.surveyId,
        s.date,
        s.respondents,
        s.confidentPercent,
      ]),
      '(position)',
    );
    await insertRows(
      db,
      'rm_workforce_trainings',
      [...TIME_COLUMNS, 'training_id', 'date', 'topic', 'attendees'],
      f.trainings.map((t) => [...timeValues(t), t.trainingId, t.date, t.topic, t.attendees]),
      '(position)',
    );
    await insertRows(
      db,
      'rm_workforce_support_measures',
      [...TIME_COLUMNS, 'measure_id', 'date', 'title', 'description'],
      f.measures.map((m) => [...timeValues(m), m.measureId, m.date, m.title, m.description]),
      '(position)',
    );
  },
};
