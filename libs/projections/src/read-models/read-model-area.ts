import type { MigrationInterface } from 'typeorm';
import type { Projection } from '../runner/projection.js';

/** One area's read models: its TypeORM entities, migrations (in order) and projections. */
export interface ReadModelArea {
  // TypeORM's own type for entity classes.
  entities: (new () => unknown)[];
  migrations: (new () => MigrationInterface)[];
  projections: Projection[];
}
