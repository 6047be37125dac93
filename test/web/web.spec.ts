import AxeBuilder from '@axe-core/playwright';
import { describeOnServer, TEST_DATABASE_URL } from '@rm/event-store/testing';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { SignInLinks } from '../../apps/api/src/auth/session.js';
import { httpPost, seedIopsDemo } from '../../bench/lib/iops-demo.js';
import { buildWeb, SCREENSHOTS, SIZES, startWeb, type WebHarness } from './support/web-harness.js';

async function expectAccessible(page: Page, view: string) {
  const { violations } = await new AxeBuilder({ page }).analyze();
  const serious = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect({ view, serious: serious.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(' | ')}`) }).toEqual({ view, serious: [] });
}

const cellText = (page: Page, selector: string) => page.locator(selector).allInnerTexts();

describeOnServer('web: the browser application in real Chromium', () => {
  let web: WebHarness;
  beforeAll(async () => {
    buildWeb();
    web = await startWeb(TEST_DATABASE_URL!);
    await seedIopsDemo(httpPost(web.baseUrl, await web.token(['programme-office'])));
  }, 120_000);
  afterAll(() => web?.close());

  it('local sign-in: Token field and Sign in button, a refused token shown at the field, an HttpOnly SameSite cookie, sign out', async () => {
    const context = await web.browser.newContext({ baseURL: web.baseUrl, locale: 'en-GB' });
    const page = await context.newPage();
    await page.goto('/');
    await page.waitForURL('**/signin');
    await page.getByLabel('Token').fill('not-a-token');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.locator('#token-error').innerText()).resolves.toMatch(/refused|invalid|JWS|JWT/i);
    await page.getByLabel('Token').fill(await web.token(['board']));
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Board dashboard' }).waitFor();
    const [cookie] = await context.cookies();
    expect(cookie).toMatchObject({ name: 'rm_session', httpOnly: true, sameSite: 'Lax' });
    // A board member sees no forms and no replay explorer.
    await expect(page.getByRole('link', { name: 'Record' }).count()).resolves.toBe(0);
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL('**/signin');
    expect(await context.cookies()).toEqual([]);
    const after = await page.request.get('/api/scorecard');
    expect(after.status()).toBe(401);
    await context.close();
  });

  it('the one-time sign-in link signs in once; a second use is refused', async () => {
    const code = web.app.get(SignInLinks).create({ sub: 'local-admin', name: 'Local administrator', roles: ['admin'] });
    const context = await web.browser.newContext({ baseURL: web.baseUrl, locale: 'en-GB' });
    const page = await context.newPage();
    await page.goto(`/signin/link?code=${code}`);
    await page.getByRole('heading', { name: 'Board dashboard' }).waitFor();
    const other = await web.browser.newContext({ baseURL: web.baseUrl, locale: 'en-GB' });
    const again = await other.newPage();
    await again.goto(`/signin/link?code=${code}`);
    await again.waitForURL('**/signin?error=link-used-or-expired');
    await expect(again.getByRole('alert').innerText()).resolves.toMatch(/already used/);
    await Promise.all([context.close(), other.close()]);
  });

  it('a cookie-authenticated write without the CSRF header, or from another origin, is refused and writes nothing', async () => {
    const { context, page } = await web.signedIn(['programme-office']);
    const body = { value: 1, effectiveAt: '2019-12-01', source: 'csrf probe' };
    const bare = await page.request.post('/api/indicators/da-risk-assessment/figures', { data: body });
    expect(bare.status()).toBe(403);
    const { csrfToken } = await (await page.request.get('/api/session')).json();
    const foreign = await page.request.post('/api/indicators/da-risk-assessment/figures', { data: body, headers: { 'x-csrf-token': csrfToken, origin: 'http://evil.example' } });
    expect(foreign.status()).toBe(403);
    const own = await page.request.post('/api/indicators/da-risk-assessment/figures', { data: { ...body, effectiveAt: '2019-12-02T12:00:00Z', value: 562 }, headers: { 'x-csrf-token': csrfToken, origin: web.baseUrl } });
    expect(own.status()).toBe(201);
    const history = await page.request.get('/api/indicators/da-risk-assessment?asOf=2019-12-01&knownAt=latest');
    expect((await history.json()).value).not.toBe(1);
    await context.close();
  });

  it('dashboard: six questions, one card per indicator (off track first), numbers in full, As of / Known at in the URL', async () => {
    const { context, page } = await web.signedIn(['board']);
    await page.goto('/?asOf=2019-12-02&knownAt=latest');
    await page.locator('.questions > li').nth(5).waitFor();
    await page.locator('.card').nth(3).waitFor();
    await page.locator('.card .chart svg').first().waitFor();
    const values = await cellText(page, '.card .value');
    expect(values.join(' ')).toContain('1,357');
    const first = await page.locator('.card h3').first().innerText();
    expect(first).not.toBe('999 average answer time');
    await page.getByLabel('As of').fill('2019-11-15');
    await page.waitForURL(/asOf=2019-11-15/);
    expect(page.url()).toContain('knownAt=latest');
    await page.getByText('As of 2019-11-15, known at latest').waitFor();
    await page.getByLabel('Known at', { exact: true }).selectOption('asOf');
    await page.waitForURL((u) => !u.search.includes('knownAt'));
    await page.getByText(/As of 2019-11-15, known at 2019-11-15/).waitFor();
    await context.close();
  });

  it('a figure written through the form appears on the dashboard; validation errors show at the field', async () => {
    const { context, page } = await web.signedIn(['programme-office']);
    await page.goto('/forms?section=indicators');
    const form = page.locator('form', { has: page.getByRole('heading', { name: 'Record a figure' }) });
    await form.getByLabel('Indicator id').fill('999-answer-time');
    await form.getByLabel('Value', { exact: true }).fill('1234567');
    await form.getByRole('button', { name: 'Record' }).click();
    await expect(form.locator('.field', { hasText: 'Effective date' }).locator('.error').innerText()).resolves.toMatch(/effectiveAt|date/i);
    await form.getByLabel('Effective date').fill('2020-03-03');
    await form.getByLabel('Source', { exact: true }).fill('browser test');
    await form.getByRole('button', { name: 'Record' }).click();
    await form.getByRole('status').waitFor();
    await page.goto('/?asOf=2020-03-03&knownAt=latest');
    await page.locator('.card', { hasText: '999 average answer time' }).locator('.value', { hasText: '1,234,567' }).waitFor();
    await context.close();
  });

  it('CSV upload: a line-numbered report once imports exist, "not available" until then', async () => {
    const { context, page } = await web.signedIn(['programme-office']);
    await page.goto('/forms?section=import');
    await page.getByLabel('CSV text').fill('indicator,effectiveAt,value,source\nda-risk-assessment,2019-12-03,560,weekly return\nda-risk-assessment,not-a-date,1,weekly return\n');
    await page.getByRole('button', { name: 'Upload' }).click();
    const report = await page.locator('form').getByRole('alert').innerText();
    const routeExists = (await page.request.post('/api/imports/figures', { headers: { 'content-type': 'text/csv' }, data: '' })).status() !== 404;
    expect(report).toMatch(routeExists ? /Line 3/ : /CSV import: not available/);
    await context.close();
  });

  it("an inspector's shared URL, pinned to its position, reproduces the same numbers after a later correction", async () => {
    const { context, page } = await web.signedIn(['inspector']);
    await page.goto('/replay?asOf=2019-11-01&knownAt=latest');
    await page.getByRole('link', { name: 'Pin this view' }).click();
    await page.waitForURL(/position=/);
    const shared = page.url();
    await page.locator('table.compare tbody tr').first().waitFor();
    const before = await cellText(page, 'table.compare tbody td');
    await httpPost(web.baseUrl, await web.token(['programme-office']))('/api/indicators/da-risk-assessment/figures/da-risk-assessment-2019-10-28/corrections', { value: 650, reason: 'Recount after the browser test' });
    const other = await web.signedIn(['inspector']);
    await other.page.goto(shared);
    await other.page.locator('table.compare tbody tr').first().waitFor();
    await other.page.locator('.position .pinned').waitFor();
    expect(await cellText(other.page, 'table.compare tbody td')).toEqual(before);
    // Unpinned, the known-now column moves on and the restated value is marked as a difference.
    await other.page.goto(shared.replace(/&?nowPosition=\d+/, ''));
    await other.page.locator('td.diff', { hasText: '650' }).first().waitFor();
    await other.page.screenshot({ path: join(SCREENSHOTS, 'replay-differences-1280x800.png'), fullPage: false });
    // Drill down: the figure's events, who recorded it and the correction chain with its reason.
    await other.page.getByRole('link', { name: 'Domestic abuse incidents awaiting risk assessment' }).click();
    await other.page.getByText('Recount after the browser test').waitFor();
    await expect(other.page.locator('tr.corrected').first().innerText()).resolves.toMatch(/Test programme-office/);
    await Promise.all([context.close(), other.context.close()]);
  });

  it('two people editing one action: the second gets "changed by someone else — reload" (412), nothing overwritten', async () => {
    const { context, page } = await web.signedIn(['programme-office']);
    await page.goto('/forms?section=plans');
    await page.getByLabel('Plan to edit').fill('iops-2019');
    await page.getByRole('button', { name: 'Load' }).click();
    await page.getByText('Editing revision').waitFor();
    await httpPost(web.baseUrl, await web.token(['programme-office']))('/api/plans/iops-2019/actions/A1/progress', { percent: 40, note: 'someone else', reportedOn: '2019-12-02' });
    const form = page.locator('form', { has: page.getByRole('heading', { name: 'Report progress' }) });
    await form.getByLabel('Plan id').fill('iops-2019');
    await form.getByLabel('Action id').fill('A1');
    await form.getByLabel('Percent').fill('50');
    await form.getByLabel('Note').fill('mine');
    await form.getByLabel('Reported on').fill('2019-12-03');
    await form.getByRole('button', { name: 'Record' }).click();
    await expect(form.getByRole('alert').innerText()).resolves.toMatch(/changed by someone else — reload/);
    await context.close();
  });

  it('shows the real trend projections and the changes since the last board, and the dashboard prints', async () => {
    const { context, page } = await web.signedIn(['board']);
    await page.goto('/?asOf=2020-03-02&knownAt=latest&since=2020-02-03');
    await page.locator('.card .chart svg').nth(3).waitFor();
    const api = async (path: string) => (await page.request.get(path)).json();
    const { projections } = (await api('/api/projections?asOf=2020-03-02&knownAt=latest')) as { projections: { indicatorId: string; status: string; projectedReturn: { date: string } | null }[] };
    const da = projections.find((p) => p.indicatorId === 'da-risk-assessment')!;
    await expect(page.locator('.card', { hasText: 'Domestic abuse' }).locator('.badge').textContent()).resolves.toBe(da.status);
    if (da.projectedReturn) await expect(page.locator('.card', { hasText: 'Domestic abuse' }).innerText()).resolves.toContain(da.projectedReturn.date);
    // Changes as known at the view's knownAt (latest), not at until: everything here was entered today.
    const changes = (await api('/api/changes?since=2020-02-03&until=2020-03-02&knownAt=latest')) as { indicators: { id: string }[] };
    expect(changes.indicators.length).toBeGreaterThan(0);
    await expect(page.locator('.changes').innerText()).resolves.toContain(`${changes.indicators[0].id}: `);
    await page.screenshot({ path: join(SCREENSHOTS, 'dashboard-with-projections-1280x800.png'), fullPage: true });
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('header.top').isVisible()).toBe(false);
    await page.screenshot({ path: join(SCREENSHOTS, 'dashboard-print.png'), fullPage: true });
    await context.close();
  });

  const VIEWS = [
    { name: 'signin', path: '/signin', roles: null, ready: 'button' },
    { name: 'dashboard', path: '/?asOf=2019-12-02&knownAt=latest', roles: ['board'] as const, ready: '.card .chart svg' },
    { name: 'replay', path: '/replay?asOf=2019-11-01&knownAt=latest&indicator=da-risk-assessment', roles: ['inspector'] as const, ready: 'tr.corrected' },
    { name: 'forms-indicators', path: '/forms?section=indicators', roles: ['programme-office'] as const, ready: 'form' },
    { name: 'forms-plans', path: '/forms?section=plans', roles: ['programme-office'] as const, ready: 'form' },
    { name: 'forms-partners', path: '/forms?section=partners', roles: ['programme-office'] as const, ready: 'form' },
    { name: 'forms-import', path: '/forms?section=import', roles: ['programme-office'] as const, ready: 'form' },
  ];

  it.each(SIZES.map((s) => [`${s.width}×${s.height}`, s] as const))('every view at %s: no serious or critical axe violations, keyboard reachable, a screenshot', async (_label, size) => {
    // One signed-in page per role, reused across its views.
    const pages = new Map<string, Awaited<ReturnType<WebHarness['signedIn']>>>();
    try {
      for (const view of VIEWS) {
        const key = view.roles?.join('+') ?? 'anonymous';
        if (!pages.has(key))
          pages.set(key, view.roles ? await web.signedIn([...view.roles], size) : await web.browser.newContext({ baseURL: web.baseUrl, viewport: size, locale: 'en-GB' }).then(async (c) => ({ context: c, page: await c.newPage() })));
        const { page } = pages.get(key)!;
        await page.goto(view.path);
        await page.locator(view.ready).first().waitFor();
        await expectAccessible(page, `${view.name} at ${size.name}`);
        await page.screenshot({ path: join(SCREENSHOTS, `${view.name}-${size.width}x${size.height}.png`), fullPage: true });
        // Keyboard: Tab reaches a focusable control.
        await page.keyboard.press('Tab');
        expect(await page.evaluate(() => (globalThis as unknown as { document: { activeElement?: { tagName: string } } }).document.activeElement?.tagName)).toMatch(/^(A|BUTTON|INPUT|SELECT|TEXTAREA)$/);
      }
    } finally {
      for (const { context } of pages.values()) await context.close();
    }
  }, 150_000);
});
