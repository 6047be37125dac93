import { deciderSpec } from '@rm/testing';
import {
  EffectiveTimeInFuture,
  EngagementIdConflict,
  InvalidIdentifier,
  InvalidOption,
  PartnerAlreadyRegistered,
  partnerDecider,
  PartnerNotFound,
  RequiredListMissing,
  RequiredTextMissing,
  type PartnerKind,
} from '../index.js';
import {
  partnerCommand,
  referralsBriefing,
  victimsServicesRegistered,
} from '../testing/partner.fixtures.js';

const spec = deciderSpec(partnerDecider);

const register = (changes: object = {}) =>
  partnerCommand('RegisterPartner', {
    id: 'gm-victims-services',
    name: "Greater Manchester Victims' Services",
    kind: 'victims-services',
    ...changes,
  });

const engage = (changes: object = {}) =>
  partnerCommand('RecordEngagement', { ...referralsBriefing.data, ...changes });

describe('partner decider', () => {
  describe('RegisterPartner', () => {
    it('registers a partner', () => {
      spec.when(register()).then([victimsServicesRegistered]).andRepeatingIsANoOp();
    });

    it('is a no-op when repeated identically', () => {
      spec.given([victimsServicesRegistered, referralsBriefing]).when(register()).thenNothing();
    });

    it('refuses the same id with different content', () => {
      spec
        .given([victimsServicesRegistered])
        .when(register({ kind: 'other' }))
        .thenThrows(PartnerAlreadyRegistered, { kind: 'rule', code: 'PARTNER.ALREADY_REGISTERED' });
    });

    it('refuses an unknown kind', () => {
      const kind = 'police' as PartnerKind;
      spec.when(register({ kind })).thenThrows(InvalidOption, { field: 'kind' });
    });

    it('refuses an id that cannot name a stream', () => {
      spec.when(register({ id: 'GM Victims' })).thenThrows(InvalidIdentifier, { field: 'id' });
    });

    it('needs a name', () => {
      spec.when(register({ name: '' })).thenThrows(RequiredTextMissing, { field: 'name' });
    });
  });

  describe('RecordEngagement', () => {
    it('records who was told what, when and how', () => {
      spec
        .given([victimsServicesRegistered])
        .when(engage())
        .then([referralsBriefing])
        .andRepeatingIsANoOp();
    });

    it('is a no-op when the same engagement is sent again', () => {
      spec.given([victimsServicesRegistered, referralsBriefing]).when(engage()).thenNothing();
    });

    it('refuses an engagement id reused for different content', () => {
      spec
        .given([victimsServicesRegistered, referralsBriefing])
        .when(engage({ channel: 'email' }))
        .thenThrows(EngagementIdConflict, { field: 'engagementId' });
    });

    it('refuses a partner not registered', () => {
      spec
        .when(engage())
        .thenThrows(PartnerNotFound, { kind: 'not-found', code: 'PARTNER.NOT_FOUND' });
    });

    it('refuses a date after the moment of recording', () => {
      spec
        .given([victimsServicesRegistered])
        .when(engage({ date: '2019-11-16' }))
        .thenThrows(EffectiveTimeInFuture, { field: 'date' });
    });

    it('refuses a blank topic', () => {
      spec
        .given([victimsServicesRegistered])
        .when(engage({ topics: ['referral volumes', ''] }))
        .thenThrows(RequiredTextMissing, { field: 'topics[1]' });
    });

    it('needs lists of topics and indicators', () => {
      spec
        .given([victimsServicesRegistered])
        .when(engage({ indicators: undefined }))
        .thenThrows(RequiredListMissing, { field: 'indicators' });
    });

    it('refuses an indicator id that is not a slug', () => {
      spec
        .given([victimsServicesRegistered])
        .when(engage({ indicators: ['Victims Referrals'] }))
        .thenThrows(InvalidIdentifier, { field: 'indicators[0]' });
    });
  });
});
