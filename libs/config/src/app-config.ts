import { join, resolve } from 'node:path';
import type { ScorecardRules } from '@rm/domain';
import { z } from 'zod';
import { authSettingsOf, authVariables, type AuthSettings } from './auth-settings.js';
import { scorecardRules } from './scorecard-rules.js';
import { choice, integer, issueLine, text } from './variables.js';

/** Everything the apps read from their environment, validated once at start-up. */
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
  /** Where `npm run build` puts the web application (WEB_DIR overrides it), an absolute path. */
  webDir: string;
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

const ORIGIN = /^https?:\/\/[^/\s]+$/;

/** The projection groups PROJECTION_GROUPS may name: those of libs/projections (its spec keeps the two lists equal). */
export const PROJECTION_GROUP_NAMES = ['indicators', 'plans', 'partners-workforce'] as const;

/** Each variable's rule and default. */
export const configVariables = z.object({
  PORT: integer(3000, 0, 65535, 'must be an integer from 0 to 65535', { emptyIsDefault: false }),
  HOST: text('0.0.0.0'),
  DATABASE_URL: z.string().optional().transform((url) => url || undefined),
  DATA_DIR: text('./data'),
  EVENT_STORE: choice(['postgres', 'kurrentdb'], 'postgres', { emptyIsDefault: false }),
  KURRENTDB_URL: z.string().optional(),
  DATABASE_SCHEMA: text('public').pipe(z.string().regex(/^[a-z_][a-z0-9_]{0,62}$/, { error: (issue) => `must be a lower-case SQL identifier, got "${String(issue.input)}"` })),
  DATABASE_POOL_SIZE: integer(20, 1, Infinity, 'must be a positive integer'),
  PROJECTIONS: choice(['in-process', 'off'], 'in-process', { emptyIsDefault: true }),
  PROJECTION_GROUPS: z.string().optional().transform((value, ctx) => {
    const names = (value ?? '').split(',').map((g) => g.trim()).filter(Boolean);
    if (names.length === 0 || (names.length === 1 && names[0] === 'all')) return undefined;
    const known: readonly string[] = PROJECTION_GROUP_NAMES;
    for (const name of names)
      if (!known.includes(name)) ctx.addIssue({ code: 'custom', message: `must be "all" or a comma-separated list of ${known.join(', ')}, got "${name}"` });
    return names;
  }),
  WAIT_FOR_TIMEOUT_MS: integer(5000, 1, Infinity, 'must be a positive integer'),
  WORKER_HEALTH_PORT: integer(undefined, 1, Infinity, 'must be a positive integer'),
  SCORECARD_RULES: scorecardRules,
  RATE_LIMIT_WRITES_PER_MINUTE: integer(120_000, 0, Infinity, 'must be a non-negative integer (0 turns it off)'),
  RATE_LIMIT_SIGN_IN_PER_MINUTE: integer(60, 0, Infinity, 'must be a non-negative integer (0 turns it off)'),
  CORS_ORIGINS: z.string().optional().transform((value, ctx) => {
    const origins = (value ?? '').split(',').map((o) => o.trim()).filter(Boolean);
    for (const origin of origins)
      if (!ORIGIN.test(origin)) ctx.addIssue({ code: 'custom', message: `each origin must be scheme://host[:port] with no path, got "${origin}"` });
    return origins;
  }),
  LOG_LEVEL: z.string().optional(),
  WEB_DIR: z.string().optional().transform((dir) => resolve(dir ?? join(process.cwd(), 'dist', 'web'))),
  ...authVariables,
});

/** The environment's schema: each variable's rule and default, then the rules across variables. */
export const configSchema = configVariables
  .superRefine((env, ctx) => {
    if (env.EVENT_STORE !== 'kurrentdb') return;
    if (!env.KURRENTDB_URL) ctx.addIssue({ code: 'custom', path: ['KURRENTDB_URL'], message: 'required when EVENT_STORE=kurrentdb' });
    if (!env.DATABASE_URL)
      ctx.addIssue({ code: 'custom', path: ['DATABASE_URL'], message: 'required when EVENT_STORE=kurrentdb (read models and checkpoints stay in PostgreSQL)' });
  })
  .transform(
    (env): AppConfig => ({
      port: env.PORT!,
      host: env.HOST,
      databaseUrl: env.DATABASE_URL,
      dataDir: env.DATA_DIR,
      eventStore: env.EVENT_STORE,
      kurrentDbUrl: env.KURRENTDB_URL,
      schema: env.DATABASE_SCHEMA,
      poolSize: env.DATABASE_POOL_SIZE!,
      projections: env.PROJECTIONS,
      projectionGroups: env.PROJECTION_GROUPS,
      waitForTimeoutMs: env.WAIT_FOR_TIMEOUT_MS!,
      workerHealthPort: env.WORKER_HEALTH_PORT,
      auth: authSettingsOf(env),
      scorecardRules: env.SCORECARD_RULES,
      rateLimit: { writesPerMinute: env.RATE_LIMIT_WRITES_PER_MINUTE!, signInPerMinute: env.RATE_LIMIT_SIGN_IN_PER_MINUTE! },
      corsOrigins: env.CORS_ORIGINS,
      logLevels: env.LOG_LEVEL === 'error' ? ['error'] : env.LOG_LEVEL === 'warn' ? ['error', 'warn'] : ['error', 'warn', 'log'],
      webDir: env.WEB_DIR,
    }),
  );

/** Reads and validates the configuration; a ConfigError names each variable at fault and its rule. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const result = configSchema.safeParse(env);
  if (!result.success) throw new ConfigError(result.error.issues.map((issue) => issueLine(issue)).join('\n'));
  return result.data;
}

export const APP_CONFIG = Symbol('AppConfig');
