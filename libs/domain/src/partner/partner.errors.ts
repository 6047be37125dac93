import { NotFoundError, RuleError } from '../shared/domain-error.js';

export class PartnerNotFound extends NotFoundError {
  readonly code = 'PARTNER.NOT_FOUND';

  constructor(partnerId: string) {
    super(`partner ${partnerId} is not registered`);
  }
}

export class PartnerAlreadyRegistered extends RuleError {
  readonly code = 'PARTNER.ALREADY_REGISTERED';

  constructor(partnerId: string) {
    super(`partner ${partnerId} is already registered with different content`, 'id');
  }
}

export class EngagementIdConflict extends RuleError {
  readonly code = 'PARTNER.ENGAGEMENT_ID_CONFLICT';

  constructor(engagementId: string) {
    super(`engagement ${engagementId} is already recorded with different content`, 'engagementId');
  }
}
