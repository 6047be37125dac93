import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { loadJose, type AuthKeys } from '@rm/auth';
import { ROLES, type Actor, type Role } from './roles.js';

export const SESSION_COOKIE = 'rm_session';
export const CSRF_HEADER = 'x-csrf-token';
const SESSION_SECONDS = 8 * 60 * 60;

/** A signed-in browser: the actor, and the token its writes must echo in X-CSRF-Token. */
export interface Session {
  actor: Actor;
  csrf: string;
  expiresAt: number;
}

/**
 * Signs session cookies. With a shared secret the key derives from it (sessions survive a restart
 * and every API process accepts them); otherwise each process keeps its own random key.
 */
export class SessionSigner {
  private readonly key: Uint8Array;

  constructor(keys: AuthKeys) {
    const seed = keys.kind === 'secret' ? Buffer.from(keys.secret) : randomBytes(32);
    this.key = createHash('sha256').update('recovery-monitor session cookie\0').update(seed).digest();
  }

  async issue(actor: Actor): Promise<{ cookie: string; session: Session }> {
    const csrf = randomBytes(24).toString('base64url');
    const { SignJWT } = await loadJose();
    const cookie = await new SignJWT({ name: actor.name, roles: actor.roles, csrf })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(actor.sub)
      .setIssuedAt()
      .setExpirationTime(`${SESSION_SECONDS}s`)
      .sign(this.key);
    return { cookie, session: { actor, csrf, expiresAt: Date.now() + SESSION_SECONDS * 1000 } };
  }

  /** A short-lived signed value (the OIDC flow's state and PKCE verifier between redirects). */
  async seal(payload: Record<string, string>, seconds = 600): Promise<string> {
    const { SignJWT } = await loadJose();
    return new SignJWT({ ...payload, purpose: 'transient' }).setProtectedHeader({ alg: 'HS256' }).setIssuedAt().setExpirationTime(`${seconds}s`).sign(this.key);
  }

  async unseal(value: string): Promise<Record<string, unknown> | undefined> {
    try {
      const { payload } = await (await loadJose()).jwtVerify(value, this.key, { algorithms: ['HS256'] });
      return payload.purpose === 'transient' ? payload : undefined;
    } catch {
      return undefined;
    }
  }

  /** The session in a cookie value, or undefined when it is forged, expired or malformed. */
  async verify(value: string): Promise<Session | undefined> {
    try {
      const { payload } = await (await loadJose()).jwtVerify(value, this.key, { algorithms: ['HS256'] });
      if (typeof payload.sub !== 'string' || typeof payload.csrf !== 'string' || payload.purpose !== undefined) return undefined;
      const roles = (Array.isArray(payload.roles) ? payload.roles : []).filter((r): r is Role => (ROLES as readonly unknown[]).includes(r));
      const name = typeof payload.name === 'string' ? payload.name : undefined;
      return { actor: { sub: payload.sub, name, roles }, csrf: payload.csrf, expiresAt: (payload.exp ?? 0) * 1000 };
    } catch {
      return undefined;
    }
  }
}

export function sessionCookie(value: string, secure: boolean): string {
  return `${SESSION_COOKIE}=${value}; Path=/; HttpOnly; SameSite=Lax; Max-Age=${SESSION_SECONDS}${secure ? '; Secure' : ''}`;
}

export function clearedSessionCookie(secure: boolean): string {
  return `${SESSION_COOKIE}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0${secure ? '; Secure' : ''}`;
}

export function readCookie(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return decodeURIComponent(part.slice(eq + 1).trim());
  }
  return undefined;
}

export function sameToken(a: string | undefined, b: string): boolean {
  if (!a) return false;
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/**
 * One-time sign-in codes for the link printed at start: single use, short-lived, in memory only.
 */
export class SignInLinks {
  private readonly codes = new Map<string, { actor: Actor; expiresAt: number }>();

  create(actor: Actor, ttlMs = 15 * 60_000): string {
    const code = randomBytes(24).toString('base64url');
    this.codes.set(code, { actor, expiresAt: Date.now() + ttlMs });
    return code;
  }

  redeem(code: string): Actor | undefined {
    const entry = this.codes.get(code);
    this.codes.delete(code);
    return entry && entry.expiresAt > Date.now() ? entry.actor : undefined;
  }
}
