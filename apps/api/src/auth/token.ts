import { jwtVerify, SignJWT } from 'jose';
import type { AuthKeys, AuthSettings } from './auth-keys.js';
import { ROLES, type Actor, type Role } from './roles.js';

export class InvalidToken extends Error {}

/** Verifies a bearer token and returns its actor; any failure is an InvalidToken. */
export async function verifyToken(token: string, keys: AuthKeys, settings: AuthSettings): Promise<{ actor: Actor; expiresAt: number }> {
  const options = { issuer: settings.issuer, audience: settings.audience };
  try {
    const { payload } =
      keys.kind === 'secret'
        ? await jwtVerify(token, keys.secret, { ...options, algorithms: ['HS256'] })
        : keys.kind === 'public-key'
          ? await jwtVerify(token, keys.key, { ...options, algorithms: ['RS256'] })
          : await jwtVerify(token, keys.keys, { ...options, algorithms: ['RS256', 'ES256', 'PS256'] });
    if (typeof payload.sub !== 'string' || payload.sub.length === 0) throw new InvalidToken('the token has no subject (sub)');
    const claimed = Array.isArray(payload.roles) ? payload.roles : typeof payload.roles === 'string' ? [payload.roles] : [];
    const roles = claimed.filter((r): r is Role => (ROLES as readonly unknown[]).includes(r));
    const actor = { sub: payload.sub, name: typeof payload.name === 'string' ? payload.name : undefined, roles };
    // A token without exp is still checked again after the guard's cache period.
    return { actor, expiresAt: typeof payload.exp === 'number' ? payload.exp * 1000 : Number.MAX_SAFE_INTEGER };
  } catch (err) {
    if (err instanceof InvalidToken) throw err;
    throw new InvalidToken((err as Error).message);
  }
}

/** Mints an HS256 token for local use and tests. */
export async function mintToken(secret: Uint8Array, claims: { sub: string; name?: string; roles: readonly Role[] }, expiresIn = '8h'): Promise<string> {
  return new SignJWT({ name: claims.name, roles: [...claims.roles] })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(claims.sub)
    .setIssuedAt()
    .setExpirationTime(expiresIn)
    .sign(secret);
}
