import { Controller, Get, Inject, Param, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { recoveryPlanStream } from '@rm/domain';
import { EVENT_STORE, type EventStore } from '@rm/event-store';
import type { Response } from 'express';
import { describeTimeTravel, recoveryActions, recoveryPlan, type RecoveryActionStatus } from '@rm/projections';
import { READERS, Roles } from '../auth/roles.js';
import { CsvList } from '../http/csv-list.js';
import { ProblemException } from '../http/problem.js';
import { asKnownNow, notKnownThen } from '../read-models/not-known.js';
import { PlanId } from '../http/slug-param.pipe.js';
import { ReadModels } from '../read-models/read-models.service.js';
import { TimeTravelParams } from '../read-models/time-travel.decorators.js';
import { TimeTravelResolver, type TimeTravelQuery } from '../read-models/time-travel.request.js';

const STATUSES: readonly RecoveryActionStatus[] = ['planned', 'started', 'completed', 'cancelled'];

/** Recovery plans and their actions, at any (asOf, knownAt). */
@ApiTags('plans')
@ApiBearerAuth()
@Controller('api')
@Roles(...READERS)
export class PlansReadController {
  constructor(
    private readonly readModels: ReadModels,
    private readonly timeTravel: TimeTravelResolver,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  @Get('plans/:id')
  @ApiOperation({ summary: 'A recovery plan: actions, progress per inspection question, trajectories' })
  @TimeTravelParams()
  async plan(@Param('id', PlanId) id: string, @Query() query: TimeTravelQuery, @Res({ passthrough: true }) res: Response) {
    // The stream's current revision, for If-Match on the next write to the plan (an edit form's base).
    const [head] = await this.store.readStream(recoveryPlanStream(id), { direction: 'backwards', maxCount: 1 });
    if (head) res.setHeader('ETag', `"${head.revision}"`);
    const tt = await this.timeTravel.resolve(query);
    const plan = await recoveryPlan(this.readModels.db, tt, id);
    if (!plan) {
      const now = tt.knownAtLatest ? undefined : await recoveryPlan(this.readModels.db, asKnownNow(tt), id);
      throw notKnownThen({ code: 'PLAN.NOT_FOUND', noun: 'recovery plan', id, path: `/api/plans/${id}` }, tt, !!now);
    }
    return { ...plan, ...describeTimeTravel(tt) };
  }

  @Get('actions')
  @CsvList('actions')
  @ApiOperation({ summary: 'Recovery actions across plans: status, slips, overdue at the date' })
  @ApiQuery({ name: 'status', required: false, enum: STATUSES })
  @ApiQuery({ name: 'planId', required: false })
  @TimeTravelParams()
  async actions(@Query() query: TimeTravelQuery & { status?: string; planId?: string }) {
    if (query.status !== undefined && !STATUSES.includes(query.status as RecoveryActionStatus))
      throw new ProblemException(400, 'VALIDATION.FAILED', 'Bad request', `status must be one of ${STATUSES.join(', ')}`, [{ field: 'status', message: `must be one of ${STATUSES.join(', ')}` }]);
    const tt = await this.timeTravel.resolve(query);
    const actions = await recoveryActions(this.readModels.db, tt, { status: query.status as RecoveryActionStatus | undefined, planId: query.planId });
    return { actions, ...describeTimeTravel(tt) };
  }
}
