import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** One line of an item-level feed (opened, graded, cleared), effective at `at`. */
@Entity({ name: 'rm_indicator_backlog_items' })
@Index('rm_indicator_backlog_items_effective', ['indicatorId', 'at'])
export class BacklogItemEventRow {
  @PrimaryColumn({ type: 'bigint' }) position: string;
  @Column({ name: 'indicator_id', type: 'text' }) indicatorId: string;
  @Column({ type: 'text' }) ref: string;
  @Column({ type: 'text' }) event: string;
  @Column({ type: 'timestamptz' }) at: Date;
  @Column({ name: 'known_at', type: 'timestamptz' }) knownAt: Date;
  @Column({ type: 'text', nullable: true }) risk: string | null;
}
