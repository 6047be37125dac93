import { Column, Entity, PrimaryColumn } from 'typeorm';

/** How far each projection has applied the log; advanced in the same transaction as its rows. */
@Entity({ name: 'rm_projection_checkpoints' })
export class ProjectionCheckpoint {
  @PrimaryColumn({ type: 'text' }) name: string;
  @Column({ type: 'bigint' }) position: string;
  @Column({ name: 'updated_at', type: 'timestamptz' }) updatedAt: Date;
}
