import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { BIGINT } from '../core/entity-table.js';

/** A registration or baseline revision; a definition, so only known time filters it. */
@Entity({ name: 'rm_indicator_definitions' })
@Index('rm_indicator_definitions_known', ['indicatorId', 'knownAt'])
export class IndicatorDefinitionRow {
  @PrimaryColumn({ type: 'bigint', transformer: BIGINT }) position: bigint;
  @Column({ name: 'indicator_id', type: 'text' }) indicatorId: string;
  @Column({ type: 'text' }) kind: string;
  @Column({ name: 'known_at', type: 'timestamptz' }) knownAt: Date;
  @Column({ type: 'text', nullable: true }) name: string | null;
  @Column({ type: 'text', nullable: true }) description: string | null;
  @Column({ type: 'text', nullable: true }) unit: string | null;
  @Column({ type: 'text', nullable: true }) direction: string | null;
  @Column({ type: 'text', nullable: true }) owner: string | null;
  @Column({ type: 'jsonb', nullable: true }) questions: number[] | null;
  @Column({ name: 'baseline_value', type: 'double precision' }) baselineValue: number;
  @Column({ name: 'baseline_from', type: 'text' }) baselineFrom: string;
  @Column({ name: 'baseline_to', type: 'text' }) baselineTo: string;
  @Column({ name: 'baseline_source', type: 'text' }) baselineSource: string;
  @Column({ type: 'double precision' }) tolerance: number;
  @Column({ type: 'text', nullable: true }) reason: string | null;
}
