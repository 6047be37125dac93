import type { Projection, ProjectedEvent, ReadDb } from '../../runner/projection.js';
import { insertRows } from '../core/insert-rows.js';
import { PartnerEngagementRow, PartnerRegisteredRow } from './partner-facts.entity.js';
import { PARTNER_FACT_TYPES, partnerFactsOf } from './partner-facts.js';

/** Partners and engagements as fact rows keyed by log position: one multi-row insert per table per batch. */
export const partnerFactsProjection: Projection = {
  name: 'partner-facts.v1',
  handles: PARTNER_FACT_TYPES,
  async apply(events: readonly ProjectedEvent[], db: ReadDb): Promise<void> {
    const f = partnerFactsOf(events);
    await insertRows(db, PartnerRegisteredRow, f.partners, ['position']);
    await insertRows(db, PartnerEngagementRow, f.engagements, ['position']);
  },
};
