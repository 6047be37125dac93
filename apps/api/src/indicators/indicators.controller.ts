import { Body, Controller, Param, Post, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Roles, WRITERS } from '../auth/roles.js';
import { Command, type CommandContext } from '../commands/command-context.js';
import { deterministicUuid } from '../commands/deterministic-id.js';
import { IndicatorId } from '../http/slug-param.pipe.js';
import { WriteResponse, writeResponse } from '../http/write-response.js';
import { RecordBacklogItems } from './backlog-items.command.js';
import { ExecuteIndicatorCommand } from './indicator.command.js';
import {
  AssessRiskRequest, CorrectFigureRequest, RecordFigureRequest, RecordItemsRequest, RegisterIndicatorRequest,
  RetireThresholdRequest, ReviseBaselineRequest, SetThresholdRequest,
} from './indicator.request.dto.js';

/** The programme office's commands on indicators. */
@ApiTags('indicators')
@ApiBearerAuth()
@Controller('api/indicators')
@Roles(...WRITERS)
export class IndicatorsController {
  constructor(private readonly commands: CommandBus) {}

  private async send(res: Response, indicatorId: string, command: ExecuteIndicatorCommand['command'], ctx: CommandContext, extra?: object) {
    const result = await this.commands.execute(new ExecuteIndicatorCommand(indicatorId, command, ctx));
    return writeResponse(res, result, extra);
  }

  @Post()
  @ApiOperation({ summary: 'Register an indicator' })
  @ApiCreatedResponse({ type: WriteResponse })
  register(@Body() body: RegisterIndicatorRequest, @Command() ctx: CommandContext, @Res({ passthrough: true }) res: Response) {
    return this.send(res, body.id, { type: 'RegisterIndicator', data: { ...body, baseline: { ...body.baseline } }, now: ctx.now }, ctx);
  }

  @Post(':id/baseline-revisions')
  @ApiOperation({ summary: "Revise an indicator's baseline (a reason is required)" })
  @ApiCreatedResponse({ type: WriteResponse })
  reviseBaseline(@Param('id', IndicatorId) id: string, @Body() body: ReviseBaselineRequest, @Command() ctx: CommandContext, @Res({ passthrough: true }) res: Response) {
    return this.send(res, id, { type: 'ReviseBaseline', data: { indicatorId: id, ...body, baseline: { ...body.baseline } }, now: ctx.now }, ctx);
  }

  @Post(':id/figures')
  @ApiOperation({ summary: 'Record a figure' })
  @ApiCreatedResponse({ type: WriteResponse })
  recordFigure(@Param('id', IndicatorId) id: string, @Body() body: RecordFigureRequest, @Command() ctx: CommandContext, @Res({ passthrough: true }) res: Response) {
    const figureId = body.figureId ?? deterministicUuid(ctx.commandId, 'figure');
    return this.send(res, id, { type: 'RecordFigure', data: { ...body, indicatorId: id, figureId }, now: ctx.now }, ctx, { figureId });
  }

  @Post(':id/figures/:figureId/corrections')
  @ApiOperation({ summary: 'Correct a figure (a new, visible correction; the figure itself is never edited)' })
  @ApiCreatedResponse({ type: WriteResponse })
  correctFigure(
    @Param('id', IndicatorId) id: string,
    @Param('figureId') figureId: string,
    @Body() body: CorrectFigureRequest,
    @Command() ctx: CommandContext,
    @Res({ passthrough: true }) res: Response,
  ) {
    const correctionId = deterministicUuid(ctx.commandId, 'correction');
    return this.send(res, id, { type: 'CorrectFigure', data: { ...body, indicatorId: id, figureId, correctionId }, now: ctx.now }, ctx, { figureId, correctionId });
  }

  @Post(':id/risk-assessments')
  @ApiOperation({ summary: 'Record a risk assessment of the backlog' })
  @ApiCreatedResponse({ type: WriteResponse })
  assessRisk(@Param('id', IndicatorId) id: string, @Body() body: AssessRiskRequest, @Command() ctx: CommandContext, @Res({ passthrough: true }) res: Response) {
    return this.send(res, id, { type: 'AssessRisk', data: { ...body, indicatorId: id }, now: ctx.now }, ctx);
  }

  @Post(':id/thresholds')
  @ApiOperation({ summary: 'Set a threshold (level, growth over N days, item age)' })
  @ApiCreatedResponse({ type: WriteResponse })
  setThreshold(@Param('id', IndicatorId) id: string, @Body() body: SetThresholdRequest, @Command() ctx: CommandContext, @Res({ passthrough: true }) res: Response) {
    return this.send(res, id, { type: 'SetThreshold', data: { ...body, indicatorId: id }, now: ctx.now }, ctx);
  }

  @Post(':id/thresholds/:thresholdId/retire')
  @ApiOperation({ summary: 'Retire a threshold' })
  @ApiCreatedResponse({ type: WriteResponse })
  retireThreshold(
    @Param('id', IndicatorId) id: string,
    @Param('thresholdId') thresholdId: string,
    @Body() body: RetireThresholdRequest,
    @Command() ctx: CommandContext,
    @Res({ passthrough: true }) res: Response,
  ) {
    return this.send(res, id, { type: 'RetireThreshold', data: { ...body, indicatorId: id, thresholdId }, now: ctx.now }, ctx);
  }

  @Post(':id/items')
  @ApiOperation({
    summary: 'Record a batch of the item-level feed (idempotent per item and event)',
    description: 'Each item has its own stream; the answer names the last item written and the highest position. If-Match only with the lines of one item.',
  })
  @ApiCreatedResponse({ type: WriteResponse })
  async recordItems(@Param('id', IndicatorId) id: string, @Body() body: RecordItemsRequest, @Command() ctx: CommandContext, @Res({ passthrough: true }) res: Response) {
    const items = body.items.map((line) => ({ ...line }));
    const result = await this.commands.execute(new RecordBacklogItems({ type: 'RecordItems', data: { indicatorId: id, items }, now: ctx.now }, ctx));
    return writeResponse(res, result);
  }
}
