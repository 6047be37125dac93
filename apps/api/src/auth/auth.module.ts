import { Global, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { APP_CONFIG, type AppConfig, type AuthSettings } from '@rm/config';
import { resolveAuthKeys, type AuthKeys } from '@rm/auth';
import { AUTH_KEYS, AUTH_SETTINGS, AuthGuard, SESSION_SIGNER } from './auth.guard.js';
import { OidcController } from './oidc.controller.js';
import { SessionController } from './session.controller.js';
import { SessionSigner, SignInLinks } from './session.js';

@Global()
@Module({
  providers: [
    { provide: AUTH_SETTINGS, inject: [APP_CONFIG], useFactory: (config: AppConfig) => config.auth },
    {
      provide: AUTH_KEYS,
      inject: [AUTH_SETTINGS, APP_CONFIG],
      useFactory: (settings: AuthSettings, config: AppConfig) => resolveAuthKeys(settings, config),
    },
    { provide: SESSION_SIGNER, inject: [AUTH_KEYS], useFactory: (keys: AuthKeys) => new SessionSigner(keys) },
    SignInLinks,
    { provide: APP_GUARD, useClass: AuthGuard },
  ],
  controllers: [SessionController, OidcController],
  exports: [AUTH_KEYS, AUTH_SETTINGS, SESSION_SIGNER, SignInLinks],
})
export class AuthModule {}
