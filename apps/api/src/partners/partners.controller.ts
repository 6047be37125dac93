import { Body, Controller, Param, Post, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Roles, WRITERS } from '../auth/roles.js';
import { Command, type CommandContext } from '../commands/command-context.js';
import { deterministicUuid } from '../commands/deterministic-id.js';
import { PartnerId } from '../http/slug-param.pipe.js';
import { WriteResponse, writeResponse } from '../http/write-response.js';
import { ExecutePartnerCommand } from './partner.command.js';
import { RecordEngagementRequest, RegisterPartnerRequest } from './partner.request.dto.js';

/** The programme office's commands on partner agencies. */
@ApiTags('partners')
@ApiBearerAuth()
@Controller('api/partners')
@Roles(...WRITERS)
export class PartnersController {
  constructor(private readonly commands: CommandBus) {}

  private async send(res: Response, partnerId: string, command: ExecutePartnerCommand['command'], ctx: CommandContext, extra?: object) {
    const result = await this.commands.execute(new ExecutePartnerCommand(partnerId, command, ctx));
    return writeResponse(res, result, extra);
  }

  @Post()
  @ApiOperation({ summary: 'Register a partner agency' })
  @ApiCreatedResponse({ type: WriteResponse })
  register(@Body() body: RegisterPartnerRequest, @Command() ctx: CommandContext, @Res({ passthrough: true }) res: Response) {
    return this.send(res, body.id, { type: 'RegisterPartner', data: { ...body }, now: ctx.now }, ctx);
  }

  @Post(':id/engagements')
  @ApiOperation({ summary: 'Record an engagement with a partner (who was told what, when, by which channel)' })
  @ApiCreatedResponse({ type: WriteResponse })
  recordEngagement(@Param('id', PartnerId) id: string, @Body() body: RecordEngagementRequest, @Command() ctx: CommandContext, @Res({ passthrough: true }) res: Response) {
    const engagementId = body.engagementId ?? deterministicUuid(ctx.commandId, 'engagement');
    const data = { ...body, partnerId: id, engagementId, topics: [...body.topics], indicators: [...body.indicators] };
    return this.send(res, id, { type: 'RecordEngagement', data, now: ctx.now }, ctx, { engagementId });
  }
}
