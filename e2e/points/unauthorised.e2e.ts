import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import {
  apiSession,
  launchBrowser,
  login,
  newContext,
  PHONE,
  screenshot,
  textOf,
  watchPage,
} from '../harness.ts';

type Page<T> = { items: T[]; total: number };
type Claim = { id: string; claimantName: string };

// Who may not see what in the points system: residents and grid workers do not get the committee's
// pages, community B's staff never see community A's claims, and the board needs no session at all.
describe('points: unauthorised access', () => {
  const baseURL = inject('baseURL');
  let browser: Browser;
  let claimOfA: Claim;
  let communityA = '';

  beforeAll(async () => {
    const committee = await apiSession(baseURL, '13900000006');
    claimOfA = (await committee.get<Page<Claim>>('/api/points/claims?pageSize=1')).body.items[0];
    expect(claimOfA).toBeDefined();
    communityA = committee.me.roles[0].orgUnitId;
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it("shows the resident a 403 page for the committee's review queue", async () => {
    const context = await newContext(browser, baseURL, PHONE);
    const page = await context.newPage();
    const watch = watchPage(page);
    await login(page, '13900000007');
    await page.waitForURL(/\/m$/);
    await page.goto('/admin/points/review');
    const forbidden = page.getByTestId('forbidden');
    await forbidden.waitFor();
    expect(await textOf(forbidden)).toContain('没有权限');
    expect(await page.locator('.ant-table').count()).toBe(0);
    await screenshot(page, 'points-resident-forbidden');
    // The resident's phone has no checker's queue either.
    await page.goto('/m/points/check');
    await page.getByTestId('forbidden').waitFor();
    expect(watch.errors).toEqual([]);
    await context.close();
  });

  it('keeps the review queue from the grid worker, who checks but does not approve', async () => {
    const context = await newContext(browser, baseURL);
    const page = await context.newPage();
    await login(page, '13900000005');
    await page.waitForURL(/\/m$/);
    await page.goto('/admin/points/review');
    await page.getByTestId('forbidden').waitFor();
    expect(await page.getByRole('menuitem', { name: '待评议' }).count()).toBe(0);
    await page.getByRole('menuitem', { name: '全部申报' }).waitFor();
    await context.close();
  });

  it("never shows community A's claims to community B's staff", async () => {
    const staffB = await apiSession(baseURL, '13900000004');
    expect((await staffB.get(`/api/points/claims/${claimOfA.id}`)).status).toBe(404);
    const listed = await staffB.get<Page<Claim>>('/api/points/claims?pageSize=200');
    expect(listed.body.items.some((c) => c.id === claimOfA.id)).toBe(false);

    const context = await newContext(browser, baseURL);
    const page = await context.newPage();
    const watch = watchPage(page);
    await login(page, '13900000004');
    await page.waitForURL(/\/admin$/);
    await page.getByRole('menuitem', { name: '全部申报' }).click();
    await page.getByRole('heading', { name: '全部申报', exact: true }).waitFor();
    await page.locator('.ant-table').first().waitFor();
    await page.waitForLoadState('networkidle');
    expect(await textOf(page.locator('.ant-table').first())).not.toContain(claimOfA.claimantName);

    const response = page.waitForResponse((r) => r.url().endsWith(`/api/points/claims/${claimOfA.id}`));
    await page.goto(`/admin/points/claims/${claimOfA.id}`);
    expect((await response).status()).toBe(404);
    await page.getByTestId('not-found').waitFor();
    expect(await page.content()).not.toContain(claimOfA.claimantName);
    await screenshot(page, 'points-community-b-claim-a');
    expect(watch.errors).toEqual([]);
    await context.close();
  });

  it('opens the public board without a session, and nothing else', async () => {
    const context = await newContext(browser, baseURL, PHONE);
    const page = await context.newPage();
    const watch = watchPage(page);
    await page.goto(`/board/${communityA}`);
    await page.getByTestId('board').waitFor();
    expect(page.url()).toContain(`/board/${communityA}`);
    expect(await textOf(page.getByTestId('board-title'))).toContain('积分公示栏');
    await page.goto(`/board/${communityA}/rulebook`);
    await page.getByTestId('rulebook-view').waitFor();
    await screenshot(page, 'board-rulebook-phone');
    await page.goto(`/board/${communityA}/convention`);
    await page.getByTestId('board-convention').waitFor();
    await screenshot(page, 'board-convention-phone');
    await page.goto('/board');
    await page.getByTestId('board-community').first().waitFor();
    await screenshot(page, 'board-index-phone');
    for (const path of ['/m/points', '/admin/points/postings']) {
      await page.goto(path);
      await page.waitForURL(/\/login$/);
    }
    expect(watch.errors).toEqual([]);
    await context.close();
  });
});
