import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { describeTimeTravel, workforce } from '@rm/projections';
import { READERS, Roles } from '../auth/roles.js';
import { ReadModels } from '../read-models/read-models.service.js';
import { TimeTravelParams } from '../read-models/time-travel.decorators.js';
import { TimeTravelResolver, type TimeTravelQuery } from '../read-models/time-travel.request.js';

/** Workforce support, at any (asOf, knownAt). */
// Both tags and the operation id of when one controller answered partners and workforce: the published document stays the same.
@ApiTags('partners', 'workforce')
@ApiBearerAuth()
@Controller('api')
@Roles(...READERS)
export class WorkforceReadController {
  constructor(
    private readonly readModels: ReadModels,
    private readonly timeTravel: TimeTravelResolver,
  ) {}

  @Get('workforce')
  @ApiOperation({ summary: 'Workforce: confidence trend, training totals, support measures', operationId: 'PartnersWorkforceReadController_workforce' })
  @TimeTravelParams()
  async workforce(@Query() query: TimeTravelQuery) {
    const tt = await this.timeTravel.resolve(query);
    return { ...(await workforce(this.readModels.db, tt)), ...describeTimeTravel(tt) };
  }
}
