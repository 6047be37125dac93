import { join } from 'node:path';
import { Test } from '@nestjs/testing';
import { ConfigService } from '@nestjs/config';
import { APP_CONFIG, AppConfigModule, CONFIG_VARIABLES, ConfigError, configVariables, loadConfig } from './index.js';

describe('loadConfig: the environment read and validated in one place', () => {
  it('gives every default with nothing set', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      port: 3000, host: '0.0.0.0', databaseUrl: undefined, dataDir: './data', eventStore: 'postgres', schema: 'public', poolSize: 20,
      projections: 'in-process', waitForTimeoutMs: 5000, workerHealthPort: undefined, rateLimit: { writesPerMinute: 120_000, signInPerMinute: 60 },
      corsOrigins: [], logLevels: ['error', 'warn', 'log'], webDir: join(process.cwd(), 'dist', 'web'),
    });
    expect(config.auth).toEqual({ jwtSecret: undefined, jwtPublicKey: undefined, jwksUrl: undefined, issuer: undefined, audience: undefined, maxLifetimeSeconds: undefined, oidc: undefined });
  });

  it('the schema reads exactly the variables CONFIG_VARIABLES lists (which the deployment files are checked against)', () => {
    expect(Object.keys(configVariables.shape).sort()).toEqual([...CONFIG_VARIABLES].sort());
  });

  it('reads each variable', () => {
    const config = loadConfig({
      PORT: '8080', DATABASE_URL: 'postgres://db/x', DATABASE_SCHEMA: 'rm_1', DATABASE_POOL_SIZE: '7', PROJECTIONS: 'off', WORKER_HEALTH_PORT: '9100',
      RATE_LIMIT_WRITES_PER_MINUTE: '0', CORS_ORIGINS: 'https://a.example, http://b.example:8080', LOG_LEVEL: 'warn', AUTH_JWT_MAX_LIFETIME: '30m',
      AUTH_OIDC_ISSUER: 'https://idp.example', AUTH_OIDC_CLIENT_ID: 'rm', SCORECARD_RULES: '{"q1":{"freshDays":14}}',
    });
    expect(config).toMatchObject({ port: 8080, databaseUrl: 'postgres://db/x', schema: 'rm_1', poolSize: 7, projections: 'off', workerHealthPort: 9100, logLevels: ['error', 'warn'] });
    expect(config.rateLimit.writesPerMinute).toBe(0);
    expect(config.corsOrigins).toEqual(['https://a.example', 'http://b.example:8080']);
    expect(config.auth.maxLifetimeSeconds).toBe(1800);
    expect(config.auth.oidc).toEqual({ issuer: 'https://idp.example', clientId: 'rm', clientSecret: undefined, rolesClaim: 'roles', redirectBase: undefined });
    expect((config.scorecardRules as unknown as Record<string, Record<string, number>>).q1.freshDays).toBe(14);
  });

  it.each([
    [{ PORT: '70000' }, 'PORT: must be an integer from 0 to 65535, got "70000"'],
    [{ EVENT_STORE: 'mongo' }, 'EVENT_STORE: must be "postgres" or "kurrentdb", got "mongo"'],
    [{ EVENT_STORE: 'kurrentdb', DATABASE_URL: 'postgres://x/y' }, 'KURRENTDB_URL: required when EVENT_STORE=kurrentdb'],
    [{ DATABASE_SCHEMA: 'Bad-Name' }, 'DATABASE_SCHEMA: must be a lower-case SQL identifier, got "Bad-Name"'],
    [{ DATABASE_POOL_SIZE: '0' }, 'DATABASE_POOL_SIZE: must be a positive integer, got "0"'],
    [{ RATE_LIMIT_SIGN_IN_PER_MINUTE: '-1' }, 'RATE_LIMIT_SIGN_IN_PER_MINUTE: must be a non-negative integer (0 turns it off), got "-1"'],
    [{ PROJECTIONS: 'sometimes' }, 'PROJECTIONS: must be "in-process" or "off", got "sometimes"'],
    [{ PROJECTION_GROUPS: 'plans,nope' }, 'PROJECTION_GROUPS: must be "all" or a comma-separated list of indicators, plans, partners-workforce, got "nope"'],
    [{ CORS_ORIGINS: 'https://ok.example,https://x.example/path' }, 'CORS_ORIGINS: each origin must be scheme://host[:port] with no path, got "https://x.example/path"'],
    [{ AUTH_JWT_MAX_LIFETIME: 'forever' }, 'AUTH_JWT_MAX_LIFETIME: must be a positive duration such as 3600, 30m, 12h or 1d, got "forever"'],
    [{ SCORECARD_RULES: '{' }, 'SCORECARD_RULES: must be JSON'],
    [{ SCORECARD_RULES: '[]' }, 'SCORECARD_RULES: must be a JSON object'],
    [{ SCORECARD_RULES: '{"q9":{}}' }, 'SCORECARD_RULES.q9: unknown question (q1-q6)'],
    [{ SCORECARD_RULES: '{"q1":{"freshDays":-1}}' }, 'SCORECARD_RULES.q1.freshDays: must be a non-negative number'],
  ])('refuses %j naming the variable and its rule', (env, message) => {
    expect(() => loadConfig(env)).toThrow(new ConfigError(message));
  });

  it('names every variable at fault at once, one a line', () => {
    expect(() => loadConfig({ PORT: 'x', DATABASE_POOL_SIZE: 'y' })).toThrow(
      new ConfigError('PORT: must be an integer from 0 to 65535, got "x"\nDATABASE_POOL_SIZE: must be a positive integer, got "y"'),
    );
  });

  it('AppConfigModule holds the given configuration for ConfigService and APP_CONFIG', async () => {
    const config = loadConfig({ PORT: '4321' });
    const module = await Test.createTestingModule({ imports: [AppConfigModule.forRoot(config)] }).compile();
    expect(module.get(APP_CONFIG)).toBe(config);
    expect(module.get(ConfigService).get('app.port')).toBe(4321);
    await module.close();
  });
});
