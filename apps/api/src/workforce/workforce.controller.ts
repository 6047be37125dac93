import { Body, Controller, Post, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Roles, WRITERS } from '../auth/roles.js';
import { Command, type CommandContext } from '../commands/command-context.js';
import { deterministicUuid } from '../commands/deterministic-id.js';
import { WriteResponse, writeResponse } from '../http/write-response.js';
import { ExecuteWorkforceCommand } from './workforce.command.js';
import { RecordSupportMeasureRequest, RecordSurveyRequest, RecordTrainingRequest } from './workforce.request.dto.js';

/** The programme office's records of workforce confidence, training and support. */
@ApiTags('workforce')
@ApiBearerAuth()
@Controller('api/workforce')
@Roles(...WRITERS)
export class WorkforceController {
  constructor(private readonly commands: CommandBus) {}

  private async send(res: Response, command: ExecuteWorkforceCommand['command'], ctx: CommandContext, extra: object) {
    const result = await this.commands.execute(new ExecuteWorkforceCommand(command, ctx));
    return writeResponse(res, result, extra);
  }

  @Post('surveys')
  @ApiOperation({ summary: 'Record a workforce confidence survey' })
  @ApiCreatedResponse({ type: WriteResponse })
  recordSurvey(@Body() body: RecordSurveyRequest, @Command() ctx: CommandContext, @Res({ passthrough: true }) res: Response) {
    const surveyId = body.surveyId ?? deterministicUuid(ctx.commandId, 'survey');
    return this.send(res, { type: 'RecordConfidenceSurvey', data: { ...body, surveyId }, now: ctx.now }, ctx, { surveyId });
  }

  @Post('training')
  @ApiOperation({ summary: 'Record a training session' })
  @ApiCreatedResponse({ type: WriteResponse })
  recordTraining(@Body() body: RecordTrainingRequest, @Command() ctx: CommandContext, @Res({ passthrough: true }) res: Response) {
    const trainingId = body.trainingId ?? deterministicUuid(ctx.commandId, 'training');
    return this.send(res, { type: 'RecordTraining', data: { ...body, trainingId }, now: ctx.now }, ctx, { trainingId });
  }

  @Post('support-measures')
  @ApiOperation({ summary: 'Record a support measure for the workforce' })
  @ApiCreatedResponse({ type: WriteResponse })
  recordSupportMeasure(@Body() body: RecordSupportMeasureRequest, @Command() ctx: CommandContext, @Res({ passthrough: true }) res: Response) {
    const measureId = body.measureId ?? deterministicUuid(ctx.commandId, 'support-measure');
    return this.send(res, { type: 'RecordSupportMeasure', data: { ...body, measureId }, now: ctx.now }, ctx, { measureId });
  }
}
