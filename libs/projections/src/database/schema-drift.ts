import type { Database } from '@rm/event-store';
import { ReadDatabase, type ReadModelSchema } from './read-database.js';

/**
 * What TypeORM's schema builder would still change in `schema` once every migration has run
 * there: nothing when the migrations and the entities describe the same tables. The schema is
 * created if missing; the caller drops it.
 */
export async function pendingSchemaChanges(db: Database, schema: string, model: ReadModelSchema): Promise<{ up: string[]; down: string[] }> {
  const read = await ReadDatabase.open(db, schema, model, 1);
  try {
    const sql = await read.dataSource.driver.createSchemaBuilder().log();
    return { up: sql.upQueries.map((q) => q.query), down: sql.downQueries.map((q) => q.query) };
  } finally {
    await read.close();
  }
}
