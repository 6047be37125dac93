import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { BIGINT } from '../core/entity-table.js';

/** A plan's definition: holds for every effective time once known. */
@Entity({ name: 'rm_plan_created' })
@Index('rm_plan_created_plan', ['planId', 'knownAt'])
export class PlanCreatedRow {
  @PrimaryColumn({ type: 'bigint', transformer: BIGINT }) position: bigint;
  @Column({ name: 'known_at', type: 'timestamptz' }) knownAt: Date;
  @Column({ name: 'effective_at', type: 'timestamptz' }) effectiveAt: Date;
  @Column({ name: 'plan_id', type: 'text' }) planId: string;
  @Column({ type: 'text' }) title: string;
  @Column({ type: 'text' }) objective: string;
  @Column({ name: 'target_date', type: 'text' }) targetDate: string;
}

/** An action's definition, with its original due date. */
@Entity({ name: 'rm_plan_action_added' })
@Index('rm_plan_action_added_plan', ['planId', 'knownAt'])
export class ActionAddedRow {
  @PrimaryColumn({ type: 'bigint', transformer: BIGINT }) position: bigint;
  @Column({ name: 'known_at', type: 'timestamptz' }) knownAt: Date;
  @Column({ name: 'effective_at', type: 'timestamptz' }) effectiveAt: Date;
  @Column({ name: 'plan_id', type: 'text' }) planId: string;
  @Column({ name: 'action_id', type: 'text' }) actionId: string;
  @Column({ type: 'text' }) title: string;
  @Column({ type: 'text' }) owner: string;
  @Column({ name: 'due_date', type: 'text' }) dueDate: string;
  @Column({ type: 'jsonb' }) indicators: string[];
  @Column({ type: 'jsonb' }) questions: number[];
  @Column({ name: 'success_measure', type: 'text' }) successMeasure: string;
}

/** A dated lifecycle fact of an action: started, progress, rescheduled, completed or cancelled. */
@Entity({ name: 'rm_plan_action_changes' })
@Index('rm_plan_action_changes_plan', ['planId', 'effectiveAt'])
export class ActionChangeRow {
  @PrimaryColumn({ type: 'bigint', transformer: BIGINT }) position: bigint;
  @Column({ name: 'known_at', type: 'timestamptz' }) knownAt: Date;
  @Column({ name: 'effective_at', type: 'timestamptz' }) effectiveAt: Date;
  @Column({ name: 'plan_id', type: 'text' }) planId: string;
  @Column({ name: 'action_id', type: 'text' }) actionId: string;
  @Column({ type: 'text' }) kind: string;
  @Column({ name: 'on_date', type: 'text', nullable: true }) on: string | null;
  @Column({ type: 'double precision', nullable: true }) percent: number | null;
  @Column({ name: 'due_date', type: 'text', nullable: true }) dueDate: string | null;
  @Column({ name: 'previous_due_date', type: 'text', nullable: true }) previousDueDate:
    string | null;
  @Column({ type: 'text', nullable: true }) text: string | null;
}

/** A plan's expected path for one indicator; the latest known replaces the others. */
@Entity({ name: 'rm_plan_trajectory_sets' })
@Index('rm_plan_trajectory_sets_indicator', ['indicatorId', 'knownAt', 'position'])
@Index('rm_plan_trajectory_sets_plan', ['planId', 'indicatorId', 'knownAt'])
export class TrajectorySetRow {
  @PrimaryColumn({ type: 'bigint', transformer: BIGINT }) position: bigint;
  @Column({ name: 'known_at', type: 'timestamptz' }) knownAt: Date;
  @Column({ name: 'effective_at', type: 'timestamptz' }) effectiveAt: Date;
  @Column({ name: 'plan_id', type: 'text' }) planId: string;
  @Column({ name: 'indicator_id', type: 'text' }) indicatorId: string;
  @Column({ type: 'jsonb' }) points: { date: string; value: number }[];
}

export const PLAN_ENTITIES = [PlanCreatedRow, ActionAddedRow, ActionChangeRow, TrajectorySetRow];
