import type { ReadDb } from '../../runner/projection.js';
import type { TimeTravel } from '../../time-travel/time-travel.js';
import {
  KNOWN_SQL,
  QUALIFYING_SQL,
  knownParams,
  qualifyingParams,
  withTimesOf,
  TIMES_SQL,
  type TimeRow,
} from '../plans/fact-times.js';
import type { PartnerRegisteredFact } from './partner-facts.js';
import {
  foldPartners,
  notEngagedFor30Days,
  windowStart,
  type EngagementTimes,
  type PartnerView,
} from './partners.fold.js';

async function knownPartners(db: ReadDb, tt: TimeTravel): Promise<PartnerRegisteredFact[]> {
  const rows = await db.query<
    TimeRow & { partner_id: string; name: string; kind: PartnerRegisteredFact['kind'] }
  >(
    `SELECT ${TIMES_SQL}, partner_id, name, kind FROM ${db.schema}.rm_partner_registered WHERE ${KNOWN_SQL} ORDER BY position`,
    knownParams(tt),
  );
  return rows.map((r) => withTimesOf(r, {
    partnerId: r.partner_id,
    name: r.name,
    kind: r.kind,
  }));
}

/**
 * Only what the answer needs: each partner's latest qualifying engagement (one index probe per
 * partner ever registered), and those in the last 90 days.
 */
async function relevantEngagements(db: ReadDb, tt: TimeTravel): Promise<EngagementTimes[]> {
  const t = `${db.schema}.rm_partner_engagements`;
  const rows = await db.query<TimeRow & { partner_id: string; date: string }>(
    `SELECT latest.* FROM (SELECT DISTINCT partner_id FROM ${db.schema}.rm_partner_registered) p CROSS JOIN LATERAL (
       SELECT ${TIMES_SQL}, partner_id, date FROM ${t} e WHERE e.partner_id = p.partner_id AND ${QUALIFYING_SQL}
        ORDER BY e.effective_at DESC, e.known_at DESC, e.position DESC LIMIT 1) latest
     UNION
     SELECT ${TIMES_SQL}, partner_id, date FROM ${t} WHERE ${QUALIFYING_SQL} AND effective_at > $4`,
    [...qualifyingParams(tt), windowStart(tt.asOf, 90)],
  );
  return rows.map((r) => withTimesOf(r, { partnerId: r.partner_id, date: r.date }));
}

/** Every partner known at `tt`, with its engagement counts over the 30 and 90 days ending at asOf. */
export async function partners(db: ReadDb, tt: TimeTravel): Promise<PartnerView[]> {
  return foldPartners(await knownPartners(db, tt), await relevantEngagements(db, tt), tt.asOf);
}

export async function partnersNotEngagedFor30Days(
  db: ReadDb,
  tt: TimeTravel,
): Promise<PartnerView[]> {
  return notEngagedFor30Days(await partners(db, tt));
}
