import { Controller, Get, Inject, Query, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProduces, ApiQuery, ApiTags } from '@nestjs/swagger';
import { describeTimeTravel, InvalidTimeTravel, parseMoment, type TimeTravel } from '@rm/projections';
import type { Request, Response } from 'express';
import { READERS, Roles } from '../auth/roles.js';
import { APP_CONFIG, type AppConfig } from '@rm/config';
import { ProblemException } from '../http/problem.js';
import { ReadModels } from '../read-models/read-models.service.js';
import { TimeTravelParams } from '../read-models/time-travel.decorators.js';
import { TimeTravelResolver, type TimeTravelQuery } from '../read-models/time-travel.request.js';
import { boardPackData } from './board-pack.sources.js';
import { projectionsOverLoopback } from './projections.loopback.js';
import { renderBoardPack } from './render/board-pack.html.js';

/** The board pack: one self-contained HTML page, the same bytes for the same position. */
@ApiTags('board pack')
@ApiBearerAuth()
@Controller('api/board-pack')
@Roles(...READERS)
export class BoardPackController {
  constructor(
    private readonly readModels: ReadModels,
    private readonly timeTravel: TimeTravelResolver,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Get()
  @ApiOperation({ summary: 'The board pack as one HTML document: the six questions, indicators with history and tolerance band, late actions, changes since `since`' })
  @ApiProduces('text/html')
  @ApiQuery({ name: 'since', required: false, description: 'the last board: show what changed since (a date or instant, before asOf)' })
  @TimeTravelParams()
  async boardPack(@Query() query: TimeTravelQuery & { since?: string }, @Req() req: Request, @Res() res: Response): Promise<void> {
    const tt = await this.timeTravel.resolve(query);
    const since = sinceOf(query.since, tt);
    const data = await boardPackData(this.readModels.db, tt, since, this.config.scorecardRules, projectionsOverLoopback(req));
    const moment = describeTimeTravel(tt);
    res
      .status(200)
      .set({ 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store', 'X-As-Of': moment.asOf, 'X-Known-At': moment.knownAt, 'X-Position': moment.position, ...(since ? { 'X-Since': since.toISOString() } : {}) })
      .send(renderBoardPack(data));
  }
}

function sinceOf(text: string | undefined, tt: TimeTravel): Date | null {
  if (text === undefined || text === '') return null;
  let since: Date;
  try {
    since = parseMoment('asOf', text);
  } catch (err) {
    const message = (err as InvalidTimeTravel).message.replace(/^asOf/, 'since');
    throw new ProblemException(400, 'VALIDATION.FAILED', 'Bad request', message, [{ field: 'since', message }]);
  }
  if (since > tt.asOf) throw new ProblemException(400, 'VALIDATION.FAILED', 'Bad request', 'since must not be after asOf', [{ field: 'since', message: 'must not be after asOf' }]);
  return since;
}
