import { z } from 'zod';

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

const UNIT_SECONDS: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86400 };

const durationRule = (text: string) => `must be a positive duration such as 3600, 30m, 12h or 1d, got "${text}"`;

function seconds(text: string): number | undefined {
  const m = /^(\d{1,9})\s*([smhd]?)$/.exec(text.trim());
  return !m || Number(m[1]) === 0 ? undefined : Number(m[1]) * UNIT_SECONDS[m[2] || 's'];
}

/** `3600`, `90s`, `30m`, `12h` or `1d`, in seconds. */
export function durationSeconds(text: string, name: string): number {
  const s = seconds(text);
  if (s === undefined) throw new Error(`${name}: ${durationRule(text)}`);
  return s;
}

const optional = z.string().optional().transform((value) => value || undefined);

/** The variables that say how tokens are checked and how browsers sign in. */
export const authVariables = {
  AUTH_JWT_SECRET: optional,
  AUTH_JWT_PUBLIC_KEY: z.string().optional().transform((pem) => pem?.replace(/\\n/g, '\n') || undefined),
  AUTH_JWKS_URL: optional,
  AUTH_JWT_ISSUER: optional,
  AUTH_JWT_AUDIENCE: optional,
  AUTH_JWT_MAX_LIFETIME: z.string().optional().transform((text, ctx) => {
    if (!text) return undefined;
    const s = seconds(text);
    if (s === undefined) ctx.addIssue({ code: 'custom', message: durationRule(text) });
    return s;
  }),
  AUTH_OIDC_ISSUER: optional,
  AUTH_OIDC_CLIENT_ID: optional,
  AUTH_OIDC_CLIENT_SECRET: optional,
  AUTH_OIDC_ROLES_CLAIM: optional,
  PUBLIC_URL: optional,
};

type AuthVariables = { [K in keyof typeof authVariables]: z.output<(typeof authVariables)[K]> };

export function authSettingsOf(env: AuthVariables): AuthSettings {
  return {
    jwtSecret: env.AUTH_JWT_SECRET,
    jwtPublicKey: env.AUTH_JWT_PUBLIC_KEY,
    jwksUrl: env.AUTH_JWKS_URL,
    issuer: env.AUTH_JWT_ISSUER,
    audience: env.AUTH_JWT_AUDIENCE,
    maxLifetimeSeconds: env.AUTH_JWT_MAX_LIFETIME,
    oidc:
      env.AUTH_OIDC_ISSUER && env.AUTH_OIDC_CLIENT_ID
        ? {
            issuer: env.AUTH_OIDC_ISSUER,
            clientId: env.AUTH_OIDC_CLIENT_ID,
            clientSecret: env.AUTH_OIDC_CLIENT_SECRET,
            rolesClaim: env.AUTH_OIDC_ROLES_CLAIM || 'roles',
            redirectBase: env.PUBLIC_URL,
          }
        : undefined,
  };
}
