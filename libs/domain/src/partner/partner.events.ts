import type { DomainEvent } from '../shared/decider.js';
import { listOfAll } from '../shared/type-list.js';

export const PARTNER_KINDS = [
  'cps',
  'court',
  'childrens-social-care',
  'marac',
  'victims-services',
  'other',
] as const;
export type PartnerKind = (typeof PARTNER_KINDS)[number];

export type PartnerRegistered = DomainEvent<
  'PartnerRegistered',
  { partnerId: string; name: string; kind: PartnerKind }
>;

/** Who was told what, when, by which channel; `indicators` are the indicator ids discussed. */
export type PartnerEngagementRecorded = DomainEvent<
  'PartnerEngagementRecorded',
  {
    partnerId: string;
    engagementId: string;
    date: string;
    channel: string;
    topics: string[];
    indicators: string[];
    summary: string;
  }
>;

export type PartnerEvent = PartnerRegistered | PartnerEngagementRecorded;

export type PartnerEventType = PartnerEvent['type'];

export const PARTNER_EVENT_TYPES = listOfAll<PartnerEventType>()([
  'PartnerRegistered',
  'PartnerEngagementRecorded',
]);
