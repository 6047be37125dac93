import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { BIGINT } from '../core/entity-table.js';

/** One confidence survey, effective on its own date. */
@Entity({ name: 'rm_workforce_surveys' })
@Index('rm_workforce_surveys_effective', ['effectiveAt'])
export class ConfidenceSurveyRow {
  @PrimaryColumn({ type: 'bigint', transformer: BIGINT }) position: bigint;
  @Column({ name: 'known_at', type: 'timestamptz' }) knownAt: Date;
  @Column({ name: 'effective_at', type: 'timestamptz' }) effectiveAt: Date;
  @Column({ name: 'survey_id', type: 'text' }) surveyId: string;
  @Column({ type: 'text' }) date: string;
  @Column({ type: 'integer' }) respondents: number;
  @Column({ name: 'confident_percent', type: 'double precision' }) confidentPercent: number;
}

/** One training session, effective on its own date. */
@Entity({ name: 'rm_workforce_trainings' })
@Index('rm_workforce_trainings_effective', ['effectiveAt'])
export class TrainingRow {
  @PrimaryColumn({ type: 'bigint', transformer: BIGINT }) position: bigint;
  @Column({ name: 'known_at', type: 'timestamptz' }) knownAt: Date;
  @Column({ name: 'effective_at', type: 'timestamptz' }) effectiveAt: Date;
  @Column({ name: 'training_id', type: 'text' }) trainingId: string;
  @Column({ type: 'text' }) date: string;
  @Column({ type: 'text' }) topic: string;
  @Column({ type: 'integer' }) attendees: number;
}

/** One support measure for officers and staff, effective on its own date. */
@Entity({ name: 'rm_workforce_support_measures' })
@Index('rm_workforce_support_measures_effective', ['effectiveAt'])
export class SupportMeasureRow {
  @PrimaryColumn({ type: 'bigint', transformer: BIGINT }) position: bigint;
  @Column({ name: 'known_at', type: 'timestamptz' }) knownAt: Date;
  @Column({ name: 'effective_at', type: 'timestamptz' }) effectiveAt: Date;
  @Column({ name: 'measure_id', type: 'text' }) measureId: string;
  @Column({ type: 'text' }) date: string;
  @Column({ type: 'text' }) title: string;
  @Column({ type: 'text' }) description: string;
}

export const WORKFORCE_ENTITIES = [ConfidenceSurveyRow, TrainingRow, SupportMeasureRow];
