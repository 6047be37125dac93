import type { AuthSettings } from '@rm/config';
import type { AuthKeys } from './auth-keys.js';
import { loadJose } from './jose.js';
import { ROLES, type Actor, type Role } from './roles.js';

export class InvalidToken extends Error {}

/** How far a token's iat or nbf may lie ahead of this server's clock. */
export const TOKEN_CLOCK_SKEW_SECONDS = 60;
/** The longest lifetime (exp − iat) accepted unless AUTH_JWT_MAX_LIFETIME says otherwise. */
export const DEFAULT_MAX_TOKEN_LIFETIME_SECONDS = 12 * 3600;

/**
 * Verifies a bearer token and returns its actor; any failure is an InvalidToken. A token must
 * expire (`exp`) within the maximum lifetime of when it was issued (or of now, without `iat`),
 * must not be issued or become valid in the future beyond the clock skew, and must carry its
 * `roles` as an array of known roles.
 */
export async function verifyToken(token: string, keys: AuthKeys, settings: AuthSettings): Promise<{ actor: Actor; expiresAt: number }> {
  const options = { issuer: settings.issuer, audience: settings.audience, requiredClaims: ['exp'], clockTolerance: TOKEN_CLOCK_SKEW_SECONDS };
  try {
    const { jwtVerify } = await loadJose();
    const { payload } =
      keys.kind === 'secret'
        ? await jwtVerify(token, keys.secret, { ...options, algorithms: ['HS256'] })
        : keys.kind === 'public-key'
          ? await jwtVerify(token, keys.key, { ...options, algorithms: ['RS256'] })
          : await jwtVerify(token, keys.keys, { ...options, algorithms: ['RS256', 'ES256', 'PS256'] });
    if (typeof payload.sub !== 'string' || payload.sub.length === 0) throw new InvalidToken('the token has no subject (sub)');
    const exp = payload.exp!;
    const now = Math.floor(Date.now() / 1000);
    if (typeof payload.iat === 'number' && payload.iat > now + TOKEN_CLOCK_SKEW_SECONDS) throw new InvalidToken('the token is issued in the future (iat)');
    const maxLifetime = settings.maxLifetimeSeconds ?? DEFAULT_MAX_TOKEN_LIFETIME_SECONDS;
    const issued = typeof payload.iat === 'number' ? payload.iat : now;
    if (exp - issued > maxLifetime) throw new InvalidToken(`the token lives longer than the ${maxLifetime} s allowed (exp - iat)`);
    const roles = payload.roles;
    if (!Array.isArray(roles)) throw new InvalidToken('the roles claim must be an array of roles');
    const unknown = roles.filter((r) => !(ROLES as readonly unknown[]).includes(r));
    if (unknown.length > 0) throw new InvalidToken(`unknown role(s) in the roles claim; known roles: ${ROLES.join(', ')}`);
    const actor = { sub: payload.sub, name: typeof payload.name === 'string' ? payload.name : undefined, roles: [...new Set(roles as Role[])] };
    return { actor, expiresAt: exp * 1000 };
  } catch (err) {
    if (err instanceof InvalidToken) throw err;
    throw new InvalidToken((err as Error).message);
  }
}

/** Mints an HS256 token for local use and tests. */
export async function mintToken(secret: Uint8Array, claims: { sub: string; name?: string; roles: readonly Role[] }, expiresIn = '8h'): Promise<string> {
  const { SignJWT } = await loadJose();
  return new SignJWT({ name: claims.name, roles: [...claims.roles] })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(claims.sub)
    .setIssuedAt()
    .setExpirationTime(expiresIn)
    .sign(secret);
}
