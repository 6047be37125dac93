import { Body, Controller, Injectable, Param, Post, Res, type PipeTransform } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Roles, WRITERS } from '../auth/roles.js';
import { Command, type CommandContext } from '../commands/command-context.js';
import { ProblemException } from '../http/problem.js';
import { PlanId } from '../http/slug-param.pipe.js';
import { WriteResponse, writeResponse } from '../http/write-response.js';
import { ExecutePlanCommand } from './plan.command.js';
import {
  ACTION_ID, AddActionRequest, CancelActionRequest, CompleteActionRequest, CreatePlanRequest, ReportProgressRequest,
  RescheduleActionRequest, SetTrajectoryRequest, StartActionRequest,
} from './plan.request.dto.js';

/** An action id that could never have been added names nothing: 404, not 400. */
@Injectable()
class ActionIdParam implements PipeTransform<string, string> {
  transform(value: string): string {
    if (!ACTION_ID.test(value)) throw new ProblemException(404, 'RESOURCE.NOT_FOUND', 'Not found', `no recovery action has the id "${value.slice(0, 80)}"`);
    return value;
  }
}

const ActionId = new ActionIdParam();

/** The programme office's commands on recovery plans, their actions and trajectories. */
@ApiTags('plans')
@ApiBearerAuth()
@Controller('api/plans')
@Roles(...WRITERS)
export class PlansController {
  constructor(private readonly commands: CommandBus) {}

  private async send(res: Response, planId: string, command: ExecutePlanCommand['command'], ctx: CommandContext) {
    const result = await this.commands.execute(new ExecutePlanCommand(planId, command, ctx));
    return writeResponse(res, result);
  }

  @Post()
  @ApiOperation({ summary: 'Create a recovery plan' })
  @ApiCreatedResponse({ type: WriteResponse })
  create(@Body() body: CreatePlanRequest, @Command() ctx: CommandContext, @Res({ passthrough: true }) res: Response) {
    return this.send(res, body.id, { type: 'CreatePlan', data: { ...body }, now: ctx.now }, ctx);
  }

  @Post(':id/actions')
  @ApiOperation({ summary: 'Add an action to a plan' })
  @ApiCreatedResponse({ type: WriteResponse })
  addAction(@Param('id', PlanId) id: string, @Body() body: AddActionRequest, @Command() ctx: CommandContext, @Res({ passthrough: true }) res: Response) {
    const data = { ...body, planId: id, indicators: [...body.indicators], questions: [...body.questions] };
    return this.send(res, id, { type: 'AddAction', data, now: ctx.now }, ctx);
  }

  @Post(':id/actions/:actionId/start')
  @ApiOperation({ summary: 'Start an action' })
  @ApiCreatedResponse({ type: WriteResponse })
  start(
    @Param('id', PlanId) id: string,
    @Param('actionId', ActionId) actionId: string,
    @Body() body: StartActionRequest,
    @Command() ctx: CommandContext,
    @Res({ passthrough: true }) res: Response,
  ) {
    return this.send(res, id, { type: 'StartAction', data: { ...body, planId: id, actionId }, now: ctx.now }, ctx);
  }

  @Post(':id/actions/:actionId/progress')
  @ApiOperation({ summary: "Report an action's progress" })
  @ApiCreatedResponse({ type: WriteResponse })
  progress(
    @Param('id', PlanId) id: string,
    @Param('actionId', ActionId) actionId: string,
    @Body() body: ReportProgressRequest,
    @Command() ctx: CommandContext,
    @Res({ passthrough: true }) res: Response,
  ) {
    return this.send(res, id, { type: 'ReportProgress', data: { ...body, planId: id, actionId }, now: ctx.now }, ctx);
  }

  @Post(':id/actions/:actionId/reschedule')
  @ApiOperation({ summary: 'Move an action to a new due date (a reason is required; the slip stays visible)' })
  @ApiCreatedResponse({ type: WriteResponse })
  reschedule(
    @Param('id', PlanId) id: string,
    @Param('actionId', ActionId) actionId: string,
    @Body() body: RescheduleActionRequest,
    @Command() ctx: CommandContext,
    @Res({ passthrough: true }) res: Response,
  ) {
    return this.send(res, id, { type: 'RescheduleAction', data: { ...body, planId: id, actionId }, now: ctx.now }, ctx);
  }

  @Post(':id/actions/:actionId/complete')
  @ApiOperation({ summary: 'Complete an action, with evidence' })
  @ApiCreatedResponse({ type: WriteResponse })
  complete(
    @Param('id', PlanId) id: string,
    @Param('actionId', ActionId) actionId: string,
    @Body() body: CompleteActionRequest,
    @Command() ctx: CommandContext,
    @Res({ passthrough: true }) res: Response,
  ) {
    return this.send(res, id, { type: 'CompleteAction', data: { ...body, planId: id, actionId }, now: ctx.now }, ctx);
  }

  @Post(':id/actions/:actionId/cancel')
  @ApiOperation({ summary: 'Cancel an action (a reason is required)' })
  @ApiCreatedResponse({ type: WriteResponse })
  cancel(
    @Param('id', PlanId) id: string,
    @Param('actionId', ActionId) actionId: string,
    @Body() body: CancelActionRequest,
    @Command() ctx: CommandContext,
    @Res({ passthrough: true }) res: Response,
  ) {
    return this.send(res, id, { type: 'CancelAction', data: { ...body, planId: id, actionId }, now: ctx.now }, ctx);
  }

  @Post(':id/trajectories')
  @ApiOperation({ summary: "Set the plan's expected path for one indicator (replaces any earlier one whole)" })
  @ApiCreatedResponse({ type: WriteResponse })
  setTrajectory(@Param('id', PlanId) id: string, @Body() body: SetTrajectoryRequest, @Command() ctx: CommandContext, @Res({ passthrough: true }) res: Response) {
    const points = body.points.map(({ date, value }) => ({ date, value }));
    return this.send(res, id, { type: 'SetTrajectory', data: { planId: id, indicatorId: body.indicatorId, points }, now: ctx.now }, ctx);
  }
}
