import type { PartnerKind } from '@rm/domain';
import { byEffect, byPosition, DAY_MS, type FactTimes } from '../plans/fact-times.js';
import type { EngagementFact, PartnerRegisteredFact } from './partner-facts.js';

export interface PartnerView {
  id: string;
  name: string;
  kind: PartnerKind;
  /** The latest engagement's own date, as recorded; null when none by asOf. */
  lastEngagement: string | null;
  engagementsLast30Days: number;
  engagementsLast90Days: number;
  notEngagedFor30Days: boolean;
}

export type EngagementTimes = FactTimes & Pick<EngagementFact, 'partnerId' | 'date'>;

/** The engagement windows a partner's counts read, in days: an answer at asOf turns when an engagement leaves one. */
export const PARTNER_WINDOW_DAYS = [30, 90] as const;

/** Windows end at asOf and reach back whole days: (asOf − n days, asOf]. */
export const windowStart = (asOf: Date, days: number): Date =>
  new Date(asOf.getTime() - days * DAY_MS);

/**
 * Partners from their known registrations (the first by position wins) and qualifying
 * engagements. Engagements need only be the latest per partner plus those in the last 90 days.
 */
export function foldPartners(
  registered: readonly PartnerRegisteredFact[],
  engagements: readonly EngagementTimes[],
  asOf: Date,
): PartnerView[] {
  const partners = new Map<string, PartnerView>();
  for (const p of [...registered].sort(byPosition)) {
    if (partners.has(p.partnerId)) continue;
    partners.set(p.partnerId, {
      id: p.partnerId,
      name: p.name,
      kind: p.kind,
      lastEngagement: null,
      engagementsLast30Days: 0,
      engagementsLast90Days: 0,
      notEngagedFor30Days: true,
    });
  }
  const from30 = windowStart(asOf, PARTNER_WINDOW_DAYS[0]);
  const from90 = windowStart(asOf, PARTNER_WINDOW_DAYS[1]);
  for (const e of [...engagements].sort(byEffect)) {
    const p = partners.get(e.partnerId);
    if (!p || e.effectiveAt > asOf) continue;
    p.lastEngagement = e.date;
    if (e.effectiveAt > from90) p.engagementsLast90Days++;
    if (e.effectiveAt > from30) p.engagementsLast30Days++;
  }
  for (const p of partners.values()) p.notEngagedFor30Days = p.engagementsLast30Days === 0;
  return [...partners.values()].sort((a, b) => cmp(a.name, b.name) || cmp(a.id, b.id));
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

export const notEngagedFor30Days = (partners: readonly PartnerView[]): PartnerView[] =>
  partners.filter((p) => p.notEngagedFor30Days);
