import { Column, Entity, PrimaryColumn } from 'typeorm';
import { BIGINT } from './entity-table.js';

/** A projection that cannot apply an event: it stays at the position before it until fixed. */
@Entity({ name: 'rm_projection_faults' })
export class ProjectionFault {
  /** The projection's versioned name; one fault per projection, the event it is stuck on. */
  @PrimaryColumn({ name: 'name', type: 'text' }) projection: string;
  @Column({ type: 'bigint', transformer: BIGINT }) position: bigint;
  @Column({ name: 'event_id', type: 'text' }) eventId: string;
  @Column({ name: 'stream_id', type: 'text' }) streamId: string;
  @Column({ name: 'event_type', type: 'text' }) eventType: string;
  @Column({ type: 'text' }) error: string;
  /** Failed attempts on this event in a row. */
  @Column({ type: 'integer' }) attempts: number;
  @Column({ name: 'first_failed_at', type: 'timestamptz' }) firstFailedAt: Date;
  @Column({ name: 'last_failed_at', type: 'timestamptz' }) lastFailedAt: Date;
}
