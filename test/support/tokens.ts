import { SignJWT } from 'jose';
import { TEST_SECRET } from './api-harness.js';

const encode = (text: string) => new TextEncoder().encode(text);
const base64url = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
const nowSeconds = () => Math.floor(Date.now() / 1000);

export interface TokenOptions {
  secret?: string;
  /** Absolute expiry, epoch seconds; an hour from now unless told. */
  expiresAt?: number;
  notBefore?: number;
  /** Issued-at, epoch seconds; now unless told. */
  issuedAt?: number;
  /** Leave `exp` out altogether. */
  noExpiry?: boolean;
}

/** An HS256 token with whatever claims a test needs, including ones the app must refuse. */
export async function signToken(claims: { sub?: string; name?: string; roles?: unknown }, options: TokenOptions = {}): Promise<string> {
  const jwt = new SignJWT({ name: claims.name, roles: claims.roles as string[] })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setIssuedAt(options.issuedAt ?? nowSeconds());
  if (!options.noExpiry) jwt.setExpirationTime(options.expiresAt ?? (options.issuedAt ?? nowSeconds()) + 3600);
  if (claims.sub !== undefined) jwt.setSubject(claims.sub);
  if (options.notBefore !== undefined) jwt.setNotBefore(options.notBefore);
  return jwt.sign(encode(options.secret ?? TEST_SECRET));
}

/** Tokens that must all be answered with 401, by what is wrong with them. */
export async function badTokens(): Promise<Record<string, string>> {
  const writer = { sub: 'programme-office-1', name: 'Test programme-office', roles: ['programme-office'] };
  const valid = await signToken(writer);
  const [header, payload] = valid.split('.');
  return {
    'wrong signature': await signToken(writer, { secret: 'another-secret-of-at-least-thirty-two-chars' }),
    expired: await signToken(writer, { expiresAt: nowSeconds() - 60 }),
    'not yet valid': await signToken(writer, { notBefore: nowSeconds() + 3600 }),
    'alg none': `${base64url({ alg: 'none', typ: 'JWT' })}.${payload}.`,
    'tampered payload': `${header}.${base64url({ sub: 'admin-1', roles: ['admin'], exp: nowSeconds() + 3600 })}.${valid.split('.')[2]}`,
    'no subject': await signToken({ name: 'Nobody', roles: ['programme-office'] }),
    'no exp': await signToken(writer, { noExpiry: true }),
    'iat a day in the future': await signToken(writer, { issuedAt: nowSeconds() + 86400 }),
    'iat beyond the clock skew': await signToken(writer, { issuedAt: nowSeconds() + 120 }),
    'nbf beyond the clock skew': await signToken(writer, { notBefore: nowSeconds() + 120 }),
    'lifetime over 12 hours': await signToken(writer, { expiresAt: nowSeconds() + 13 * 3600 }),
    'roles as a plain string': await signToken({ ...writer, roles: 'programme-office' }),
    'an unknown role': await signToken({ ...writer, roles: ['programme-office', 'superuser'] }),
    'no roles claim': await signToken({ sub: 'someone' }),
    garbage: 'not-a-jwt',
  };
}
