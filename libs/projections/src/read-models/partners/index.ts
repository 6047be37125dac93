import type { ReadModelArea } from '../read-model-area.js';

/** The partners read models: entities, migrations, projections. */
export const partnersReadModels: ReadModelArea = { entities: [], migrations: [], projections: [] };
