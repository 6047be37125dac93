import { Controller, Get, HttpCode, Inject, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { EVENT_STORE, type Database, type EventStore } from '@rm/event-store';
import { ProjectionStuck, rebuildReadModels } from '@rm/projections';
import { Roles } from '../auth/roles.js';
import { APP_CONFIG, type AppConfig } from '@rm/config';
import { DATABASE } from '../infrastructure/event-store.module.js';
import { faultView } from '../read-models/projection-fault.view.js';

interface RebuildStatus {
  state: 'idle' | 'running' | 'done' | 'failed';
  done: number;
  remaining: number;
  startedAt?: string;
  result?: unknown;
  error?: string;
  /** Why a failed rebuild stopped: the projection and the event it cannot apply. */
  stuck?: ReturnType<typeof faultView>;
}

/** Rebuild from inside the app: the way to rebuild the embedded database, which has one owner. */
@ApiTags('admin')
@ApiBearerAuth()
@Controller('api/admin/rebuild')
@Roles('admin')
export class RebuildController {
  private status: RebuildStatus = { state: 'idle', done: 0, remaining: 0 };

  constructor(
    @Inject(DATABASE) private readonly db: Database,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Post()
  @HttpCode(202)
  @ApiOperation({ summary: 'Rebuild every read model into fresh tables; the API switches over when caught up' })
  start(): RebuildStatus {
    if (this.status.state === 'running') return this.status;
    this.status = { state: 'running', done: 0, remaining: 0, startedAt: new Date().toISOString() };
    rebuildReadModels(this.db, this.store, this.config.schema, ({ done, remaining }) => Object.assign(this.status, { done, remaining })).then(
      (result) => Object.assign(this.status, { state: 'done', result }),
      (err: Error) => Object.assign(this.status, { state: 'failed', error: err.message, ...(err instanceof ProjectionStuck && { stuck: faultView(err.fault) }) }),
    );
    return this.status;
  }

  @Get()
  @ApiOperation({ summary: 'Progress of the last rebuild' })
  progress(): RebuildStatus {
    return this.status;
  }
}
