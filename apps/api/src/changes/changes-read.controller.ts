import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { changesBetween, describeTimeTravel, parseMoment } from '@rm/projections';
import { READERS, Roles } from '../auth/roles.js';
import { invalid } from '../http/problem.js';
import { ReadModels } from '../read-models/read-models.service.js';
import { TimeTravelResolver, type TimeTravelQuery } from '../read-models/time-travel.request.js';

type ChangesQuery = Omit<TimeTravelQuery, 'asOf'> & { since?: string; until?: string };

function moment(field: 'since' | 'until', value: string): Date {
  try {
    return parseMoment('asOf', value);
  } catch {
    throw invalid(field, 'must be a date (YYYY-MM-DD, the end of that day UTC) or an ISO 8601 instant with a zone');
  }
}

/** What changed since the last board: indicators, actions, warnings and restatements, as known at `until`. */
@ApiTags('changes')
@ApiBearerAuth()
@Controller('api/changes')
@Roles(...READERS)
export class ChangesReadController {
  constructor(
    private readonly readModels: ReadModels,
    private readonly timeTravel: TimeTravelResolver,
  ) {}

  @Get()
  @ApiOperation({ summary: 'What moved in (since, until], as known at until: indicators, actions completed, slipped and newly overdue, warnings raised and cleared, restatements' })
  @ApiQuery({ name: 'since', required: true, description: 'the last board: a date (end of that day, UTC) or an instant' })
  @ApiQuery({ name: 'until', required: false, description: 'a date or an instant; default now' })
  @ApiQuery({ name: 'knownAt', required: false, description: "known time: a date, an instant or 'latest'; default until" })
  @ApiQuery({ name: 'position', required: false, description: 'pin the log position of an earlier answer to reproduce it' })
  @ApiQuery({ name: 'waitFor', required: false, description: 'answer only once the read models include this position (read-your-writes)' })
  async changes(@Query() query: ChangesQuery) {
    if (query.since === undefined || query.since === '') throw invalid('since', 'is required: the date of the last board');
    const since = moment('since', query.since);
    if (query.until !== undefined && query.until !== '') moment('until', query.until);
    const tt = await this.timeTravel.resolve({ asOf: query.until || undefined, knownAt: query.knownAt, position: query.position, waitFor: query.waitFor });
    if (since > tt.asOf) throw invalid('since', 'must not be after until');
    const { asOf, knownAt, position } = describeTimeTravel(tt);
    return { since: since.toISOString(), until: asOf, knownAt, position, ...(await changesBetween(this.readModels.db, since, tt)) };
  }
}
