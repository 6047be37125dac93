import { describeOnServer, TEST_DATABASE_URL } from '@rm/event-store/testing';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider from 'oidc-provider';
import { actorFromClaims } from '../../apps/api/src/auth/oidc.controller.js';
import { startWeb, type WebHarness } from './support/web-harness.js';

describe('oidc: roles from an identity provider’s claims', () => {
  it('keeps only known roles, from a list, a string or a dotted path; names fall back to preferred_username', () => {
    expect(actorFromClaims({ sub: 'u1', name: 'Ida', roles: ['inspector', 'superuser'] }, 'roles')).toEqual({ sub: 'u1', name: 'Ida', roles: ['inspector'] });
    expect(actorFromClaims({ sub: 'u2', preferred_username: 'bo', groups: 'board admin' }, 'groups')).toEqual({ sub: 'u2', name: 'bo', roles: ['board', 'admin'] });
    expect(actorFromClaims({ sub: 'u3', realm_access: { roles: ['programme-office'] } }, 'realm_access.roles').roles).toEqual(['programme-office']);
    expect(actorFromClaims({ sub: 'u4' }, 'roles').roles).toEqual([]);
  });
});

describeOnServer('oidc: sign-in with authorization code + PKCE against a local oidc-provider on loopback', () => {
  let idp: Server;
  let web: WebHarness;
  beforeAll(async () => {
    idp = createServer();
    await new Promise<void>((resolve) => idp.listen(0, '127.0.0.1', resolve));
    const issuer = `http://127.0.0.1:${(idp.address() as AddressInfo).port}`;
    web = await startWeb(TEST_DATABASE_URL!, { AUTH_OIDC_ISSUER: issuer, AUTH_OIDC_CLIENT_ID: 'recovery-monitor' });
    const provider = new Provider(issuer, {
      clients: [{ client_id: 'recovery-monitor', token_endpoint_auth_method: 'none', redirect_uris: [`${web.baseUrl}/auth/callback`], grant_types: ['authorization_code'], response_types: ['code'] }],
      claims: { openid: ['sub'], profile: ['name', 'roles'] },
      findAccount: async (_ctx: unknown, sub: string) => ({ accountId: sub, claims: async () => ({ sub, name: 'Ida Inspector', roles: ['inspector', 'not-a-role'] }) }),
      features: { devInteractions: { enabled: true } },
    });
    idp.on('request', provider.callback());
  }, 120_000);
  afterAll(async () => {
    await web?.close();
    await new Promise((resolve) => idp?.close(resolve));
  });

  it('signs in at the provider and comes back with a session whose roles come from the roles claim', async () => {
    const context = await web.browser.newContext({ baseURL: web.baseUrl, locale: 'en-GB' });
    const page = await context.newPage();
    await page.goto('/signin');
    await page.getByRole('link', { name: 'Sign in with your organisation' }).click();
    await page.locator('input[name="login"]').fill('ida');
    await page.locator('input[name="password"]').fill('any');
    await page.locator('button[type="submit"]').click();
    await page.locator('button[type="submit"]', { hasText: 'Continue' }).click();
    await page.waitForURL(`${web.baseUrl}/`);
    await page.getByRole('button', { name: 'Sign out' }).waitFor();
    const session = await (await page.request.get('/api/session')).json();
    expect(session.actor).toEqual({ sub: 'ida', name: 'Ida Inspector', roles: ['inspector'] });
    await expect(page.getByRole('link', { name: 'Replay explorer' }).count()).resolves.toBe(1);
    await expect(page.getByRole('link', { name: 'Record' }).count()).resolves.toBe(0);
    await context.close();
  });

  it('refuses a callback without the flow started here (no state and verifier cookie)', async () => {
    const context = await web.browser.newContext({ baseURL: web.baseUrl });
    const page = await context.newPage();
    await page.goto('/auth/callback?code=forged&state=forged');
    await page.waitForURL(/\/signin\?error=oidc-flow-expired/);
    expect(await context.cookies()).toEqual([]);
    await context.close();
  });
});
