import { Injectable } from '@nestjs/common';
import { InvalidTimeTravel, resolveTimeTravel, type TimeTravel } from '@rm/projections';
import { Inject } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@rm/config';
import { ProblemException } from '../http/problem.js';
import { bigintParam } from '../http/query-params.js';
import { projectionStuckProblem } from './projection-fault.view.js';
import { ReadModels } from './read-models.service.js';

/** The query parameters every read accepts. */
export interface TimeTravelQuery {
  asOf?: string;
  knownAt?: string;
  position?: string;
  waitFor?: string;
}

/** Turns a read's query into the moment it answers for, after waiting for `waitFor` if asked. */
@Injectable()
export class TimeTravelResolver {
  constructor(
    private readonly readModels: ReadModels,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async resolve(query: TimeTravelQuery): Promise<TimeTravel> {
    const waitFor = bigintParam('waitFor', query.waitFor);
    if (waitFor !== undefined && !(await this.readModels.waitFor(waitFor, this.config.waitForTimeoutMs))) {
      const fault = await this.readModels.faultBefore(waitFor);
      if (fault) throw projectionStuckProblem(fault, waitFor);
      throw new ProblemException(503, 'READ_MODELS.NOT_YET', 'Service unavailable', `the read models do not include position ${waitFor} yet; retry shortly`, undefined, { 'Retry-After': '1' });
    }
    try {
      return resolveTimeTravel(query, new Date(), await this.readModels.position());
    } catch (err) {
      if (err instanceof InvalidTimeTravel) throw new ProblemException(400, 'VALIDATION.FAILED', 'Bad request', err.message, [{ field: err.field, message: err.message }]);
      throw err;
    }
  }
}
