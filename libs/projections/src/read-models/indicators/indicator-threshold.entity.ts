import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { BIGINT } from '../core/entity-table.js';

/** A threshold set or retired; a definition, so only known time filters it. */
@Entity({ name: 'rm_indicator_thresholds' })
@Index('rm_indicator_thresholds_known', ['indicatorId', 'knownAt'])
export class IndicatorThresholdRow {
  @PrimaryColumn({ type: 'bigint', transformer: BIGINT }) position: bigint;
  @Column({ name: 'indicator_id', type: 'text' }) indicatorId: string;
  @Column({ name: 'threshold_id', type: 'text' }) thresholdId: string;
  @Column({ type: 'text' }) event: string;
  @Column({ type: 'text', nullable: true }) kind: string | null;
  @Column({ name: 'limit_value', type: 'double precision', nullable: true }) limitValue: number | null;
  @Column({ name: 'window_days', type: 'double precision', nullable: true }) windowDays: number | null;
  @Column({ type: 'text', nullable: true }) reason: string | null;
  @Column({ name: 'known_at', type: 'timestamptz' }) knownAt: Date;
  /** Null on rows projected before thresholds had one: in force from their known time. */
  @Column({ name: 'in_force_from', type: 'timestamptz', nullable: true }) inForceFrom: Date | null;
}
