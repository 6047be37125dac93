import { randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createRemoteJWKSet, importSPKI, type JWTVerifyGetKey } from 'jose';

/** How tokens are checked: a shared HS256 secret, an RS256 public key, or an identity provider's JWKS. */
export type AuthKeys =
  | { kind: 'secret'; secret: Uint8Array; source: 'env' | 'data-dir' | 'ephemeral'; path?: string }
  | { kind: 'public-key'; key: Awaited<ReturnType<typeof importSPKI>> }
  | { kind: 'jwks'; keys: JWTVerifyGetKey; url: string };

export interface AuthSettings {
  jwtSecret?: string;
  jwtPublicKey?: string;
  jwksUrl?: string;
  issuer?: string;
  audience?: string;
  /** AUTH_JWT_MAX_LIFETIME: the longest exp − iat accepted, in seconds. */
  maxLifetimeSeconds?: number;
  /** OpenID Connect sign-in for browsers (authorization code + PKCE). */
  oidc?: { issuer: string; clientId: string; clientSecret?: string; rolesClaim: string; redirectBase?: string };
}

export const SECRET_FILE = 'jwt-secret';

export function authSettingsFromEnv(env: NodeJS.ProcessEnv): AuthSettings {
  return {
    jwtSecret: env.AUTH_JWT_SECRET || undefined,
    jwtPublicKey: env.AUTH_JWT_PUBLIC_KEY?.replace(/\\n/g, '\n') || undefined,
    jwksUrl: env.AUTH_JWKS_URL || undefined,
    issuer: env.AUTH_JWT_ISSUER || undefined,
    audience: env.AUTH_JWT_AUDIENCE || undefined,
    maxLifetimeSeconds: env.AUTH_JWT_MAX_LIFETIME ? durationSeconds(env.AUTH_JWT_MAX_LIFETIME, 'AUTH_JWT_MAX_LIFETIME') : undefined,
    oidc:
      env.AUTH_OIDC_ISSUER && env.AUTH_OIDC_CLIENT_ID
        ? {
            issuer: env.AUTH_OIDC_ISSUER,
            clientId: env.AUTH_OIDC_CLIENT_ID,
            clientSecret: env.AUTH_OIDC_CLIENT_SECRET || undefined,
            rolesClaim: env.AUTH_OIDC_ROLES_CLAIM || 'roles',
            redirectBase: env.PUBLIC_URL || undefined,
          }
        : undefined,
  };
}

const UNIT_SECONDS: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86400 };

/** `3600`, `90s`, `30m`, `12h` or `1d`, in seconds. */
export function durationSeconds(text: string, name: string): number {
  const m = /^(\d{1,9})\s*([smhd]?)$/.exec(text.trim());
  if (!m || Number(m[1]) === 0) throw new Error(`${name}: must be a positive duration such as 3600, 30m, 12h or 1d, got "${text}"`);
  return Number(m[1]) * UNIT_SECONDS[m[2] || 's'];
}

/**
 * Resolves the verification keys. With nothing configured on the embedded database, a secret is
 * created once in the data directory so that `npm start` needs no set-up; a server deployment must
 * say how tokens are signed.
 */
export async function resolveAuthKeys(settings: AuthSettings, db: { databaseUrl?: string; dataDir: string }): Promise<AuthKeys> {
  if (settings.jwksUrl) return { kind: 'jwks', keys: createRemoteJWKSet(new URL(settings.jwksUrl)), url: settings.jwksUrl };
  if (settings.jwtPublicKey) return { kind: 'public-key', key: await importSPKI(settings.jwtPublicKey, 'RS256') };
  if (settings.jwtSecret) {
    if (settings.jwtSecret.length < 32) throw new Error('AUTH_JWT_SECRET: must be at least 32 characters');
    return { kind: 'secret', secret: new TextEncoder().encode(settings.jwtSecret), source: 'env' };
  }
  if (db.databaseUrl) throw new Error('AUTH_JWT_SECRET, AUTH_JWT_PUBLIC_KEY or AUTH_JWKS_URL: one is required with DATABASE_URL');
  if (db.dataDir.startsWith('memory://'))
    return { kind: 'secret', secret: new TextEncoder().encode(randomBytes(32).toString('hex')), source: 'ephemeral' };
  const path = join(db.dataDir, SECRET_FILE);
  const secret = await readFile(path, 'utf8').catch(async () => {
    // The first start: the data directory may not exist yet (the database creates it concurrently).
    await mkdir(db.dataDir, { recursive: true });
    const created = randomBytes(32).toString('hex');
    await writeFile(path, created, { mode: 0o600, flag: 'wx' }).catch(() => undefined);
    return readFile(path, 'utf8');
  });
  return { kind: 'secret', secret: new TextEncoder().encode(secret.trim()), source: 'data-dir', path };
}
