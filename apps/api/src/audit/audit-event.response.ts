import { ApiProperty } from '@nestjs/swagger';
import type { RecordedEvent } from '@rm/event-store';

/** One raw event with both of its times and who caused it, for inspectors. */
export class AuditEvent {
  @ApiProperty() id: string;
  @ApiProperty({ example: 'FigureRecorded' }) type: string;
  @ApiProperty({ example: 'indicator-da-risk-assessment' }) streamId: string;
  @ApiProperty() revision: number;
  @ApiProperty({ description: 'global position, a decimal string' }) position: string;
  @ApiProperty({ description: 'when the store saved it' }) recordedAt: string;
  @ApiProperty({ description: 'when the organisation knew it: the reported time of an imported event, else the recorded time' }) knownAt: string;
  @ApiProperty({ description: 'when it was true in the world', nullable: true }) effectiveAt: string | null;
  @ApiProperty({ type: Object }) data: Record<string, unknown>;
  @ApiProperty({ type: Object, description: 'actor, commandId, correlationId, causationId, effectiveAt, reportedAt/imported for imports' })
  metadata: Record<string, unknown>;
}

export class AuditPage {
  @ApiProperty({ type: [AuditEvent] }) events: AuditEvent[];
  @ApiProperty({ nullable: true, description: 'pass as `after` for the next page; null at the end' }) next: string | null;
}

export function toAuditEvent(event: RecordedEvent): AuditEvent {
  const recordedAt = event.recordedAt.toISOString();
  const reported = event.metadata.imported === true && typeof event.metadata.reportedAt === 'string' ? event.metadata.reportedAt : undefined;
  return {
    id: event.id,
    type: event.type,
    streamId: event.streamId,
    revision: Number(event.revision),
    position: event.position.toString(),
    recordedAt,
    knownAt: reported ?? recordedAt,
    effectiveAt: typeof event.metadata.effectiveAt === 'string' ? event.metadata.effectiveAt : null,
    data: event.data,
    metadata: event.metadata,
  };
}
