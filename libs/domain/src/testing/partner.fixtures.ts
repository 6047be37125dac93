import type { PartnerCommand, PartnerEngagementRecorded, PartnerRegistered } from '../index.js';
import { commandBuilder } from './commands.fixtures.js';

export const partnerCommand = commandBuilder<PartnerCommand>();

export const victimsServicesRegistered: PartnerRegistered = {
  type: 'PartnerRegistered',
  data: {
    partnerId: 'gm-victims-services',
    name: "Greater Manchester Victims' Services",
    kind: 'victims-services',
  },
};

export const referralsBriefing: PartnerEngagementRecorded = {
  type: 'PartnerEngagementRecorded',
  data: {
    partnerId: 'gm-victims-services',
    engagementId: 'eng-2019-11-05',
    date: '2019-11-05',
    channel: 'meeting',
    topics: ['referral volumes', 'manual referral workaround'],
    indicators: ['victims-services-referrals'],
    summary: 'Explained the 87% fall in referrals and agreed a daily manual referral list',
  },
};
