import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { BIGINT } from '../core/entity-table.js';

/** A correction: it applies from its figure's effective time, to reads that know it. */
@Entity({ name: 'rm_indicator_figure_corrections' })
@Index('rm_indicator_figure_corrections_known', ['indicatorId', 'knownAt'])
@Index('rm_indicator_figure_corrections_figure', ['indicatorId', 'figureId'])
export class FigureCorrectionRow {
  @PrimaryColumn({ type: 'bigint', transformer: BIGINT }) position: bigint;
  @Column({ name: 'indicator_id', type: 'text' }) indicatorId: string;
  @Column({ name: 'figure_id', type: 'text' }) figureId: string;
  @Column({ name: 'correction_id', type: 'text', nullable: true }) correctionId: string | null;
  @Column({ type: 'double precision' }) value: number;
  @Column({ name: 'previous_value', type: 'double precision' }) previousValue: number;
  @Column({ name: 'effective_at', type: 'timestamptz' }) effectiveAt: Date;
  @Column({ name: 'known_at', type: 'timestamptz' }) knownAt: Date;
  @Column({ type: 'text' }) reason: string;
}
