import { ForbiddenException, Inject, Injectable, UnauthorizedException, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { type AuthKeys, InvalidToken, verifyToken } from '@rm/auth';
import type { AuthSettings } from '@rm/config';
import { routeMetadata } from '../http/route-metadata.js';
import { PUBLIC_KEY, ROLES_KEY, type Actor, type Role } from './roles.js';
import { CSRF_HEADER, readCookie, sameToken, SESSION_COOKIE, SessionSigner } from './session.js';

export const AUTH_KEYS = Symbol('AuthKeys');
export const AUTH_SETTINGS = Symbol('AuthSettings');
export const SESSION_SIGNER = Symbol('SessionSigner');

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

const CACHE_SIZE = 10_000;

export type AuthenticatedRequest = Request & { actor?: Actor };

/** Every route needs a valid bearer token and one of its roles, unless it is marked public. */
@Injectable()
export class AuthGuard implements CanActivate {
  private readonly publicRoute: (context: ExecutionContext) => boolean | undefined;
  private readonly routeRoles: (context: ExecutionContext) => readonly Role[] | undefined;

  constructor(
    reflector: Reflector,
    @Inject(AUTH_KEYS) private readonly keys: AuthKeys,
    @Inject(AUTH_SETTINGS) private readonly settings: AuthSettings,
    @Inject(SESSION_SIGNER) private readonly sessions: SessionSigner,
  ) {
    this.publicRoute = routeMetadata<boolean>(reflector, PUBLIC_KEY);
    this.routeRoles = routeMetadata<readonly Role[]>(reflector, ROLES_KEY);
  }

  /** Verified tokens until they expire: a client sends the same token on every request. */
  private readonly cache = new Map<string, { actor: Actor; expiresAt: number }>();

  private async verified(token: string): Promise<Actor> {
    const hit = this.cache.get(token);
    if (hit && hit.expiresAt > Date.now()) return hit.actor;
    const { actor, expiresAt } = await verifyToken(token, this.keys, this.settings);
    if (this.cache.size >= CACHE_SIZE) this.cache.delete(this.cache.keys().next().value!);
    this.cache.set(token, { actor, expiresAt: Math.min(expiresAt, Date.now() + 5 * 60_000) });
    return actor;
  }

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (this.publicRoute(context)) return true;
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const header = request.headers.authorization;
    const match = header?.match(/^Bearer\s+(\S+)$/i);
    const cookie = readCookie(request.headers.cookie, SESSION_COOKIE);
    if (match) {
      try {
        request.actor = await this.verified(match[1]);
      } catch (err) {
        throw new UnauthorizedException(err instanceof InvalidToken ? `invalid token: ${err.message}` : 'invalid token');
      }
    } else if (cookie) {
      const session = await this.sessions.verify(cookie);
      if (!session) throw new UnauthorizedException('the session has expired or is invalid: sign in again');
      // A cookie rides along on cross-site requests too: writes must prove they come from our pages.
      if (!SAFE_METHODS.has(request.method)) {
        if (!sameToken(headerValue(request.headers[CSRF_HEADER]), session.csrf))
          throw new ForbiddenException(`a write with a session cookie needs the ${CSRF_HEADER} header from GET /api/session`);
        if (!sameOrigin(request)) throw new ForbiddenException('a write with a session cookie must come from this application’s own pages');
      }
      request.actor = session.actor;
    } else throw new UnauthorizedException('a bearer token is required (Authorization: Bearer <JWT>), or a session from /signin');
    const allowed = this.routeRoles(context) ?? [];
    if (!request.actor.roles.some((r) => allowed.includes(r)))
      throw new ForbiddenException(`this needs one of the roles: ${allowed.join(', ') || '(none)'}`);
    return true;
  }
}

function headerValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

/** Browsers send Origin on cross-site writes; when present it must name this host. */
function sameOrigin(request: Request): boolean {
  const origin = headerValue(request.headers.origin);
  if (!origin) return true;
  try {
    return new URL(origin).host === request.headers.host;
  } catch {
    return false;
  }
}
