import { applyDecorators, Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { addDays, dayOf, PROJECTION_METHODS } from '@rm/forecasting';
import { describeTimeTravel, projectionAccuracy, trendProjection, trendProjections, type TimeTravel } from '@rm/projections';
import { READERS, Roles } from '../auth/roles.js';
import { invalid, ProblemException } from '../http/problem.js';
import { IndicatorId } from '../http/slug-param.pipe.js';
import { CsvList } from '../http/csv-list.js';
import { ReadModels } from '../read-models/read-models.service.js';
import { TimeTravelParams } from '../read-models/time-travel.decorators.js';
import { TimeTravelResolver, type TimeTravelQuery } from '../read-models/time-travel.request.js';
import { dayParam, methodParam, wholeParam, windowParam } from './trend-params.js';

type TrendQuery = TimeTravelQuery & { method?: string; window?: string };
type AccuracyQuery = TrendQuery & { from?: string; to?: string; every?: string; horizon?: string };

const MAX_FORECASTS = 1000;

const notKnown = (id: string, tt: TimeTravel) =>
  new ProblemException(404, 'INDICATOR.NOT_FOUND', 'Not found', `no indicator "${id}" is known at ${describeTimeTravel(tt).knownAt}`);

const TrendParams = () =>
  applyDecorators(
    ApiQuery({ name: 'method', required: false, enum: PROJECTION_METHODS, description: 'ols (default): least squares with an 80 % prediction band; theil-sen: median pairwise slope with its 10th–90th percentile range' }),
    ApiQuery({ name: 'window', required: false, description: 'days of figures before asOf to fit, 1–730 (default 42)' }),
  );

/** Trend projections for governance boards: the projected return to baseline, and how good past projections were. */
@ApiTags('projections')
@ApiBearerAuth()
@Controller('api')
@Roles(...READERS)
export class ProjectionsReadController {
  constructor(
    private readonly readModels: ReadModels,
    private readonly timeTravel: TimeTravelResolver,
  ) {}

  @Get('projections')
  @ApiOperation({ summary: "Every indicator's trend projection: fitted trend, projected return to baseline with its 80 % range, pace, status" })
  @TrendParams()
  @TimeTravelParams()
  @CsvList('projections')
  async list(@Query() query: TrendQuery) {
    const options = { method: methodParam(query.method), windowDays: windowParam(query.window) };
    const tt = await this.timeTravel.resolve(query);
    const time = describeTimeTravel(tt);
    return { projections: (await trendProjections(this.readModels.db, tt, options)).map((p) => ({ ...p, ...time })), ...time };
  }

  @Get('indicators/:id/projection')
  @ApiOperation({ summary: "One indicator's trend projection (method, window, points, fit, return dates, status, pace, formula)" })
  @TrendParams()
  @TimeTravelParams()
  async one(@Param('id', IndicatorId) id: string, @Query() query: TrendQuery) {
    const options = { method: methodParam(query.method), windowDays: windowParam(query.window) };
    const tt = await this.timeTravel.resolve(query);
    const projection = await trendProjection(this.readModels.db, tt, id, options);
    if (!projection) throw notKnown(id, tt);
    return { ...projection, ...describeTimeTravel(tt) };
  }

  @Get('indicators/:id/projection/accuracy')
  @ApiOperation({ summary: 'Past projections against what happened: for each forecast day, ŷ(horizon) and band as known then, the actual as known now' })
  @ApiQuery({ name: 'from', required: false, description: 'first forecast day (YYYY-MM-DD); default a year before to' })
  @ApiQuery({ name: 'to', required: false, description: "last forecast day (YYYY-MM-DD); default asOf's day less the horizon" })
  @ApiQuery({ name: 'every', required: false, description: 'days between forecast days, 1–366 (default 7)' })
  @ApiQuery({ name: 'horizon', required: false, description: 'days ahead each forecast looked, 1–730 (default 28)' })
  @TrendParams()
  @TimeTravelParams()
  async accuracy(@Param('id', IndicatorId) id: string, @Query() query: AccuracyQuery) {
    const method = methodParam(query.method);
    const windowDays = windowParam(query.window);
    const every = wholeParam('every', query.every, 7, 1, 366);
    const horizon = wholeParam('horizon', query.horizon, 28, 1, 730);
    const givenFrom = dayParam('from', query.from);
    const givenTo = dayParam('to', query.to);
    const tt = await this.timeTravel.resolve(query);
    const to = givenTo ?? addDays(dayOf(tt.asOf), -horizon);
    const from = givenFrom ?? addDays(to, -364);
    if (from > to) throw invalid('to', 'must not be before from');
    if ((Date.parse(to) - Date.parse(from)) / 86_400_000 / every >= MAX_FORECASTS) throw invalid('every', `must leave at most ${MAX_FORECASTS} forecast days between from and to`);
    const accuracy = await projectionAccuracy(this.readModels.db, tt, id, { method, windowDays, every, horizon, from, to });
    if (!accuracy) throw notKnown(id, tt);
    return { ...accuracy, from, to, ...describeTimeTravel(tt) };
  }
}
