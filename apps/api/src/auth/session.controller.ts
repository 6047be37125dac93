import { Body, Controller, Get, HttpCode, Inject, Post, Query, Req, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { IsString, MaxLength, MinLength } from 'class-validator';
import type { Request, Response } from 'express';
import { ProblemException } from '../http/problem.js';
import { type AuthKeys, InvalidToken, verifyToken } from '@rm/auth';
import type { AuthSettings } from '@rm/config';
import { AUTH_KEYS, AUTH_SETTINGS, SESSION_SIGNER } from './auth.guard.js';
import { SignIn } from '../http/rate-limit.js';
import { Public, type Actor } from './roles.js';
import { clearedSessionCookie, readCookie, SESSION_COOKIE, sessionCookie, SessionSigner, SignInLinks } from './session.js';

export class SignInRequest {
  /** A JWT, e.g. from `npm run token`. */
  @IsString()
  @MinLength(1)
  @MaxLength(8192)
  token: string;
}

const secure = (req: Request) => req.secure || req.headers['x-forwarded-proto'] === 'https';

/** Browser sessions: a token (or a one-time link) exchanged for an HttpOnly, SameSite cookie. */
@ApiTags('session')
@Public()
@Controller()
export class SessionController {
  constructor(
    @Inject(AUTH_KEYS) private readonly keys: AuthKeys,
    @Inject(AUTH_SETTINGS) private readonly settings: AuthSettings,
    @Inject(SESSION_SIGNER) private readonly sessions: SessionSigner,
    private readonly links: SignInLinks,
  ) {}

  @Get('api/session')
  @ApiOperation({ summary: 'Who is signed in in this browser, and the X-CSRF-Token its writes must send' })
  async current(@Req() req: Request) {
    const value = readCookie(req.headers.cookie, SESSION_COOKIE);
    const session = value ? await this.sessions.verify(value) : undefined;
    return session
      ? { signedIn: true, actor: session.actor, csrfToken: session.csrf, expiresAt: new Date(session.expiresAt).toISOString(), oidc: this.oidcEnabled }
      : { signedIn: false, oidc: this.oidcEnabled };
  }

  @Post('api/session')
  @SignIn()
  @HttpCode(201)
  @ApiOperation({ summary: 'Sign in: exchange a bearer token for a session cookie (HttpOnly, SameSite=Lax)' })
  async signIn(@Body() body: SignInRequest, @Req() req: Request, @Res({ passthrough: true }) res: Response) {
    let actor: Actor;
    try {
      actor = (await verifyToken(body.token, this.keys, this.settings)).actor;
    } catch (err) {
      const why = err instanceof InvalidToken ? err.message : 'invalid token';
      throw new ProblemException(400, 'SESSION.INVALID_TOKEN', 'Bad request', `the token was refused: ${why}`, [{ field: 'token', message: why }]);
    }
    return this.start(actor, req, res);
  }

  @Post('api/session/signout')
  @HttpCode(200)
  @ApiOperation({ summary: 'Sign out: clear the session cookie' })
  signOut(@Req() req: Request, @Res({ passthrough: true }) res: Response) {
    res.setHeader('Set-Cookie', clearedSessionCookie(secure(req)));
    return { signedIn: false };
  }

  @Get('signin/link')
  @SignIn()
  @ApiOperation({ summary: 'Redeem the one-time sign-in link printed at start (single use)' })
  async redeem(@Query('code') code: string | undefined, @Req() req: Request, @Res() res: Response) {
    const actor = typeof code === 'string' ? this.links.redeem(code) : undefined;
    if (!actor) return res.redirect(303, '/signin?error=link-used-or-expired');
    const { cookie } = await this.sessions.issue(actor);
    res.setHeader('Set-Cookie', sessionCookie(cookie, secure(req)));
    return res.redirect(303, '/');
  }

  private get oidcEnabled(): boolean {
    return Boolean(this.settings.oidc);
  }

  private async start(actor: Actor, req: Request, res: Response) {
    const { cookie, session } = await this.sessions.issue(actor);
    res.setHeader('Set-Cookie', sessionCookie(cookie, secure(req)));
    return { signedIn: true, actor, csrfToken: session.csrf, expiresAt: new Date(session.expiresAt).toISOString() };
  }
}
