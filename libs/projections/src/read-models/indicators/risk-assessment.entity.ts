import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { BIGINT } from '../core/entity-table.js';

/** A risk assessment, effective at `assessed_at`. */
@Entity({ name: 'rm_indicator_risk_assessments' })
@Index('rm_indicator_risk_assessments_effective', ['indicatorId', 'assessedAt'])
export class RiskAssessmentRow {
  @PrimaryColumn({ type: 'bigint', transformer: BIGINT }) position: bigint;
  @Column({ name: 'indicator_id', type: 'text' }) indicatorId: string;
  @Column({ name: 'assessment_id', type: 'text', nullable: true }) assessmentId: string | null;
  @Column({ name: 'assessed_at', type: 'timestamptz' }) assessedAt: Date;
  @Column({ name: 'known_at', type: 'timestamptz' }) knownAt: Date;
  @Column({ type: 'double precision' }) high: number;
  @Column({ type: 'double precision' }) medium: number;
  @Column({ type: 'double precision' }) standard: number;
  @Column({ type: 'text' }) rationale: string;
}
