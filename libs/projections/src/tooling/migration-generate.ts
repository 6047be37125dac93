/**
 * `npm run migration:generate -- Name [area]`: writes the migration that brings the tables the
 * existing migrations build up to what the entities describe, as TypeORM's schema builder
 * computes it in a scratch schema (embedded PGlite in memory, or MIGRATION_DATABASE_URL).
 * The file goes to libs/projections/src/read-models/<area>/ (default core); register its class
 * in that area's migrations.
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { openDatabase } from '@rm/event-store';
import { READ_MODEL_SCHEMA } from '../read-models/registry.js';
import { pendingSchemaChanges } from '../database/schema-drift.js';

const SCRATCH = 'rm_migration_scratch';
const [name, area = 'core'] = process.argv.slice(2);
if (!name || !/^[A-Z][A-Za-z0-9]*$/.test(name)) throw new Error('migration:generate: the name must be PascalCase, e.g. npm run migration:generate -- AddFigureUnit');
if (!/^[a-z][a-z-]*$/.test(area)) throw new Error(`migration:generate: the area "${area}" must be a read-models folder name, e.g. indicators`);

const url = process.env.MIGRATION_DATABASE_URL;
const db = await openDatabase(url ? { databaseUrl: url, poolSize: 2 } : { dataDir: 'memory://' });
try {
  await db.pool.query(`DROP SCHEMA IF EXISTS ${SCRATCH} CASCADE`);
  const { up, down } = await pendingSchemaChanges(db, SCRATCH, READ_MODEL_SCHEMA);
  if (up.length === 0) {
    console.log('migration:generate: the migrations already build what the entities describe; nothing written');
  } else {
    const timestamp = Date.now();
    const file = join('libs/projections/src/read-models', area, `${timestamp}-${name.replace(/(?<!^)([A-Z])/g, '-$1').toLowerCase()}.migration.ts`);
    await writeFile(file, migrationSource(`${name}${timestamp}`, up, down.reverse()));
    console.log(`migration:generate: wrote ${file}; add ${name}${timestamp} to the ${area} area's migrations`);
  }
} finally {
  await db.pool.query(`DROP SCHEMA IF EXISTS ${SCRATCH} CASCADE`);
  await db.close();
}

function migrationSource(className: string, up: string[], down: string[]): string {
  // Generations live in schemas of their own: the scratch schema becomes the migration's.
  const body = (queries: string[]) => queries.map((q) => `    await queryRunner.query(\`${q.replaceAll('`', '\\`').replaceAll(`"${SCRATCH}".`, '${s}.')}\`);`).join('\n');
  return `import type { MigrationInterface, QueryRunner } from 'typeorm';
import { schemaOf } from '../core/migration-schema.js';

export class ${className} implements MigrationInterface {
  name = '${className}';

  async up(queryRunner: QueryRunner): Promise<void> {
    const s = schemaOf(queryRunner);
${body(up)}
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    const s = schemaOf(queryRunner);
${body(down)}
  }
}
`;
}
