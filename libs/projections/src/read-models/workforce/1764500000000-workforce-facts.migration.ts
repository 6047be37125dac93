import type { MigrationInterface, QueryRunner } from 'typeorm';
import { schemaOf } from '../core/migration-schema.js';

const TIMES =
  'position bigint PRIMARY KEY, known_at timestamptz NOT NULL, effective_at timestamptz NOT NULL';

export class WorkforceFacts1764500000000 implements MigrationInterface {
  name = 'WorkforceFacts1764500000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const s = schemaOf(queryRunner);
    await queryRunner.query(`CREATE TABLE ${s}.rm_workforce_surveys (${TIMES},
      survey_id text NOT NULL, date text NOT NULL, respondents integer NOT NULL, confident_percent double precision NOT NULL)`);
    await queryRunner.query(`CREATE TABLE ${s}.rm_workforce_trainings (${TIMES},
      training_id text NOT NULL, date text NOT NULL, topic text NOT NULL, attendees integer NOT NULL)`);
    await queryRunner.query(`CREATE TABLE ${s}.rm_workforce_support_measures (${TIMES},
      measure_id text NOT NULL, date text NOT NULL, title text NOT NULL, description text NOT NULL)`);
    for (const table of [
      'rm_workforce_surveys',
      'rm_workforce_trainings',
      'rm_workforce_support_measures',
    ]) {
      await queryRunner.query(`CREATE INDEX ${table}_effective ON ${s}.${table} (effective_at)`);
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    const s = schemaOf(queryRunner);
    for (const table of [
      'rm_workforce_support_measures',
      'rm_workforce_trainings',
      'rm_workforce_surveys',
    ]) {
      await queryRunner.query(`DROP TABLE ${s}.${table}`);
    }
  }
}
