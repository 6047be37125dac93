import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { describeTimeTravel, partners } from '@rm/projections';
import { READERS, Roles } from '../auth/roles.js';
import { ReadModels } from '../read-models/read-models.service.js';
import { TimeTravelParams } from '../read-models/time-travel.decorators.js';
import { TimeTravelResolver, type TimeTravelQuery } from '../read-models/time-travel.request.js';

/** Partner engagement, at any (asOf, knownAt). */
// Both tags and the operation id of when one controller answered partners and workforce: the published document stays the same.
@ApiTags('partners', 'workforce')
@ApiBearerAuth()
@Controller('api')
@Roles(...READERS)
export class PartnersReadController {
  constructor(
    private readonly readModels: ReadModels,
    private readonly timeTravel: TimeTravelResolver,
  ) {}

  @Get('partners')
  @ApiOperation({ summary: 'Partners: last engagement, engagements in 30 and 90 days, not engaged for 30 days', operationId: 'PartnersWorkforceReadController_partners' })
  @TimeTravelParams()
  async partners(@Query() query: TimeTravelQuery) {
    const tt = await this.timeTravel.resolve(query);
    const list = await partners(this.readModels.db, tt);
    return { partners: list, notEngagedFor30Days: list.filter((p) => p.notEngagedFor30Days).map((p) => p.id), ...describeTimeTravel(tt) };
  }
}
