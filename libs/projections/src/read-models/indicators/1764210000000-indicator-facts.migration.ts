import type { MigrationInterface, QueryRunner } from 'typeorm';
import { schemaOf } from '../core/migration-schema.js';

const TABLES = [
  'rm_indicator_definitions',
  'rm_indicator_figures',
  'rm_indicator_figure_corrections',
  'rm_indicator_risk_assessments',
  'rm_indicator_thresholds',
  'rm_indicator_backlog_items',
];

/** The indicator fact tables: one row per event, keyed by its log position. */
export class IndicatorFacts1764210000000 implements MigrationInterface {
  name = 'IndicatorFacts1764210000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const s = schemaOf(queryRunner);
    await queryRunner.query(`CREATE TABLE ${s}.rm_indicator_definitions (
      position bigint PRIMARY KEY, indicator_id text NOT NULL, kind text NOT NULL, known_at timestamptz NOT NULL,
      name text, description text, unit text, direction text, owner text, questions jsonb,
      baseline_value double precision NOT NULL, baseline_from text NOT NULL, baseline_to text NOT NULL,
      baseline_source text NOT NULL, tolerance double precision NOT NULL, reason text)`);
    await queryRunner.query(`CREATE INDEX rm_indicator_definitions_known ON ${s}.rm_indicator_definitions (indicator_id, known_at)`);
    await queryRunner.query(`CREATE TABLE ${s}.rm_indicator_figures (
      position bigint PRIMARY KEY, indicator_id text NOT NULL, figure_id text NOT NULL, value double precision NOT NULL,
      effective_at timestamptz NOT NULL, known_at timestamptz NOT NULL, source text NOT NULL, note text)`);
    // Figures are read by (indicator, effective time) with known time as a residual filter; a
    // second index on known time went unused and cost a fifth of the rebuild rate.
    await queryRunner.query(`CREATE INDEX rm_indicator_figures_effective ON ${s}.rm_indicator_figures (indicator_id, effective_at)`);
    await queryRunner.query(`CREATE TABLE ${s}.rm_indicator_figure_corrections (
      position bigint PRIMARY KEY, indicator_id text NOT NULL, figure_id text NOT NULL, correction_id text,
      value double precision NOT NULL, previous_value double precision NOT NULL, effective_at timestamptz NOT NULL,
      known_at timestamptz NOT NULL, reason text NOT NULL)`);
    await queryRunner.query(`CREATE INDEX rm_indicator_figure_corrections_known ON ${s}.rm_indicator_figure_corrections (indicator_id, known_at)`);
    await queryRunner.query(`CREATE TABLE ${s}.rm_indicator_risk_assessments (
      position bigint PRIMARY KEY, indicator_id text NOT NULL, assessment_id text, assessed_at timestamptz NOT NULL,
      known_at timestamptz NOT NULL, high double precision NOT NULL, medium double precision NOT NULL,
      standard double precision NOT NULL, rationale text NOT NULL)`);
    await queryRunner.query(`CREATE INDEX rm_indicator_risk_assessments_effective ON ${s}.rm_indicator_risk_assessments (indicator_id, assessed_at)`);
    await queryRunner.query(`CREATE TABLE ${s}.rm_indicator_thresholds (
      position bigint PRIMARY KEY, indicator_id text NOT NULL, threshold_id text NOT NULL, event text NOT NULL,
      kind text, limit_value double precision, window_days double precision, reason text, known_at timestamptz NOT NULL)`);
    await queryRunner.query(`CREATE INDEX rm_indicator_thresholds_known ON ${s}.rm_indicator_thresholds (indicator_id, known_at)`);
    await queryRunner.query(`CREATE TABLE ${s}.rm_indicator_backlog_items (
      position bigint PRIMARY KEY, indicator_id text NOT NULL, ref text NOT NULL, event text NOT NULL,
      at timestamptz NOT NULL, known_at timestamptz NOT NULL, risk text)`);
    await queryRunner.query(`CREATE INDEX rm_indicator_backlog_items_effective ON ${s}.rm_indicator_backlog_items (indicator_id, at)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    const s = schemaOf(queryRunner);
    for (const table of TABLES) await queryRunner.query(`DROP TABLE ${s}.${table}`);
  }
}
