import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import {
  apiSession,
  DESKTOP,
  launchBrowser,
  login,
  newContext,
  PHONE,
  screenshot,
  textOf,
  watchPage,
} from '../harness.ts';

type Page<T> = { items: T[]; total: number };
type Case = { id: string; description: string; whistles: unknown[] };

// Who may not see what of the cases: community B's staff never see community A's cases (not found, not
// "forbidden"), residents have no desktop queue, and a department sees only what was whistled to it.
describe('cases: unauthorised access', () => {
  const baseURL = inject('baseURL');
  let browser: Browser;
  let caseOfA: Case;

  beforeAll(async () => {
    const staffA = await apiSession(baseURL, '13900000003');
    const all = (await staffA.get<Page<Case>>('/api/cases?pageSize=50')).body.items;
    // One never whistled, so the department may not see it either.
    caseOfA = all.find((c) => c.whistles.length === 0) as Case;
    expect(caseOfA).toBeDefined();
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it("shows community B's staff 'not found' for a case of community A", async () => {
    const context = await newContext(browser, baseURL, DESKTOP);
    const page = await context.newPage();
    const watch = watchPage(page);
    await login(page, '13900000004');
    await page.waitForURL(/\/admin$/);
    const answered = page.waitForResponse((r) => r.url().endsWith(`/api/cases/${caseOfA.id}`));
    await page.goto(`/admin/cases/${caseOfA.id}`);
    expect((await answered).status()).toBe(404);
    const notFound = page.getByTestId('not-found');
    await notFound.waitFor();
    expect(await textOf(notFound)).toContain('找不到该事项');
    expect(await page.content()).not.toContain(caseOfA.description);
    await screenshot(page, 'cases-community-b-case-a');
    // Their own list does not hold it either.
    await page.goto('/admin/cases?queue=all');
    await page.getByTestId('cases-queue').waitFor();
    await page.locator('.ant-table').waitFor();
    expect(await page.getByTestId('case-row').filter({ hasText: caseOfA.description }).count()).toBe(0);
    expect(watch.errors).toEqual([]);
    await context.close();
  });

  it('keeps the desktop queue and the department queue from the resident', async () => {
    const context = await newContext(browser, baseURL, PHONE);
    const page = await context.newPage();
    const watch = watchPage(page);
    await login(page, '13900000007');
    await page.waitForURL(/\/m$/);
    await page.goto('/admin/cases');
    const forbidden = page.getByTestId('forbidden');
    await forbidden.waitFor();
    expect(await textOf(forbidden)).toContain('没有权限');
    expect(await page.locator('.ant-table').count()).toBe(0);
    await screenshot(page, 'cases-resident-forbidden');
    await page.goto('/admin/cases/whistles');
    await page.getByTestId('forbidden').waitFor();
    // Nor the grid worker's check queue on the phone.
    await page.goto('/m/cases/check');
    await page.getByTestId('forbidden').waitFor();
    expect(watch.errors).toEqual([]);
    await context.close();
  });

  it('shows a department a case not whistled to it as not found', async () => {
    const context = await newContext(browser, baseURL, DESKTOP);
    const page = await context.newPage();
    const watch = watchPage(page);
    await login(page, '13900000008');
    await page.waitForURL(/\/admin\/cases\/whistles$/);
    await page.goto(`/admin/cases/whistles/${caseOfA.id}`);
    await page.getByTestId('not-found').waitFor();
    // The handlers' list is not theirs.
    await page.goto('/admin/cases');
    await page.getByTestId('forbidden').waitFor();
    expect(watch.errors).toEqual([]);
    await context.close();
  });
});
