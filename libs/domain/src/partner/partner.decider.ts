import { unknownCommand, type Decider } from '../shared/decider.js';
import { jsonEqual } from '../shared/json-equal.js';
import { PersistentMap } from '../shared/persistent-map.js';
import { requireEffectiveTime } from '../shared/time.js';
import {
  requireOption,
  requireSlug,
  requireSlugs,
  requireText,
  requireTexts,
} from '../shared/validation.js';
import type { PartnerCommand, RecordEngagement, RegisterPartner } from './partner.commands.js';
import {
  EngagementIdConflict,
  PartnerAlreadyRegistered,
  PartnerNotFound,
} from './partner.errors.js';
import {
  PARTNER_KINDS,
  type PartnerEngagementRecorded,
  type PartnerEvent,
  type PartnerRegistered,
} from './partner.events.js';

export type PartnerState =
  | { status: 'unregistered' }
  | {
      status: 'registered';
      registration: PartnerRegistered['data'];
      engagements: PersistentMap<PartnerEngagementRecorded['data']>;
    };

const initialState = (): PartnerState => ({ status: 'unregistered' });

const evolve = (state: PartnerState, event: PartnerEvent): PartnerState => {
  if (event.type === 'PartnerRegistered') {
    if (state.status === 'registered') return state;
    return { status: 'registered', registration: event.data, engagements: PersistentMap.empty() };
  }
  if (event.type !== 'PartnerEngagementRecorded' || state.status !== 'registered') return state;
  const engagements = state.engagements.set(event.data.engagementId, event.data);
  return { ...state, engagements };
};

export const registerPartner = (
  { data }: RegisterPartner,
  state: PartnerState,
): PartnerRegistered[] => {
  const registered: PartnerRegistered['data'] = {
    partnerId: requireSlug(data.id, 'id'),
    name: requireText(data.name, 'name'),
    kind: requireOption(data.kind, PARTNER_KINDS, 'kind'),
  };
  if (state.status === 'unregistered') return [{ type: 'PartnerRegistered', data: registered }];
  if (jsonEqual(state.registration, registered)) return [];
  throw new PartnerAlreadyRegistered(registered.partnerId);
};

export const recordEngagement = (
  { data, now }: RecordEngagement,
  state: PartnerState,
): PartnerEngagementRecorded[] => {
  if (state.status !== 'registered') throw new PartnerNotFound(data.partnerId);
  requireEffectiveTime(data.date, 'date', now);
  const recorded: PartnerEngagementRecorded['data'] = {
    partnerId: state.registration.partnerId,
    engagementId: requireText(data.engagementId, 'engagementId'),
    date: data.date,
    channel: requireText(data.channel, 'channel'),
    topics: requireTexts(data.topics, 'topics'),
    indicators: requireSlugs(data.indicators, 'indicators'),
    summary: requireText(data.summary, 'summary'),
  };
  const existing = state.engagements.get(recorded.engagementId);
  if (!existing) return [{ type: 'PartnerEngagementRecorded', data: recorded }];
  if (jsonEqual(existing, recorded)) return [];
  throw new EngagementIdConflict(recorded.engagementId);
};

const decide = (command: PartnerCommand, state: PartnerState): PartnerEvent[] => {
  switch (command.type) {
    case 'RegisterPartner':
      return registerPartner(command, state);
    case 'RecordEngagement':
      return recordEngagement(command, state);
    default:
      return unknownCommand(command);
  }
};

/** One stream per partner: `partnerStream(id)`. */
export const partnerDecider: Decider<PartnerCommand, PartnerEvent, PartnerState> = {
  initialState,
  evolve,
  decide,
};
