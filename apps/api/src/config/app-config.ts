import { PROJECTION_GROUPS, type ScorecardRules } from '@rm/projections';
import { authSettingsFromEnv, type AuthSettings } from '../auth/auth-keys.js';
import { scorecardRulesFromEnv } from './scorecard-rules.config.js';

/** Everything the app reads from its environment, validated once at start-up. */
export interface AppConfig {
  port: number;
  host: string;
  databaseUrl?: string;
  dataDir: string;
  eventStore: 'postgres' | 'kurrentdb';
  kurrentDbUrl?: string;
  /** PostgreSQL schema of the event store and read models. */
  schema: string;
  /** Connections to a PostgreSQL server. */
  poolSize: number;
  /** `in-process`: this process runs the projections; `off`: workers do (apps/worker). */
  projections: 'in-process' | 'off';
  /** The projection groups this process may take (PROJECTION_GROUPS); undefined: all. */
  projectionGroups?: string[];
  /** How long a read with waitFor may wait for the read models. */
  waitForTimeoutMs: number;
  auth: AuthSettings;
  scorecardRules: ScorecardRules;
  /** Projection workers: a port answering GET /health (unset: none). */
  workerHealthPort?: number;
  /** Requests a minute per client address; 0 turns a limit off. */
  rateLimit: { writesPerMinute: number; signInPerMinute: number };
  /** Origins allowed to call the API from a browser (CORS); none unless configured. */
  corsOrigins: string[];
  /** Nest log levels; tests keep only errors. */
  logLevels: ('error' | 'warn' | 'log')[];
}

export class ConfigError extends Error {}

/** Every environment variable the apps read: deployment files are checked against this list. */
export const CONFIG_VARIABLES = [
  'PORT', 'HOST', 'DATA_DIR', 'DATABASE_URL', 'DATABASE_SCHEMA', 'DATABASE_POOL_SIZE', 'EVENT_STORE', 'KURRENTDB_URL',
  'AUTH_JWT_SECRET', 'AUTH_JWT_PUBLIC_KEY', 'AUTH_JWKS_URL', 'AUTH_JWT_ISSUER', 'AUTH_JWT_AUDIENCE', 'AUTH_JWT_MAX_LIFETIME',
  'PROJECTIONS', 'PROJECTION_GROUPS', 'WAIT_FOR_TIMEOUT_MS', 'SCORECARD_RULES', 'LOG_LEVEL', 'WORKER_HEALTH_PORT',
  'RATE_LIMIT_WRITES_PER_MINUTE', 'RATE_LIMIT_SIGN_IN_PER_MINUTE', 'CORS_ORIGINS',
  'AUTH_OIDC_ISSUER', 'AUTH_OIDC_CLIENT_ID', 'AUTH_OIDC_CLIENT_SECRET', 'AUTH_OIDC_ROLES_CLAIM', 'PUBLIC_URL', 'WEB_DIR',
] as const;

export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const port = Number(env.PORT ?? 3000);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new ConfigError(`PORT: must be an integer from 0 to 65535, got "${env.PORT}"`);
  const eventStore = (env.EVENT_STORE ?? 'postgres') as AppConfig['eventStore'];
  if (eventStore !== 'postgres' && eventStore !== 'kurrentdb') throw new ConfigError(`EVENT_STORE: must be "postgres" or "kurrentdb", got "${env.EVENT_STORE}"`);
  if (eventStore === 'kurrentdb' && !env.KURRENTDB_URL) throw new ConfigError('KURRENTDB_URL: required when EVENT_STORE=kurrentdb');
  if (eventStore === 'kurrentdb' && !env.DATABASE_URL)
    throw new ConfigError('DATABASE_URL: required when EVENT_STORE=kurrentdb (read models and checkpoints stay in PostgreSQL)');
  const schema = env.DATABASE_SCHEMA ?? 'public';
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(schema)) throw new ConfigError(`DATABASE_SCHEMA: must be a lower-case SQL identifier, got "${schema}"`);
  return {
    port,
    host: env.HOST ?? '0.0.0.0',
    databaseUrl: env.DATABASE_URL || undefined,
    dataDir: env.DATA_DIR ?? './data',
    eventStore,
    kurrentDbUrl: env.KURRENTDB_URL,
    schema,
    poolSize: positiveInt(env.DATABASE_POOL_SIZE, 20, 'DATABASE_POOL_SIZE'),
    projections: projectionsMode(env.PROJECTIONS),
    projectionGroups: projectionGroups(env.PROJECTION_GROUPS),
    waitForTimeoutMs: positiveInt(env.WAIT_FOR_TIMEOUT_MS, 5000, 'WAIT_FOR_TIMEOUT_MS'),
    workerHealthPort: env.WORKER_HEALTH_PORT ? positiveInt(env.WORKER_HEALTH_PORT, 0, 'WORKER_HEALTH_PORT') : undefined,
    auth: configured(() => authSettingsFromEnv(env)),
    scorecardRules: configured(() => scorecardRulesFromEnv(env.SCORECARD_RULES)),
    rateLimit: {
      writesPerMinute: nonNegativeInt(env.RATE_LIMIT_WRITES_PER_MINUTE, 120_000, 'RATE_LIMIT_WRITES_PER_MINUTE'),
      signInPerMinute: nonNegativeInt(env.RATE_LIMIT_SIGN_IN_PER_MINUTE, 60, 'RATE_LIMIT_SIGN_IN_PER_MINUTE'),
    },
    corsOrigins: corsOrigins(env.CORS_ORIGINS),
    logLevels: env.LOG_LEVEL === 'error' ? ['error'] : env.LOG_LEVEL === 'warn' ? ['error', 'warn'] : ['error', 'warn', 'log'],
  };
}

export const APP_CONFIG = Symbol('AppConfig');

function positiveInt(value: string | undefined, fallback: number, name: string): number {
  if (value === undefined || value === '') return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new ConfigError(`${name}: must be a positive integer, got "${value}"`);
  return n;
}

function nonNegativeInt(value: string | undefined, fallback: number, name: string): number {
  if (value === undefined || value === '') return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new ConfigError(`${name}: must be a non-negative integer (0 turns it off), got "${value}"`);
  return n;
}

function corsOrigins(value: string | undefined): string[] {
  const origins = (value ?? '').split(',').map((o) => o.trim()).filter(Boolean);
  for (const origin of origins)
    if (!/^https?:\/\/[^/\s]+$/.test(origin)) throw new ConfigError(`CORS_ORIGINS: each origin must be scheme://host[:port] with no path, got "${origin}"`);
  return origins;
}

function projectionsMode(value: string | undefined): AppConfig['projections'] {
  if (value === undefined || value === '' || value === 'in-process') return 'in-process';
  if (value === 'off') return 'off';
  throw new ConfigError(`PROJECTIONS: must be "in-process" or "off", got "${value}"`);
}

function projectionGroups(value: string | undefined): string[] | undefined {
  const names = (value ?? '').split(',').map((g) => g.trim()).filter(Boolean);
  if (names.length === 0 || (names.length === 1 && names[0] === 'all')) return undefined;
  const known = PROJECTION_GROUPS.map((g) => g.name);
  for (const name of names)
    if (!known.includes(name)) throw new ConfigError(`PROJECTION_GROUPS: must be "all" or a comma-separated list of ${known.join(', ')}, got "${name}"`);
  return names;
}

function configured<T>(read: () => T): T {
  try {
    return read();
  } catch (err) {
    throw new ConfigError((err as Error).message);
  }
}
