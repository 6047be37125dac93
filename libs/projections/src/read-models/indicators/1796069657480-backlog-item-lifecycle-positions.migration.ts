import type { MigrationInterface, QueryRunner } from 'typeorm';
import { schemaOf } from '../core/migration-schema.js';

export class BacklogItemLifecyclePositions1796069657480 implements MigrationInterface {
  name = 'BacklogItemLifecyclePositions1796069657480';

  async up(queryRunner: QueryRunner): Promise<void> {
    const s = schemaOf(queryRunner);
    await queryRunner.query(
      `CREATE INDEX "rm_indicator_backlog_item_lifecycles_cleared_position" ON ${s}."rm_indicator_backlog_item_lifecycles"  ("cleared_position") `,
    );
    await queryRunner.query(
      `CREATE INDEX "rm_indicator_backlog_item_lifecycles_opened_position" ON ${s}."rm_indicator_backlog_item_lifecycles"  ("opened_position") `,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    const s = schemaOf(queryRunner);
    await queryRunner.query(
      `DROP INDEX ${s}."rm_indicator_backlog_item_lifecycles_opened_position"`,
    );
    await queryRunner.query(
      `DROP INDEX ${s}."rm_indicator_backlog_item_lifecycles_cleared_position"`,
    );
  }
}
