import { EARLIEST_DATE } from '@rm/domain';
import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import {
  describeTimeTravel, earlyWarnings, indicatorHistory, indicatorHorizon, indicatorPosition, indicatorPositions, parseMoment, trajectoryVersusActual,
  type TimeTravel,
} from '@rm/projections';
import { READERS, Roles } from '../auth/roles.js';
import { CsvList } from '../http/csv-list.js';
import { ProblemException } from '../http/problem.js';
import { IndicatorId } from '../http/slug-param.pipe.js';
import { SLUG } from '../http/validators.js';
import { ReadModels } from '../read-models/read-models.service.js';
import { KeptAnswers } from '../read-models/cached-answer.interceptor.js';
import { exactUntil } from '../read-models/answer-horizon.js';
import { TimeTravelParams } from '../read-models/time-travel.decorators.js';
import { TimeTravelResolver, type TimeTravelQuery } from '../read-models/time-travel.request.js';
import { asKnownNow, notKnownThen } from '../read-models/not-known.js';


/** Indicator positions, daily history, trajectory versus actual and early warnings, at any (asOf, knownAt). */
@ApiTags('indicators')
@ApiBearerAuth()
@Controller('api')
@Roles(...READERS)
export class IndicatorsReadController {
  constructor(
    private readonly readModels: ReadModels,
    private readonly timeTravel: TimeTravelResolver,
  ) {}

  private async notKnown(id: string, tt: TimeTravel): Promise<ProblemException> {
    const now = tt.knownAtLatest ? undefined : await indicatorPosition(this.readModels.db, asKnownNow(tt), id);
    return notKnownThen({ code: 'INDICATOR.NOT_FOUND', noun: 'indicator', id, path: `/api/indicators/${id}` }, tt, now !== undefined && now !== null);
  }

  @Get('indicators')
  @KeptAnswers()
  @CsvList('indicators')
  @ApiOperation({ summary: 'Every indicator: value, gap to baseline, peak, share recovered, tolerance, risk, warnings' })
  @TimeTravelParams()
  async list(@Query() query: TimeTravelQuery) {
    const tt = await this.timeTravel.resolve(query);
    const [indicators, validUntil] = await Promise.all([indicatorPositions(this.readModels.db, tt), query.asOf ? undefined : indicatorHorizon(this.readModels.db, tt)]);
    const answer = { indicators, ...describeTimeTravel(tt) };
    return validUntil === undefined ? answer : exactUntil(answer, validUntil);
  }

  @Get('indicators/:id')
  @KeptAnswers()
  @ApiOperation({ summary: "One indicator's position: value, gap to baseline, peak, share recovered, tolerance (the indicator arithmetic)" })
  @TimeTravelParams()
  async one(@Param('id', IndicatorId) id: string, @Query() query: TimeTravelQuery) {
    const tt = await this.timeTravel.resolve(query);
    const [position, validUntil] = await Promise.all([indicatorPosition(this.readModels.db, tt, id), query.asOf ? undefined : indicatorHorizon(this.readModels.db, tt, id)]);
    if (!position) throw await this.notKnown(id, tt);
    const answer = { ...position, ...describeTimeTravel(tt) };
    return validUntil === undefined ? answer : exactUntil(answer, validUntil);
  }

  @Get('indicators/:id/history')
  @CsvList('points')
  @ApiOperation({ summary: 'One value per UTC day, the last figure carried forward, corrections applied' })
  @ApiQuery({ name: 'from', required: false, description: 'first day (YYYY-MM-DD), inclusive' })
  @ApiQuery({ name: 'to', required: false, description: 'last day (YYYY-MM-DD), inclusive' })
  @TimeTravelParams()
  async history(@Param('id', IndicatorId) id: string, @Query() query: TimeTravelQuery & { from?: string; to?: string }) {
    const from = day('from', query.from);
    const to = day('to', query.to);
    if (from && to && from > to) throw invalid('to', 'must not be before from');
    const tt = await this.timeTravel.resolve(query);
    // Points are carried forward to asOf's day: past today there is nothing to carry but size.
    const today = new Date().toISOString().slice(0, 10);
    const end = to ?? (tt.asOf.toISOString().slice(0, 10) > today ? today : undefined);
    if (from && end && Date.parse(end) - Date.parse(from) > MAX_HISTORY_DAYS * 86_400_000) throw invalid('to', `the range must not exceed ${MAX_HISTORY_DAYS} days`);
    const history = await indicatorHistory(this.readModels.db, tt, id, from, end);
    if (!history) throw await this.notKnown(id, tt);
    return { indicatorId: id, ...history, ...describeTimeTravel(tt) };
  }

  @Get('indicators/:id/trajectory')
  @ApiOperation({ summary: "The plan's trajectory for the indicator beside its actual values" })
  @TimeTravelParams()
  async trajectory(@Param('id', IndicatorId) id: string, @Query() query: TimeTravelQuery) {
    const tt = await this.timeTravel.resolve(query);
    if (!(await indicatorPosition(this.readModels.db, tt, id))) throw await this.notKnown(id, tt);
    const versus = await trajectoryVersusActual(this.readModels.db, tt, id);
    return { indicatorId: id, planId: versus?.planId ?? null, points: versus?.points ?? [], ...describeTimeTravel(tt) };
  }

  @Get('warnings')
  @ApiOperation({ summary: 'Early warnings raised and cleared by the threshold rules' })
  @ApiQuery({ name: 'indicatorId', required: false })
  @ApiQuery({ name: 'open', required: false, description: 'true: only warnings still open at asOf' })
  @TimeTravelParams()
  async warnings(@Query() query: TimeTravelQuery & { indicatorId?: string; open?: string }) {
    if (query.indicatorId !== undefined && !SLUG.test(query.indicatorId)) throw invalid('indicatorId', 'must be an indicator id');
    if (query.open !== undefined && query.open !== 'true' && query.open !== 'false') throw invalid('open', "must be 'true' or 'false'");
    const tt = await this.timeTravel.resolve(query);
    const all = await earlyWarnings(this.readModels.db, tt, query.indicatorId);
    return { warnings: query.open === 'true' ? all.filter((w) => w.open) : all, ...describeTimeTravel(tt) };
  }
}

const MAX_HISTORY_DAYS = 36_600;

const invalid = (field: string, message: string) => new ProblemException(400, 'VALIDATION.FAILED', 'Bad request', `${field} ${message}`, [{ field, message }]);

function day(field: 'from' | 'to', value: string | undefined): string | undefined {
  if (value === undefined || value === '') return undefined;
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) throw invalid(field, 'must be a day, YYYY-MM-DD');
  try {
    parseMoment('asOf', value);
  } catch {
    throw invalid(field, `must be a real calendar day from ${EARLIEST_DATE} to 9999-12-31`);
  }
  return value;
}
