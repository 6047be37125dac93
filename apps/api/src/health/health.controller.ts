import { Controller, Get, HttpCode, HttpStatus, Inject, Res } from '@nestjs/common';
import { EVENT_STORE, type Database, type EventStore } from '@rm/event-store';
import type { Response } from 'express';
import { DATABASE } from '../infrastructure/event-store.module.js';
import { Public } from '../auth/roles.js';

/** Readiness for load balancers and operators: no authentication. */
@Public()
@Controller('health')
export class HealthController {
  constructor(
    @Inject(DATABASE) private readonly db: Database,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  @Get()
  @HttpCode(HttpStatus.OK)
  async health(@Res({ passthrough: true }) res: Response) {
    try {
      const head = await this.store.headPosition();
      return { status: 'ok', ready: true, database: { reachable: true, kind: this.db.kind }, eventStore: { headPosition: head.toString() } };
    } catch (err) {
      res.status(HttpStatus.SERVICE_UNAVAILABLE);
      return { status: 'unavailable', ready: false, database: { reachable: false, kind: this.db.kind, error: (err as Error).message } };
    }
  }
}
