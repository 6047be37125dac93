import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { BIGINT } from '../core/entity-table.js';

/** A partner's definition: holds for every effective time once known. */
@Entity({ name: 'rm_partner_registered' })
@Index('rm_partner_registered_partner', ['partnerId', 'knownAt'])
export class PartnerRegisteredRow {
  @PrimaryColumn({ type: 'bigint', transformer: BIGINT }) position: bigint;
  @Column({ name: 'known_at', type: 'timestamptz' }) knownAt: Date;
  @Column({ name: 'effective_at', type: 'timestamptz' }) effectiveAt: Date;
  @Column({ name: 'partner_id', type: 'text' }) partnerId: string;
  @Column({ type: 'text' }) name: string;
  @Column({ type: 'text' }) kind: string;
}

/** One engagement with a partner, effective on its own date. */
@Entity({ name: 'rm_partner_engagements' })
@Index('rm_partner_engagements_effective', ['effectiveAt'])
@Index('rm_partner_engagements_partner', ['partnerId', 'effectiveAt'])
export class PartnerEngagementRow {
  @PrimaryColumn({ type: 'bigint', transformer: BIGINT }) position: bigint;
  @Column({ name: 'known_at', type: 'timestamptz' }) knownAt: Date;
  @Column({ name: 'effective_at', type: 'timestamptz' }) effectiveAt: Date;
  @Column({ name: 'partner_id', type: 'text' }) partnerId: string;
  @Column({ name: 'engagement_id', type: 'text' }) engagementId: string;
  @Column({ type: 'text' }) date: string;
  @Column({ type: 'text' }) channel: string;
  @Column({ type: 'jsonb' }) topics: string[];
  @Column({ type: 'jsonb' }) indicators: string[];
  @Column({ type: 'text' }) summary: string;
}

export const PARTNER_ENTITIES = [PartnerRegisteredRow, PartnerEngagementRow];
