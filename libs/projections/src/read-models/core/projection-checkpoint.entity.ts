import { Column, Entity, PrimaryColumn } from 'typeorm';
import { BIGINT } from './entity-table.js';

/** How far each projection has applied the log; advanced in the same transaction as its rows. */
@Entity({ name: 'rm_projection_checkpoints' })
export class ProjectionCheckpoint {
  @PrimaryColumn({ type: 'text' }) name: string;
  @Column({ type: 'bigint', transformer: BIGINT }) position: bigint;
  @Column({ name: 'updated_at', type: 'timestamptz' }) updatedAt: Date;
}
