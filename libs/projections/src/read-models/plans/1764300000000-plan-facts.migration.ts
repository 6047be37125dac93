import type { MigrationInterface, QueryRunner } from 'typeorm';
import { schemaOf } from '../core/migration-schema.js';

const TIMES =
  'position bigint PRIMARY KEY, known_at timestamptz NOT NULL, effective_at timestamptz NOT NULL';

export class PlanFacts1764300000000 implements MigrationInterface {
  name = 'PlanFacts1764300000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const s = schemaOf(queryRunner);
    await queryRunner.query(`CREATE TABLE ${s}.rm_plan_created (${TIMES},
      plan_id text NOT NULL, title text NOT NULL, objective text NOT NULL, target_date text NOT NULL)`);
    await queryRunner.query(
      `CREATE INDEX rm_plan_created_plan ON ${s}.rm_plan_created (plan_id, known_at)`,
    );
    await queryRunner.query(`CREATE TABLE ${s}.rm_plan_action_added (${TIMES},
      plan_id text NOT NULL, action_id text NOT NULL, title text NOT NULL, owner text NOT NULL, due_date text NOT NULL,
      indicators jsonb NOT NULL, questions jsonb NOT NULL, success_measure text NOT NULL)`);
    await queryRunner.query(
      `CREATE INDEX rm_plan_action_added_plan ON ${s}.rm_plan_action_added (plan_id, known_at)`,
    );
    await queryRunner.query(`CREATE TABLE ${s}.rm_plan_action_changes (${TIMES},
      plan_id text NOT NULL, action_id text NOT NULL, kind text NOT NULL, on_date text, percent double precision,
      due_date text, previous_due_date text, text text)`);
    await queryRunner.query(
      `CREATE INDEX rm_plan_action_changes_plan ON ${s}.rm_plan_action_changes (plan_id, effective_at)`,
    );
    await queryRunner.query(`CREATE TABLE ${s}.rm_plan_trajectory_sets (${TIMES},
      plan_id text NOT NULL, indicator_id text NOT NULL, points jsonb NOT NULL)`);
    await queryRunner.query(
      `CREATE INDEX rm_plan_trajectory_sets_indicator ON ${s}.rm_plan_trajectory_sets (indicator_id, known_at, position)`,
    );
    await queryRunner.query(
      `CREATE INDEX rm_plan_trajectory_sets_plan ON ${s}.rm_plan_trajectory_sets (plan_id, indicator_id, known_at)`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    const s = schemaOf(queryRunner);
    for (const table of [
      'rm_plan_trajectory_sets',
      'rm_plan_action_changes',
      'rm_plan_action_added',
      'rm_plan_created',
    ]) {
      await queryRunner.query(`DROP TABLE ${s}.${table}`);
    }
  }
}
