import type { DomainCommand } from '../shared/decider.js';
import type { PartnerKind } from './partner.events.js';

export type RegisterPartner = DomainCommand<
  'RegisterPartner',
  { id: string; name: string; kind: PartnerKind }
>;

export type RecordEngagement = DomainCommand<
  'RecordEngagement',
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

export type PartnerCommand = RegisterPartner | RecordEngagement;

export type PartnerCommandType = PartnerCommand['type'];
