import type { ReadModelArea } from '../read-model-area.js';

/** The workforce read models: entities, migrations, projections. */
export const workforceReadModels: ReadModelArea = { entities: [], migrations: [], projections: [] };
