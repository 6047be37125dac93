import { resolveAuthKeys } from '@rm/auth';
import { readCookie, sessionCookie, SessionSigner, SignInLinks } from './session.js';

const actor = { sub: 'po-1', name: 'Programme Office', roles: ['programme-office' as const] };

describe('browser sessions: signed cookies and one-time sign-in links', () => {
  it('a session round-trips; a forged, tampered or other-secret cookie is refused; a sealed flow value is not a session', async () => {
    const keys = await resolveAuthKeys({ jwtSecret: 'a-session-secret-of-thirty-two-characters' }, { dataDir: 'memory://' });
    const signer = new SessionSigner(keys);
    const { cookie, session } = await signer.issue(actor);
    expect(await signer.verify(cookie)).toEqual({ actor, csrf: session.csrf, expiresAt: expect.any(Number) });
    expect(session.csrf).toMatch(/^[A-Za-z0-9_-]{32}$/);
    const [h, p, sig] = cookie.split('.');
    const forgedPayload = Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(p, 'base64url').toString()), roles: ['admin'] })).toString('base64url');
    expect(await signer.verify(`${h}.${forgedPayload}.${sig}`)).toBeUndefined();
    const other = new SessionSigner(await resolveAuthKeys({ jwtSecret: 'another-session-secret-of-thirty-two-chars' }, { dataDir: 'memory://' }));
    expect(await other.verify(cookie)).toBeUndefined();
    expect(await signer.verify(await signer.seal({ verifier: 'v', state: 's' }))).toBeUndefined();
    expect(await signer.unseal(await signer.seal({ verifier: 'v', state: 's' }))).toMatchObject({ verifier: 'v', state: 's' });
    expect(await signer.unseal(cookie)).toBeUndefined();
  });

  it('the cookie is HttpOnly and SameSite, Secure behind HTTPS, and read back from a Cookie header', () => {
    expect(sessionCookie('abc', false)).toBe('rm_session=abc; Path=/; HttpOnly; SameSite=Lax; Max-Age=28800');
    expect(sessionCookie('abc', true)).toMatch(/; Secure$/);
    expect(readCookie('a=1; rm_session=xyz; b=2', 'rm_session')).toBe('xyz');
    expect(readCookie('rm_session_other=1', 'rm_session')).toBeUndefined();
  });

  it('a sign-in link works once, and not after it expires', () => {
    const links = new SignInLinks();
    const code = links.create(actor);
    expect(links.redeem(code)).toEqual(actor);
    expect(links.redeem(code)).toBeUndefined();
    expect(links.redeem(links.create(actor, -1))).toBeUndefined();
    expect(links.redeem('guessed')).toBeUndefined();
  });
});
