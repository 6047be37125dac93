import type { PartnerEngagementRecorded, PartnerKind, PartnerRegistered } from '@rm/domain';
import type { ProjectedEvent } from '../../runner/projection.js';
import { timesOf, type FactTimes } from '../plans/fact-times.js';

export interface PartnerRegisteredFact extends FactTimes {
  partnerId: string;
  name: string;
  kind: PartnerKind;
}

export interface EngagementFact extends FactTimes {
  partnerId: string;
  engagementId: string;
  date: string;
  channel: string;
  topics: string[];
  indicators: string[];
  summary: string;
}

export interface PartnerFacts {
  partners: PartnerRegisteredFact[];
  engagements: EngagementFact[];
}

export const PARTNER_FACT_TYPES = ['PartnerRegistered', 'PartnerEngagementRecorded'] as const;

/** The partner facts in a list of events, in list order; other events are ignored. */
export function partnerFactsOf(events: readonly ProjectedEvent[]): PartnerFacts {
  const facts: PartnerFacts = { partners: [], engagements: [] };
  for (const e of events) {
    if (e.type === 'PartnerRegistered') {
      const d = e.data as PartnerRegistered['data'];
      facts.partners.push({ ...timesOf(e), partnerId: d.partnerId, name: d.name, kind: d.kind });
    } else if (e.type === 'PartnerEngagementRecorded') {
      const { partnerId, engagementId, date, channel, topics, indicators, summary } =
        e.data as PartnerEngagementRecorded['data'];
      facts.engagements.push({
        ...timesOf(e),
        partnerId,
        engagementId,
        date,
        channel,
        topics,
        indicators,
        summary,
      });
    }
  }
  return facts;
}
