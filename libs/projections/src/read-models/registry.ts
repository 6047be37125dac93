import type { ReadModelSchema } from '../database/read-database.js';
import type { Projection } from '../runner/projection.js';
import type { ProjectionGroup } from '../runner/projection-groups.js';
import { ProjectionFaults1765000000000 } from './core/1765000000000-projection-faults.migration.js';
import { ProjectionCheckpoints1764200000000 } from './core/1764200000000-projection-checkpoints.migration.js';
import { ProjectionCheckpoint } from './core/projection-checkpoint.entity.js';
import { ProjectionFault } from './core/projection-fault.entity.js';
import { indicatorsReadModels } from './indicators/index.js';
import { partnersReadModels } from './partners/index.js';
import { plansReadModels } from './plans/index.js';
import { workforceReadModels } from './workforce/index.js';

const AREAS = [indicatorsReadModels, plansReadModels, partnersReadModels, workforceReadModels];

/** Every read model table and migration; migrations run in timestamp order. */
export const READ_MODEL_SCHEMA: ReadModelSchema = {
  entities: [ProjectionCheckpoint, ProjectionFault, ...AREAS.flatMap((a) => a.entities)],
  migrations: [ProjectionCheckpoints1764200000000, ProjectionFaults1765000000000, ...AREAS.flatMap((a) => a.migrations)],
};

export const ALL_PROJECTIONS: readonly Projection[] = AREAS.flatMap((a) => a.projections);

/**
 * Projections are leased and applied per group, so several workers share them. An area's
 * projections stay together (a read of one area never waits on two leases' worth of catch-up
 * for its own tables), and no read needs two groups at one checkpoint: every query filters its
 * facts by the read's position, the lowest checkpoint of all groups. Weights are events per
 * average force per year, in thousands (docs/scaling.md, A1–A7): item feeds and figures make the
 * indicators group nearly all the work, so with two workers one takes it and the other the rest.
 */
export const PROJECTION_GROUPS: readonly ProjectionGroup[] = [
  { name: 'indicators', weight: 330, projections: indicatorsReadModels.projections },
  { name: 'plans', weight: 4, projections: plansReadModels.projections },
  { name: 'partners-workforce', weight: 1, projections: [...partnersReadModels.projections, ...workforceReadModels.projections] },
];
