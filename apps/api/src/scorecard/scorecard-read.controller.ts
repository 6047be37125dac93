import { Controller, Get, Inject, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { describeTimeTravel, scorecard, scorecardHorizon } from '@rm/projections';
import { CsvList } from '../http/csv-list.js';
import { READERS, Roles } from '../auth/roles.js';
import { APP_CONFIG, type AppConfig } from '@rm/config';
import { ReadModels } from '../read-models/read-models.service.js';
import { KeptAnswers } from '../read-models/cached-answer.interceptor.js';
import { exactUntil } from '../read-models/answer-horizon.js';
import { TimeTravelParams } from '../read-models/time-travel.decorators.js';
import { TimeTravelResolver, type TimeTravelQuery } from '../read-models/time-travel.request.js';

/** The six inspection questions, red/amber/green by the configured rules, with their evidence. */
@ApiTags('scorecard')
@ApiBearerAuth()
@Controller('api/scorecard')
@Roles(...READERS)
export class ScorecardReadController {
  constructor(
    private readonly readModels: ReadModels,
    private readonly timeTravel: TimeTravelResolver,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Get()
  @KeptAnswers()
  @CsvList('questions')
  @ApiOperation({ summary: 'The scorecard: each inspection question with its status, rule and evidence' })
  @TimeTravelParams()
  async scorecard(@Query() query: TimeTravelQuery) {
    const tt = await this.timeTravel.resolve(query);
    const rules = this.config.scorecardRules;
    const [questions, validUntil] = await Promise.all([scorecard(this.readModels.db, tt, rules), query.asOf ? undefined : scorecardHorizon(this.readModels.db, tt, rules)]);
    const answer = { questions, rules, ...describeTimeTravel(tt) };
    return validUntil === undefined ? answer : exactUntil(answer, validUntil);
  }
}
