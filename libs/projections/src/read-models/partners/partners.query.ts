import type { ReadDb } from '../../runner/projection.js';
import type { TimeTravel } from '../../time-travel/time-travel.js';
import { decodeRow, selectColumns, selectRows, tableOf } from '../core/entity-table.js';
import { KNOWN_SQL, QUALIFYING_SQL, knownParams, qualifyingParams } from '../plans/fact-times.js';
import { PartnerEngagementRow, PartnerRegisteredRow } from './partner-facts.entity.js';
import type { PartnerRegisteredFact } from './partner-facts.js';
import {
  foldPartners,
  notEngagedFor30Days,
  windowStart,
  type EngagementTimes,
  type PartnerView,
} from './partners.fold.js';

async function knownPartners(db: ReadDb, tt: TimeTravel): Promise<PartnerRegisteredFact[]> {
  const partners = await selectRows(db, PartnerRegisteredRow, `${KNOWN_SQL} ORDER BY position`, knownParams(tt));
  return partners as (typeof partners[number] & Pick<PartnerRegisteredFact, 'kind'>)[];
}

/**
 * Only what the answer needs: each partner's latest qualifying engagement (one index probe per
 * partner ever registered), and those in the last 90 days. Plain SQL: a lateral probe per partner.
 */
async function relevantEngagements(db: ReadDb, tt: TimeTravel): Promise<EngagementTimes[]> {
  const t = `${db.schema}.${tableOf(PartnerEngagementRow).name}`;
  const columns = selectColumns(PartnerEngagementRow, ['position', 'knownAt', 'effectiveAt', 'partnerId', 'date']);
  const rows = await db.query<Record<string, unknown>>(
    `SELECT latest.* FROM (SELECT DISTINCT partner_id FROM ${db.schema}.${tableOf(PartnerRegisteredRow).name}) p CROSS JOIN LATERAL (
       SELECT ${columns} FROM ${t} e WHERE e.partner_id = p.partner_id AND ${QUALIFYING_SQL}
        ORDER BY e.effective_at DESC, e.known_at DESC, e.position DESC LIMIT 1) latest
     UNION
     SELECT ${columns} FROM ${t} WHERE ${QUALIFYING_SQL} AND effective_at > $4`,
    [...qualifyingParams(tt), windowStart(tt.asOf, 90)],
  );
  return rows.map((r) => decodeRow<PartnerEngagementRow, 'position' | 'knownAt' | 'effectiveAt' | 'partnerId' | 'date'>(PartnerEngagementRow, r));
}

/** Every partner known at `tt`, with its engagement counts over the 30 and 90 days ending at asOf. */
export async function partners(db: ReadDb, tt: TimeTravel): Promise<PartnerView[]> {
  const [registered, engagements] = await Promise.all([knownPartners(db, tt), relevantEngagements(db, tt)]);
  return foldPartners(registered, engagements, tt.asOf);
}

export async function partnersNotEngagedFor30Days(
  db: ReadDb,
  tt: TimeTravel,
): Promise<PartnerView[]> {
  return notEngagedFor30Days(await partners(db, tt));
}
