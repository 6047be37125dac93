import { Controller, Get, HttpStatus, Inject, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { EVENT_STORE, type Database, type EventStore } from '@rm/event-store';
import type { Response } from 'express';
import { Public } from '../auth/roles.js';
import { DATABASE } from '../infrastructure/event-store.module.js';
import { faultView } from '../read-models/projection-fault.view.js';
import { ReadModels } from '../read-models/read-models.service.js';

/**
 * Probes for load balancers, orchestrators and operators: no authentication. `live` says the
 * process answers (restart it if not); `ready` says it can serve: the database answers and no
 * projection is stuck on an event it cannot apply (send it no traffic if not).
 */
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
  @ApiOperation({ summary: 'Ready, database reachable, projection lag and stuck projections; 503 when not ready' })
  async health(@Res({ passthrough: true }) res: Response) {
    const report = await this.report();
    if (!report.ready) res.status(HttpStatus.SERVICE_UNAVAILABLE);
    return report;
  }

  @Get('live')
  @ApiOperation({ summary: 'Liveness: the process answers' })
  live() {
    return { status: 'ok', live: true, uptimeSeconds: Math.round(process.uptime()) };
  }

  @Get('ready')
  @ApiOperation({ summary: 'Readiness: database reachable and no projection stuck; 503 otherwise' })
  async ready(@Res({ passthrough: true }) res: Response) {
    const { status, ready, database, projections } = await this.report();
    if (!ready) res.status(HttpStatus.SERVICE_UNAVAILABLE);
    return { status, ready, database, ...(projections && { stuck: projections.stuck }) };
  }

  private async report() {
    try {
      const [head, position, faults] = await Promise.all([this.store.headPosition(), this.readModels.position(), this.readModels.faults()]);
      // No count of the events behind: KurrentDB cannot count cheaply, and a probe must stay cheap.
      const [next] = position < head ? await this.store.readAll({ after: position, limit: 1 }) : [];
      const lagSeconds = next ? Math.max(0, (Date.now() - next.recordedAt.getTime()) / 1000) : 0;
      return {
        status: faults.length > 0 ? 'degraded' : 'ok',
        ready: faults.length === 0,
        database: { reachable: true, kind: this.db.kind },
        eventStore: { headPosition: head.toString() },
        projections: {
          mode: this.readModels.runsProjections ? 'in-process' : 'workers',
          generation: this.readModels.generation.number,
          position: position.toString(),
          leaseHeld: this.readModels.runner.leaseHeld,
          lag: { caughtUp: next === undefined, seconds: Math.round(lagSeconds * 10) / 10 },
          stuck: faults.map(faultView),
        },
      };
    } catch (err) {
      return { status: 'unavailable', ready: false, database: { reachable: false, kind: this.db.kind, error: (err as Error).message } };
    }
  }
}
