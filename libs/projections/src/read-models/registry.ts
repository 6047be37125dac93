import type { ReadModelSchema } from '../database/read-database.js';
import type { Projection } from '../runner/projection.js';
import { ProjectionFaults1765000000000 } from './core/1765000000000-projection-faults.migration.js';
import { ProjectionCheckpoints1764200000000 } from './core/1764200000000-projection-checkpoints.migration.js';
import { ProjectionCheckpoint } from './core/projection-checkpoint.entity.js';
import { indicatorsReadModels } from './indicators/index.js';
import { partnersReadModels } from './partners/index.js';
import { plansReadModels } from './plans/index.js';
import { workforceReadModels } from './workforce/index.js';

const AREAS = [indicatorsReadModels, plansReadModels, partnersReadModels, workforceReadModels];

/** Every read model table and migration; migrations run in timestamp order. */
export const READ_MODEL_SCHEMA: ReadModelSchema = {
  entities: [ProjectionCheckpoint, ...AREAS.flatMap((a) => a.entities)],
  migrations: [ProjectionCheckpoints1764200000000, ProjectionFaults1765000000000, ...AREAS.flatMap((a) => a.migrations)],
};

export const ALL_PROJECTIONS: readonly Projection[] = AREAS.flatMap((a) => a.projections);
