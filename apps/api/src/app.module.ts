import { Module, type DynamicModule } from '@nestjs/common';
import { APP_FILTER, APP_INTERCEPTOR, APP_PIPE } from '@nestjs/core';
import { CqrsModule } from '@nestjs/cqrs';
import { AdminModule } from './admin/admin.module.js';
import { AuditModule } from './audit/audit.module.js';
import { AuthModule } from './auth/auth.module.js';
import { BoardPackModule } from './board-pack/board-pack.module.js';
import { ChangesModule } from './changes/changes.module.js';
import { CommandRunner } from './commands/command-runner.js';
import { IdempotencyInterceptor } from './commands/idempotency.interceptor.js';
import { AppConfigModule, type AppConfig } from '@rm/config';
import { HealthController } from './health/health.controller.js';
import { ProblemDetailsFilter } from './http/problem-details.filter.js';
import { RateLimitModule } from './http/rate-limit.js';
import { RequestValidationPipe } from './http/validation.pipe.js';
import { ImportsModule } from './imports/imports.module.js';
import { IndicatorsModule } from './indicators/indicators.module.js';
import { EventStoreModule } from './infrastructure/event-store.module.js';
import { PartnersModule } from './partners/partners.module.js';
import { PlansModule } from './plans/plans.module.js';
import { ReadModelsModule } from './read-models/read-models.module.js';
import { ScorecardModule } from './scorecard/scorecard.module.js';
import { TrendsModule } from './trends/trends.module.js';
import { WorkforceModule } from './workforce/workforce.module.js';

@Module({})
export class AppModule {
  static register(config: AppConfig): DynamicModule {
    return {
      module: AppModule,
      global: true,
      imports: [AppConfigModule.forRoot(config), CqrsModule.forRoot(), RateLimitModule, EventStoreModule, ReadModelsModule, AuthModule, IndicatorsModule, PlansModule, PartnersModule, WorkforceModule, AuditModule, AdminModule, ScorecardModule, TrendsModule, ChangesModule, ImportsModule, BoardPackModule],
      controllers: [HealthController],
      providers: [
        CommandRunner,
        { provide: APP_FILTER, useClass: ProblemDetailsFilter },
        { provide: APP_PIPE, useClass: RequestValidationPipe },
        { provide: APP_INTERCEPTOR, useClass: IdempotencyInterceptor },
      ],
      exports: [CommandRunner],
    };
  }
}
