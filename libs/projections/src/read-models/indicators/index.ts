import type { ReadModelArea } from '../read-model-area.js';

/** The indicators read models: entities, migrations, projections. */
export const indicatorsReadModels: ReadModelArea = { entities: [], migrations: [], projections: [] };
