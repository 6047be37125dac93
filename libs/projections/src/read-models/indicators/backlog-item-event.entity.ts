import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * One line of an item-level feed (opened, graded, cleared), effective at `at`. Indexed for
 * lifecycles by (indicator, ref), covering, opening and clearing lines only: see
 * 1764600000000-backlog-item-lifecycle-index.migration.ts (INCLUDE and COLLATE are beyond @Index).
 */
@Entity({ name: 'rm_indicator_backlog_items' })
export class BacklogItemEventRow {
  @PrimaryColumn({ type: 'bigint' }) position: string;
  @Column({ name: 'indicator_id', type: 'text' }) indicatorId: string;
  @Column({ type: 'text' }) ref: string;
  @Column({ type: 'text' }) event: string;
  @Column({ type: 'timestamptz' }) at: Date;
  @Column({ name: 'known_at', type: 'timestamptz' }) knownAt: Date;
  @Column({ type: 'text', nullable: true }) risk: string | null;
}
