import type { ReadModelArea } from '../read-model-area.js';
import { WorkforceFacts1764500000000 } from './1764500000000-workforce-facts.migration.js';
import { WORKFORCE_ENTITIES } from './workforce-facts.entity.js';
import { workforceFactsProjection } from './workforce-facts.projection.js';

/** The workforce read models: entities, migrations, projections. */
export const workforceReadModels: ReadModelArea = {
  entities: WORKFORCE_ENTITIES,
  migrations: [WorkforceFacts1764500000000],
  projections: [workforceFactsProjection],
};

export { workforce } from './workforce.query.js';
export { referenceWorkforce } from './workforce-reference.fold.js';
export type { ConfidencePoint, TrainingTotals, WorkforceView } from './workforce.fold.js';
