import type { MigrationInterface, QueryRunner } from 'typeorm';
import { schemaOf } from '../core/migration-schema.js';

/**
 * A threshold is evaluated only on figures effective from its `inForceFrom`. Rows projected before
 * the column existed keep it null and count from their known time, which for them is when they were
 * recorded: no rebuild is needed.
 */
export class ThresholdInForceFrom1764800000000 implements MigrationInterface {
  name = 'ThresholdInForceFrom1764800000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE ${schemaOf(queryRunner)}.rm_indicator_thresholds ADD COLUMN in_force_from timestamptz`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE ${schemaOf(queryRunner)}.rm_indicator_thresholds DROP COLUMN in_force_from`);
  }
}
