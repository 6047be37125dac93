import type { MigrationInterface, QueryRunner } from 'typeorm';
import { schemaOf } from './migration-schema.js';

export class ProjectionCheckpoints1764200000000 implements MigrationInterface {
  name = 'ProjectionCheckpoints1764200000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const s = schemaOf(queryRunner);
    await queryRunner.query(`CREATE TABLE ${s}.rm_projection_checkpoints (
      name text PRIMARY KEY, position bigint NOT NULL, updated_at timestamptz NOT NULL)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE ${schemaOf(queryRunner)}.rm_projection_checkpoints`);
  }
}
