import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { apiSession, launchBrowser, login, newContext, screenshot, textOf, watchPage } from '../harness.ts';

// Signed out → login page; a wrong password says so; community B's staff cannot open a household of community A.
describe('unauthorised access', () => {
  const baseURL = inject('baseURL');
  let browser: Browser;

  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('redirects a signed-out visitor to the login page', async () => {
    const context = await newContext(browser, baseURL);
    const page = await context.newPage();
    for (const path of ['/admin/households', '/m', '/']) {
      await page.goto(path);
      await page.waitForURL(/\/login$/);
    }
    await page.getByTestId('login-submit').waitFor();
    await screenshot(page, 'login');
    await context.close();
  });

  it('tells the user when the password is wrong', async () => {
    const context = await newContext(browser, baseURL);
    const page = await context.newPage();
    await login(page, '13900000003', 'not-the-password');
    const error = page.getByTestId('login-error');
    await error.waitFor();
    expect(await textOf(error)).toContain('手机号或密码错误');
    expect(page.url()).toMatch(/\/login$/);
    await context.close();
  });

  it('says "too many attempts" when sign-in is rate limited', async () => {
    // The server's limit is raised for the journeys (they all sign in from 127.0.0.1), so the 429 is
    // played back here in the server's own error format.
    const context = await newContext(browser, baseURL);
    const page = await context.newPage();
    await page.route('**/api/auth/login', (route) =>
      route.fulfill({
        status: 429,
        contentType: 'application/json',
        body: JSON.stringify({
          error: { code: 'too_many_requests', message: '尝试次数过多，请稍后再试', requestId: 'e2e' },
        }),
      }),
    );
    await login(page, '13900000003');
    const error = page.getByTestId('login-error');
    await error.waitFor();
    expect(await textOf(error)).toContain('登录尝试次数过多');
    await context.close();
  });

  it("shows not found when community B's staff opens a household of community A", async () => {
    const resident = await apiSession(baseURL, '13900000007');
    const householdA = resident.me.roles.find((r) => r.role === 'resident')?.householdId ?? '';

    const context = await newContext(browser, baseURL);
    const page = await context.newPage();
    const watch = watchPage(page);
    await login(page, '13900000004');
    await page.waitForURL(/\/admin$/);
    const response = page.waitForResponse((r) => r.url().endsWith(`/api/households/${householdA}`));
    await page.goto(`/admin/households/${householdA}`);
    expect((await response).status()).toBe(404);
    const notFound = page.getByTestId('not-found');
    await notFound.waitFor();
    expect(await textOf(notFound)).toContain('找不到该住户');
    expect(await page.content()).not.toContain('田志明');
    await screenshot(page, 'community-b-household-a');

    // Nor does the search reveal it.
    await page.goto('/admin/households?q=0007');
    await page.locator('.ant-empty').first().waitFor();
    expect(await page.locator('.ant-table-row').count()).toBe(0);
    expect(watch.errors).toEqual([]);
    await context.close();
  });
});
