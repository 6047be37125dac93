import type { QueryRunner } from 'typeorm';

/** The schema a migration runs in: read models live in one PostgreSQL schema per generation. */
export function schemaOf(queryRunner: QueryRunner): string {
  const schema = (queryRunner.connection.options as { schema?: string }).schema;
  if (!schema) throw new Error('read model migrations need the DataSource schema option');
  return schema;
}
