import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { SECRET_FILE, DEFAULT_MAX_TOKEN_LIFETIME_SECONDS } from '@rm/auth';
import type { AppConfig } from '@rm/config';

export class NoSigningSecret extends Error {}

/** Where the secret came from, said to the user so a 401 can be explained. */
export interface SigningSecret {
  secret: Uint8Array;
  from: string;
}

/**
 * The app's HS256 secret, found exactly as the app finds it (AUTH_JWT_SECRET, else DATA_DIR's
 * jwt-secret with the same DATA_DIR default) but never created: a secret invented here would sign
 * tokens that the app refuses.
 */
export async function appSigningSecret(config: AppConfig): Promise<SigningSecret> {
  if (config.auth.jwksUrl || config.auth.jwtPublicKey)
    throw new NoSigningSecret('tokens come from your identity provider when AUTH_JWKS_URL or AUTH_JWT_PUBLIC_KEY is set');
  if (config.auth.jwtSecret) {
    if (config.auth.jwtSecret.length < 32) throw new NoSigningSecret('AUTH_JWT_SECRET: must be at least 32 characters');
    return { secret: new TextEncoder().encode(config.auth.jwtSecret), from: 'AUTH_JWT_SECRET' };
  }
  if (config.databaseUrl) throw new NoSigningSecret('AUTH_JWT_SECRET is not set: with DATABASE_URL the app needs it, and so does this command');
  if (config.dataDir.startsWith('memory://'))
    throw new NoSigningSecret(`DATA_DIR=${config.dataDir}: the app keeps its secret in memory only; set AUTH_JWT_SECRET for both`);
  const path = resolve(join(config.dataDir, SECRET_FILE));
  const text = await readFile(path, 'utf8').catch((err: NodeJS.ErrnoException) => {
    if (err.code === 'ENOENT')
      throw new NoSigningSecret(
        `no secret in ${path}: the app has not started on DATA_DIR=${config.dataDir}. ` +
          'Run this with the DATA_DIR (or AUTH_JWT_SECRET) the app runs with, or start the app first (npm start).',
      );
    throw new NoSigningSecret(`cannot read ${path}: ${err.message}`);
  });
  const secret = text.trim();
  if (!secret) throw new NoSigningSecret(`${path} is empty`);
  return { secret: new TextEncoder().encode(secret), from: `the secret in ${path} (DATA_DIR=${config.dataDir})` };
}

/** Token lifetimes: `90s`, `30m`, `8h`; never more than the app accepts (AUTH_JWT_MAX_LIFETIME, 12 hours by default). */
export function tokenLifetime(text: string, maxSeconds = DEFAULT_MAX_TOKEN_LIFETIME_SECONDS): string {
  const match = /^(\d+)\s*(s|m|h)$/.exec(text.trim());
  if (!match) throw new NoSigningSecret(`--expires: must be a duration like 30m or 8h, got "${text}"`);
  const seconds = Number(match[1]) * { s: 1, m: 60, h: 3600 }[match[2] as 's' | 'm' | 'h'];
  if (seconds < 1 || seconds > maxSeconds) throw new NoSigningSecret(`--expires: must be from 1s to ${maxSeconds}s (AUTH_JWT_MAX_LIFETIME), or the app refuses the token`);
  return `${seconds}s`;
}
