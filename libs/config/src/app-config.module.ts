import { Module, type DynamicModule } from '@nestjs/common';
import { ConfigModule, registerAs } from '@nestjs/config';
import { APP_CONFIG, loadConfig, type AppConfig } from './app-config.js';

/**
 * The validated configuration in Nest's container: `ConfigService.get('app')`, or injected as
 * APP_CONFIG. Given a configuration (tests, a second app in one process) it holds that one; else
 * it reads the process environment through `loadConfig`, the one place that validates it.
 */
@Module({})
export class AppConfigModule {
  static forRoot(config: AppConfig = loadConfig()): DynamicModule {
    const app = registerAs('app', () => config);
    return {
      module: AppConfigModule,
      global: true,
      // The environment is read by loadConfig alone: no .env file, no second reading of process.env.
      imports: [ConfigModule.forRoot({ ignoreEnvFile: true, ignoreEnvVars: true, load: [app] })],
      providers: [{ provide: APP_CONFIG, inject: [app.KEY], useFactory: (c: AppConfig) => c }],
      exports: [APP_CONFIG, ConfigModule],
    };
  }
}
