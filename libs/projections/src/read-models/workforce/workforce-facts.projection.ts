import type { Projection, ProjectedEvent, ReadDb } from '../../runner/projection.js';
import { insertRows } from '../core/insert-rows.js';
import { ConfidenceSurveyRow, SupportMeasureRow, TrainingRow } from './workforce-facts.entity.js';
import { WORKFORCE_FACT_TYPES, workforceFactsOf } from './workforce-facts.js';

/** Surveys, training and support measures as fact rows keyed by log position: one multi-row insert per table per batch. */
export const workforceFactsProjection: Projection = {
  name: 'workforce-facts.v1',
  handles: WORKFORCE_FACT_TYPES,
  async apply(events: readonly ProjectedEvent[], db: ReadDb): Promise<void> {
    const f = workforceFactsOf(events);
    await insertRows(db, ConfidenceSurveyRow, f.surveys, ['position']);
    await insertRows(db, TrainingRow, f.trainings, ['position']);
    await insertRows(db, SupportMeasureRow, f.measures, ['position']);
  },
};
