import type { ReadModelArea } from '../read-model-area.js';
import { PartnerFacts1764400000000 } from './1764400000000-partner-facts.migration.js';
import { PARTNER_ENTITIES } from './partner-facts.entity.js';
import { partnerFactsProjection } from './partner-facts.projection.js';

/** The partners read models: entities, migrations, projections. */
export const partnersReadModels: ReadModelArea = {
  entities: PARTNER_ENTITIES,
  migrations: [PartnerFacts1764400000000],
  projections: [partnerFactsProjection],
};

export { partners, partnersNotEngagedFor30Days } from './partners.query.js';
export { referencePartners } from './partner-reference.fold.js';
export type { PartnerView } from './partners.fold.js';
