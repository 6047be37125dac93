import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { describeTimeTravel, partners, workforce } from '@rm/projections';
import { READERS, Roles } from '../auth/roles.js';
import { ReadModels } from '../read-models/read-models.service.js';
import { TimeTravelParams } from '../read-models/time-travel.decorators.js';
import { TimeTravelResolver, type TimeTravelQuery } from '../read-models/time-travel.request.js';

/** Partner engagement and workforce support, at any (asOf, knownAt). */
@ApiTags('partners', 'workforce')
@ApiBearerAuth()
@Controller('api')
@Roles(...READERS)
export class PartnersWorkforceReadController {
  constructor(
    private readonly readModels: ReadModels,
    private readonly timeTravel: TimeTravelResolver,
  ) {}

  @Get('partners')
  @ApiOperation({ summary: 'Partners: last engagement, engagements in 30 and 90 days, not engaged for 30 days' })
  @TimeTravelParams()
  async partners(@Query() query: TimeTravelQuery) {
    const tt = await this.timeTravel.resolve(query);
    const list = await partners(this.readModels.db, tt);
    return { partners: list, notEngagedFor30Days: list.filter((p) => p.notEngagedFor30Days).map((p) => p.id), ...describeTimeTravel(tt) };
  }

  @Get('workforce')
  @ApiOperation({ summary: 'Workforce: confidence trend, training totals, support measures' })
  @TimeTravelParams()
  async workforce(@Query() query: TimeTravelQuery) {
    const tt = await this.timeTravel.resolve(query);
    return { ...(await workforce(this.readModels.db, tt)), ...describeTimeTravel(tt) };
  }
}
