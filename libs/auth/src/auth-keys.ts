import { randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { AuthSettings } from '@rm/config';
import type { importSPKI, JWTVerifyGetKey } from 'jose';
import { loadJose } from './jose.js';

/** How tokens are checked: a shared HS256 secret, an RS256 public key, or an identity provider's JWKS. */
export type AuthKeys =
  | { kind: 'secret'; secret: Uint8Array; source: 'env' | 'data-dir' | 'ephemeral'; path?: string }
  | { kind: 'public-key'; key: Awaited<ReturnType<typeof importSPKI>> }
  | { kind: 'jwks'; keys: JWTVerifyGetKey; url: string };

export const SECRET_FILE = 'jwt-secret';

/**
 * Resolves the verification keys. With nothing configured on the embedded database, a secret is
 * created once in the data directory so that `npm start` needs no set-up; a server deployment must
 * say how tokens are signed.
 */
export async function resolveAuthKeys(settings: AuthSettings, db: { databaseUrl?: string; dataDir: string }): Promise<AuthKeys> {
  if (settings.jwksUrl) return { kind: 'jwks', keys: (await loadJose()).createRemoteJWKSet(new URL(settings.jwksUrl)), url: settings.jwksUrl };
  if (settings.jwtPublicKey) return { kind: 'public-key', key: await (await loadJose()).importSPKI(settings.jwtPublicKey, 'RS256') };
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
