import { Controller, Get, Inject, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { ALL_EVENT_TYPES } from '@rm/domain';
import { EVENT_STORE, type EventStore } from '@rm/event-store';
import { AUDITORS, Roles } from '../auth/roles.js';
import { ProblemException } from '../http/problem.js';
import { bigintParam, limitParam } from '../http/query-params.js';
import { AuditEvent, AuditPage, toAuditEvent } from './audit-event.response.js';

const STREAM_ID = /^[A-Za-z0-9][A-Za-z0-9_.:@+-]{0,254}$/;

/** The raw audit trail: every event with its actor and both times. Inspectors and admins only. */
@ApiTags('audit trail')
@ApiBearerAuth()
@Controller('api')
@Roles(...AUDITORS)
export class AuditController {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  @Get('events')
  @ApiOperation({ summary: 'The global log in order, a page at a time' })
  @ApiQuery({ name: 'after', required: false, description: 'a position: events strictly after it' })
  @ApiQuery({ name: 'limit', required: false, description: '1-1000, default 100' })
  @ApiOkResponse({ type: AuditPage })
  async events(@Query('after') after?: string, @Query('limit') limit?: string): Promise<AuditPage> {
    const size = limitParam(limit);
    const events = await this.store.readAll({ after: bigintParam('after', after) ?? 0n, limit: size, types: ALL_EVENT_TYPES });
    return { events: events.map(toAuditEvent), next: events.length === size ? events[events.length - 1].position.toString() : null };
  }

  @Get('streams/:streamId')
  @ApiOperation({ summary: "One stream's events in revision order" })
  @ApiQuery({ name: 'fromRevision', required: false })
  @ApiQuery({ name: 'limit', required: false, description: '1-1000, default 1000' })
  @ApiOkResponse({ type: [AuditEvent] })
  async stream(@Param('streamId') streamId: string, @Query('fromRevision') fromRevision?: string, @Query('limit') limit?: string) {
    // Built only when thrown: an exception captures a stack trace, which cost every read.
    const notFound = () => new ProblemException(404, 'STREAM.NOT_FOUND', 'Not found', `no stream "${streamId.slice(0, 80)}"`);
    if (!STREAM_ID.test(streamId)) throw notFound();
    const events = await this.store.readStream(streamId, { fromRevision: bigintParam('fromRevision', fromRevision), maxCount: limitParam(limit, 1000) });
    if (events.length === 0 && fromRevision === undefined) throw notFound();
    return events.map(toAuditEvent);
  }
}
