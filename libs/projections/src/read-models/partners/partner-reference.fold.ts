import type { ProjectedEvent } from '../../runner/projection.js';
import type { TimeTravel } from '../../time-travel/time-travel.js';
import { isKnown, isQualifying } from '../plans/fact-times.js';
import { partnerFactsOf } from './partner-facts.js';
import { foldPartners, type PartnerView } from './partners.fold.js';

/** A from-scratch fold over the whole raw log, picking the qualifying events itself. */
export function referencePartners(
  events: readonly ProjectedEvent[],
  tt: TimeTravel,
): PartnerView[] {
  const facts = partnerFactsOf(events);
  return foldPartners(
    facts.partners.filter((p) => isKnown(p, tt)),
    facts.engagements.filter((e) => isQualifying(e, tt)),
    tt.asOf,
  );
}
