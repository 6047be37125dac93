import { Controller, Get, Inject, Req, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import type { Configuration } from 'openid-client';
import type { AuthSettings } from '@rm/config';
import { AUTH_SETTINGS, SESSION_SIGNER } from './auth.guard.js';
import { SignIn } from '../http/rate-limit.js';
import { Public, ROLES, type Actor, type Role } from './roles.js';
import { readCookie, sessionCookie, SessionSigner } from './session.js';

const FLOW_COOKIE = 'rm_oidc';
// Loaded at the first sign-in, not at start: most deployments never use it (bench:start).
const openidClient = () => import('openid-client');
const secure = (req: Request) => req.secure || req.headers['x-forwarded-proto'] === 'https';

/** The actor in an identity provider's claims; `rolesClaim` may be a dotted path (realm_access.roles). */
export function actorFromClaims(claims: Record<string, unknown>, rolesClaim: string): Actor {
  const raw = rolesClaim.split('.').reduce<unknown>((v, k) => (v && typeof v === 'object' ? (v as Record<string, unknown>)[k] : undefined), claims);
  const listed = Array.isArray(raw) ? raw : typeof raw === 'string' ? raw.split(/[\s,]+/) : [];
  const roles = listed.filter((r): r is Role => (ROLES as readonly unknown[]).includes(r));
  const name = typeof claims.name === 'string' ? claims.name : typeof claims.preferred_username === 'string' ? claims.preferred_username : undefined;
  return { sub: String(claims.sub), name, roles };
}

/** OpenID Connect sign-in (authorization code with PKCE) when AUTH_OIDC_ISSUER and AUTH_OIDC_CLIENT_ID are set. */
@ApiTags('session')
@Public()
@Controller('auth')
export class OidcController {
  private config?: Promise<Configuration>;

  constructor(
    @Inject(AUTH_SETTINGS) private readonly settings: AuthSettings,
    @Inject(SESSION_SIGNER) private readonly sessions: SessionSigner,
  ) {}

  private configuration(): Promise<Configuration> {
    const o = this.settings.oidc!;
    const issuer = new URL(o.issuer);
    // Loopback identity providers (development, tests) speak plain HTTP; anything else must not.
    const loopback = issuer.protocol === 'http:' && ['127.0.0.1', 'localhost', '[::1]'].includes(issuer.hostname);
    this.config ??= openidClient()
      .then((oidc) => oidc.discovery(issuer, o.clientId, o.clientSecret, o.clientSecret ? undefined : oidc.None(), loopback ? { execute: [oidc.allowInsecureRequests] } : undefined))
      .catch((err: unknown) => {
        this.config = undefined;
        throw err;
      });
    return this.config;
  }

  private redirectUri(req: Request): string {
    return `${this.settings.oidc?.redirectBase ?? `${req.protocol}://${req.get('host')}`}/auth/callback`;
  }

  @Get('login')
  @SignIn()
  @ApiOperation({ summary: 'Start OpenID Connect sign-in (authorization code + PKCE): redirects to the identity provider' })
  async login(@Req() req: Request, @Res() res: Response) {
    if (!this.settings.oidc) return res.redirect(303, '/signin?error=oidc-not-configured');
    const [config, oidc] = await Promise.all([this.configuration(), openidClient()]);
    const verifier = oidc.randomPKCECodeVerifier();
    const state = oidc.randomState();
    const url = oidc.buildAuthorizationUrl(config, {
      redirect_uri: this.redirectUri(req),
      scope: 'openid profile',
      code_challenge: await oidc.calculatePKCECodeChallenge(verifier),
      code_challenge_method: 'S256',
      state,
    });
    const flow = await this.sessions.seal({ verifier, state });
    res.setHeader('Set-Cookie', `${FLOW_COOKIE}=${flow}; Path=/auth; HttpOnly; SameSite=Lax; Max-Age=600${secure(req) ? '; Secure' : ''}`);
    return res.redirect(303, url.href);
  }

  @Get('callback')
  @SignIn()
  @ApiOperation({ summary: 'The identity provider returns here; the code is exchanged and a session cookie set' })
  async callback(@Req() req: Request, @Res() res: Response) {
    const flow = await this.sessions.unseal(readCookie(req.headers.cookie, FLOW_COOKIE) ?? '');
    if (!this.settings.oidc || !flow) return res.redirect(303, '/signin?error=oidc-flow-expired');
    try {
      const [config, oidc] = await Promise.all([this.configuration(), openidClient()]);
      const current = new URL(req.originalUrl, this.redirectUri(req));
      const tokens = await oidc.authorizationCodeGrant(config, current, { pkceCodeVerifier: String(flow.verifier), expectedState: String(flow.state) });
      const idClaims = (tokens.claims() ?? {}) as Record<string, unknown>;
      const userInfo = await oidc.fetchUserInfo(config, tokens.access_token, String(idClaims.sub)).catch(() => ({}));
      const actor = actorFromClaims({ ...userInfo, ...idClaims }, this.settings.oidc.rolesClaim);
      const { cookie } = await this.sessions.issue(actor);
      res.setHeader('Set-Cookie', [sessionCookie(cookie, secure(req)), `${FLOW_COOKIE}=; Path=/auth; HttpOnly; SameSite=Lax; Max-Age=0`]);
      return res.redirect(303, '/');
    } catch {
      return res.redirect(303, '/signin?error=oidc-failed');
    }
  }
}
