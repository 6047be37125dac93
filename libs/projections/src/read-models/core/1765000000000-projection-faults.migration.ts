import type { MigrationInterface, QueryRunner } from 'typeorm';
import { schemaOf } from './migration-schema.js';

export class ProjectionFaults1765000000000 implements MigrationInterface {
  name = 'ProjectionFaults1765000000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const s = schemaOf(queryRunner);
    await queryRunner.query(`CREATE TABLE ${s}.rm_projection_faults (
      name text PRIMARY KEY, position bigint NOT NULL, event_id text NOT NULL, stream_id text NOT NULL,
      event_type text NOT NULL, error text NOT NULL, attempts integer NOT NULL,
      first_failed_at timestamptz NOT NULL, last_failed_at timestamptz NOT NULL)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE ${schemaOf(queryRunner)}.rm_projection_faults`);
  }
}
