import type { ReadDb } from '../../runner/projection.js';
import type { TimeTravel } from '../../time-travel/time-travel.js';
import { decodeRow, selectColumns, selectRows, tableOf } from '../core/entity-table.js';
import { keptRows } from '../core/kept-rows.js';
import { above } from '../core/sorted.js';
import { byEffect, KNOWN_SQL, QUALIFYING_SQL, knownOf, knownParams, qualifyingParams } from '../plans/fact-times.js';
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
  const kept = await keptRows(db, PartnerRegisteredRow, tt.position);
  if (kept) return knownOf(kept, tt) as PartnerRegisteredFact[];
  const partners = await selectRows(db, PartnerRegisteredRow, `${KNOWN_SQL} ORDER BY position`, knownParams(tt));
  return partners as (typeof partners[number] & Pick<PartnerRegisteredFact, 'kind'>)[];
}

/**
 * Only what the answer needs: each partner's latest qualifying engagement (one index probe per
 * partner ever registered), and those in the last 90 days. Plain SQL: a lateral probe per partner.
 */
async function relevantEngagements(db: ReadDb, tt: TimeTravel): Promise<EngagementTimes[]> {
  const kept = await keptRows(db, PartnerEngagementRow, tt.position);
  if (kept) return keptEngagements(kept, tt);
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

/** Kept engagements by effect (effective, known, position), their instants as numbers; made once per kept list. */
interface ByEffect {
  rows: EngagementTimes[];
  effective: Float64Array;
  known: Float64Array;
  partners: number;
}
const ordered = new WeakMap<readonly EngagementTimes[], ByEffect>();

function byEffectOf(kept: readonly EngagementTimes[]): ByEffect {
  let order = ordered.get(kept);
  if (!order) {
    const rows = [...kept].sort(byEffect);
    const [effective, known] = [Float64Array.from(rows, (e) => e.effectiveAt.getTime()), Float64Array.from(rows, (e) => e.knownAt.getTime())];
    ordered.set(kept, (order = { rows, effective, known, partners: new Set(rows.map((e) => e.partnerId)).size }));
  }
  return order;
}

/**
 * relevantEngagements' answer from kept rows, by effect: back from asOf, every qualifying
 * engagement in the last 90 days and the latest of each partner (the first met going back).
 */
function keptEngagements(kept: readonly EngagementTimes[], tt: TimeTravel): EngagementTimes[] {
  const { rows, effective, known, partners } = byEffectOf(kept);
  const [knownAt, position, asOf, from] = [tt.knownAt.getTime(), tt.position, tt.asOf.getTime(), windowStart(tt.asOf, 90).getTime()];
  const lo = above(effective, asOf);
  const seen = new Set<string>();
  const answer: EngagementTimes[] = [];
  for (let i = lo - 1; i >= 0; i--) {
    if (effective[i] <= from && seen.size === partners) break;
    const e = rows[i];
    if (!(known[i] <= knownAt && e.position <= position)) continue;
    if (effective[i] > from || !seen.has(e.partnerId)) answer.push(e);
    seen.add(e.partnerId);
  }
  return answer.reverse();
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
