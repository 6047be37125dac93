import type { ReadModelArea } from '../read-model-area.js';

/** The plans read models: entities, migrations, projections. */
export const plansReadModels: ReadModelArea = { entities: [], migrations: [], projections: [] };
