import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { BIGINT } from '../core/entity-table.js';

/**
 * One backlog item: its first opening and first clearing line by log position, each with its
 * effective time (`*_at`), known time and position. `irregular` when the log holds further
 * openings or clearings of it (rm_indicator_backlog_items keeps those). Indexed by its span in
 * effective time: see 1764700000000-backlog-item-lifecycles.migration.ts.
 */
@Entity({ name: 'rm_indicator_backlog_item_lifecycles' })
// An SP-GiST index over an expression, with INCLUDE: beyond what the schema builder compares.
@Index('rm_indicator_backlog_item_lifecycles_span', { synchronize: false })
@Index('rm_indicator_backlog_item_lifecycles_irregular', ['indicatorId'], { where: 'irregular' })
// Kept lifecycles load only the lines logged since their newest position when a read's position moves.
@Index('rm_indicator_backlog_item_lifecycles_opened_position', ['openedPosition'])
@Index('rm_indicator_backlog_item_lifecycles_cleared_position', ['clearedPosition'])
export class BacklogItemLifecycleRow {
  @PrimaryColumn({ name: 'indicator_id', type: 'text' }) indicatorId: string;
  @PrimaryColumn({ type: 'text', collation: 'C' }) ref: string;
  @Column({ name: 'opened_position', type: 'bigint', transformer: BIGINT, nullable: true }) openedPosition: bigint | null;
  @Column({ name: 'opened_at', type: 'timestamptz', nullable: true }) openedAt: Date | null;
  @Column({ name: 'opened_known_at', type: 'timestamptz', nullable: true }) openedKnownAt: Date | null;
  @Column({ name: 'cleared_position', type: 'bigint', transformer: BIGINT, nullable: true }) clearedPosition: bigint | null;
  @Column({ name: 'cleared_at', type: 'timestamptz', nullable: true }) clearedAt: Date | null;
  @Column({ name: 'cleared_known_at', type: 'timestamptz', nullable: true }) clearedKnownAt: Date | null;
  @Column({ type: 'boolean', default: false }) irregular: boolean;
}
