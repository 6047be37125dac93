import { Controller, Get, HttpStatus, Inject, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { EVENT_STORE, type Database, type EventStore } from '@rm/event-store';
import type { Response } from 'express';
import { Public } from '../auth/roles.js';
import { DATABASE } from '../infrastructure/event-store.module.js';
import { ReadModels } from '../read-models/read-models.service.js';

/** Readiness for load balancers and operators: no authentication. */
@ApiTags('health')
@Public()
@Controller('health')
export class HealthController {
  constructor(
    @Inject(DATABASE) private readonly db: Database,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly readModels: ReadModels,
  ) {}

  @Get()
  @ApiOperation({ summary: 'Ready, database reachable, projection lag' })
  async health(@Res({ passthrough: true }) res: Response) {
    try {
      const [head, position] = await Promise.all([this.store.headPosition(), this.readModels.position()]);
      // No count of the events behind: KurrentDB cannot count cheaply, and a probe must stay cheap.
      const [next] = position < head ? await this.store.readAll({ after: position, limit: 1 }) : [];
      const lagSeconds = next ? Math.max(0, (Date.now() - next.recordedAt.getTime()) / 1000) : 0;
      return {
        status: 'ok',
        ready: true,
        database: { reachable: true, kind: this.db.kind },
        eventStore: { headPosition: head.toString() },
        projections: {
          mode: this.readModels.runsProjections ? 'in-process' : 'workers',
          generation: this.readModels.generation.number,
          position: position.toString(),
          leaseHeld: this.readModels.runner.leaseHeld,
          lag: { caughtUp: next === undefined, seconds: Math.round(lagSeconds * 10) / 10 },
        },
      };
    } catch (err) {
      res.status(HttpStatus.SERVICE_UNAVAILABLE);
      return { status: 'unavailable', ready: false, database: { reachable: false, kind: this.db.kind, error: (err as Error).message } };
    }
  }
}
