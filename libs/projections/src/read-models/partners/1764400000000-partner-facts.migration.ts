import type { MigrationInterface, QueryRunner } from 'typeorm';
import { schemaOf } from '../core/migration-schema.js';

const TIMES =
  'position bigint PRIMARY KEY, known_at timestamptz NOT NULL, effective_at timestamptz NOT NULL';

export class PartnerFacts1764400000000 implements MigrationInterface {
  name = 'PartnerFacts1764400000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const s = schemaOf(queryRunner);
    await queryRunner.query(
      `CREATE TABLE ${s}.rm_partner_registered (${TIMES}, partner_id text NOT NULL, name text NOT NULL, kind text NOT NULL)`,
    );
    await queryRunner.query(
      `CREATE INDEX rm_partner_registered_partner ON ${s}.rm_partner_registered (partner_id, known_at)`,
    );
    await queryRunner.query(`CREATE TABLE ${s}.rm_partner_engagements (${TIMES},
      partner_id text NOT NULL, engagement_id text NOT NULL, date text NOT NULL, channel text NOT NULL,
      topics jsonb NOT NULL, indicators jsonb NOT NULL, summary text NOT NULL)`);
    await queryRunner.query(
      `CREATE INDEX rm_partner_engagements_effective ON ${s}.rm_partner_engagements (effective_at)`,
    );
    await queryRunner.query(
      `CREATE INDEX rm_partner_engagements_partner ON ${s}.rm_partner_engagements (partner_id, effective_at)`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    const s = schemaOf(queryRunner);
    await queryRunner.query(`DROP TABLE ${s}.rm_partner_engagements`);
    await queryRunner.query(`DROP TABLE ${s}.rm_partner_registered`);
  }
}
