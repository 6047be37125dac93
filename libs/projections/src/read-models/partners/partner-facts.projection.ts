import type { Projection, ProjectedEvent, ReadDb } from '../../runner/projection.js';
import { insertRows } from '../core/insert-rows.js';
import { TIME_COLUMNS, timeValues } from '../plans/fact-times.js';
import { PARTNER_FACT_TYPES, partnerFactsOf } from './partner-facts.js';

/** Partners and engagements as fact rows keyed by log position: one multi-row insert per table per batch. */
export const partnerFactsProjection: Projection = {
  name: 'partner-facts.v1',
  handles: PARTNER_FACT_TYPES,
  async apply(events: readonly ProjectedEvent[], db: ReadDb): Promise<void> {
    const f = partnerFactsOf(events);
    await insertRows(
      db,
      'rm_partner_registered',
      [...TIME_COLUMNS, 'partner_id', 'name', 'kind'],
      f.partners.map((p) => [...timeValues(p), p.partnerId, p.name, p.kind]),
      '(position)',
    );
    await insertRows(
      db,
      'rm_partner_engagements',
      [
        ...TIME_COLUMNS,
        'partner_id',
        'engagement_id',
        'date',
        'channel',
        'topics',
        'indicators',
        'summary',
      ],
      f.engagements.map((g) => [
        ...timeValues(g),
        g.partnerId,
        g.engagementId,
        g.date,
        g.channel,
        JSON.stringify(g.topics),
        JSON.stringify(g.indicators),
        g.summary,
      ]),
      '(position)',
    );
  },
};
