import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { BIGINT } from '../core/entity-table.js';

/**
 * A line of an item-level feed, effective at `at`: every grading, and the openings and clearings
 * beyond an item's first of each (BacklogItemLifecycleRow keeps those). Indexed by (indicator,
 * ref) for the openings and clearings: see 1764600000000-backlog-item-lifecycle-index.migration.ts.
 */
@Entity({ name: 'rm_indicator_backlog_items' })
// Partial, with a collation and INCLUDE: beyond what the schema builder compares.
@Index('rm_indicator_backlog_items_lifecycle', { synchronize: false })
export class BacklogItemEventRow {
  @PrimaryColumn({ type: 'bigint', transformer: BIGINT }) position: bigint;
  @Column({ name: 'indicator_id', type: 'text' }) indicatorId: string;
  @Column({ type: 'text' }) ref: string;
  @Column({ type: 'text' }) event: string;
  @Column({ type: 'timestamptz' }) at: Date;
  @Column({ name: 'known_at', type: 'timestamptz' }) knownAt: Date;
  @Column({ type: 'text', nullable: true }) risk: string | null;
}
