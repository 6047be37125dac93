import { Global, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { authSettingsFromEnv, resolveAuthKeys, type AuthSettings } from './auth-keys.js';
import { AUTH_KEYS, AUTH_SETTINGS, AuthGuard } from './auth.guard.js';

@Global()
@Module({
  providers: [
    { provide: AUTH_SETTINGS, inject: [APP_CONFIG], useFactory: (config: AppConfig) => config.auth },
    {
      provide: AUTH_KEYS,
      inject: [AUTH_SETTINGS, APP_CONFIG],
      useFactory: (settings: AuthSettings, config: AppConfig) => resolveAuthKeys(settings, config),
    },
    { provide: APP_GUARD, useClass: AuthGuard },
  ],
  exports: [AUTH_KEYS, AUTH_SETTINGS],
})
export class AuthModule {}

export { authSettingsFromEnv };
