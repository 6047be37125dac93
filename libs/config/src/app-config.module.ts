import { Module, type DynamicModule } from '@nestjs/common';
import { APP_CONFIG, loadConfig, type AppConfig } from './app-config.js';

/**
 * The validated configuration in Nest's container, injected as APP_CONFIG. Given a configuration
 * (tests, a second app in one process) it holds that one; else it reads the process environment
 * through `loadConfig`, the one place that validates it. Not through @nestjs/config: nothing read
 * its ConfigService, and loading it (and its .env support) cost every start of every app.
 */
@Module({})
export class AppConfigModule {
  static forRoot(config: AppConfig = loadConfig()): DynamicModule {
    return {
      module: AppConfigModule,
      global: true,
      providers: [{ provide: APP_CONFIG, useValue: config }],
      exports: [APP_CONFIG],
    };
  }
}
