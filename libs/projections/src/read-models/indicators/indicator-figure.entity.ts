import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { BIGINT } from '../core/entity-table.js';

/** A recorded figure, as recorded: corrections live beside it and apply at read time. */
@Entity({ name: 'rm_indicator_figures' })
@Index('rm_indicator_figures_effective', ['indicatorId', 'effectiveAt'])
export class IndicatorFigureRow {
  @PrimaryColumn({ type: 'bigint', transformer: BIGINT }) position: bigint;
  @Column({ name: 'indicator_id', type: 'text' }) indicatorId: string;
  @Column({ name: 'figure_id', type: 'text' }) figureId: string;
  @Column({ type: 'double precision' }) value: number;
  @Column({ name: 'effective_at', type: 'timestamptz' }) effectiveAt: Date;
  @Column({ name: 'known_at', type: 'timestamptz' }) knownAt: Date;
  @Column({ type: 'text' }) source: string;
  @Column({ type: 'text', nullable: true }) note: string | null;
}
