import { Inject, Injectable, Module, SetMetadata, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { APP_GUARD, Reflector } from '@nestjs/core';
import type { Request, Response } from 'express';
import { APP_CONFIG, type AppConfig } from '@rm/config';
import { ProblemException } from './problem.js';
import { routeMetadata } from './route-metadata.js';

const SIGN_IN_KEY = 'rm:sign-in';
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
const WINDOW_MS = 60_000;

/** Marks a route that takes credentials: counted against RATE_LIMIT_SIGN_IN_PER_MINUTE. */
export const SignIn = () => SetMetadata(SIGN_IN_KEY, true);

/** Requests per key in a one-minute window that starts with the key's first request. */
class Windows {
  private readonly windows = new Map<string, { startedAt: number; count: number }>();

  /** Counts one request; returns the seconds to wait when it is over `limit`, else 0. */
  hit(key: string, limit: number, now = Date.now()): number {
    if (this.windows.size > 50_000) this.forgetEnded(now);
    let window = this.windows.get(key);
    if (!window || now - window.startedAt >= WINDOW_MS) this.windows.set(key, (window = { startedAt: now, count: 0 }));
    window.count++;
    return window.count > limit ? Math.max(1, Math.ceil((window.startedAt + WINDOW_MS - now) / 1000)) : 0;
  }

  private forgetEnded(now: number): void {
    for (const [key, window] of this.windows) if (now - window.startedAt >= WINDOW_MS) this.windows.delete(key);
  }
}

/**
 * Per client address and minute, in this process: writes (every non-safe method) against one
 * limit, sign-in routes against another; reads are not limited. A limit of 0 turns it off.
 * (Not @nestjs/throttler: it is CommonJS requiring the ESM-only NestJS 12, which Jest on Node 20 cannot load.)
 */
@Injectable()
export class RateLimitGuard implements CanActivate {
  private readonly windows = new Windows();
  private readonly signInRoute: (context: ExecutionContext) => boolean | undefined;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    reflector: Reflector,
  ) {
    this.signInRoute = routeMetadata<boolean>(reflector, SIGN_IN_KEY);
  }

  canActivate(context: ExecutionContext): boolean {
    const request = context.switchToHttp().getRequest<Request>();
    const { writesPerMinute, signInPerMinute } = this.config.rateLimit;
    const signIn = signInPerMinute > 0 && Boolean(this.signInRoute(context));
    const write = writesPerMinute > 0 && !SAFE_METHODS.has(request.method);
    // Express derives the address anew on every read of request.ip: only when it counts (not on plain reads).
    if (!signIn && !write) return true;
    const client = request.ip ?? request.socket.remoteAddress ?? 'unknown';
    if (signIn) this.check(context, `sign-in ${client}`, signInPerMinute);
    if (write) this.check(context, `writes ${client}`, writesPerMinute);
    return true;
  }

  private check(context: ExecutionContext, key: string, limit: number): void {
    const wait = this.windows.hit(key, limit);
    if (wait === 0) return;
    context.switchToHttp().getResponse<Response>().setHeader('Retry-After', String(wait));
    throw new ProblemException(429, 'RATE_LIMITED', 'Too many requests', `more than ${limit} such requests a minute from this client; retry in ${wait} s`, undefined, { 'Retry-After': String(wait) });
  }
}

@Module({ providers: [{ provide: APP_GUARD, useClass: RateLimitGuard }] })
export class RateLimitModule {}
