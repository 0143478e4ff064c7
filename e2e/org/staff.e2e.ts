import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchBrowser, login, newContext, screenshot, textOf, watchPage } from '../harness.ts';

// Community staff of community A: find 田先生's household by the tail of his phone (13900000007),
// change its floor area, and find the change in the audit log.
describe('community staff edits a household', () => {
  const baseURL = inject('baseURL');
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let watch: { errors: string[] };

  beforeAll(async () => {
    browser = await launchBrowser();
    context = await newContext(browser, baseURL);
    page = await context.newPage();
    watch = watchPage(page);
  });
  afterAll(async () => {
    await browser?.close();
  });

  let me: { displayName: string };

  it('signs in to the desktop shell', async () => {
    await login(page, '13900000003');
    await page.waitForURL(/\/admin$/);
    me = (await (await page.request.get('/api/auth/me')).json()).user;
    await page.getByText('春熙社区').first().waitFor();
    await page.getByTestId('households-chart').locator('canvas').waitFor();
    await page.waitForTimeout(1200); // ECharts animates its bars in
    await screenshot(page, 'staff-dashboard');
  });

  it('finds the household by phone tail and edits its floor area', async () => {
    await page.getByRole('menuitem', { name: '住户' }).click();
    await page.waitForURL(/\/admin\/households/);
    const search = page.getByTestId('household-search').locator('input');
    await search.fill('0007');
    await search.press('Enter');
    const row = page.locator('.ant-table-row', { hasText: '田志明' });
    await row.waitFor();
    expect(await page.locator('.ant-table-row').count()).toBe(1);
    await screenshot(page, 'staff-household-search');

    await row.getByTestId('household-link').click();
    await page.waitForURL(/\/admin\/households\/[0-9a-f-]{36}$/);
    await page.getByTestId('household-info').waitFor();
    const before = await textOf(page.getByTestId('household-area'));

    await page.getByTestId('household-edit').click();
    const dialog = page.getByRole('dialog');
    const area = dialog.getByLabel('建筑面积');
    await area.fill('131.75');
    const saved = page.waitForResponse(
      (r) => r.request().method() === 'PATCH' && /\/api\/households\//.test(r.url()),
    );
    await dialog.getByRole('button', { name: /保\s*存/ }).click();
    const res = await saved;
    expect(res.status()).toBe(200);
    expect((await res.json()).floorAreaM2).toBe(131.75);
    await dialog.waitFor({ state: 'hidden' });
    await page.getByTestId('household-area').filter({ hasText: '131.75' }).waitFor();
    expect(before).not.toContain('131.75');
    // The household's own history (right column) shows the change too.
    await page.getByText('修改住户').first().waitFor();
    await screenshot(page, 'staff-household-edited');
  });

  it('sees the org.household_updated event in the audit log', async () => {
    await page.getByRole('menuitem', { name: '审计日志' }).click();
    await page.waitForURL(/\/admin\/audit/);
    const action = page.getByTestId('audit-action').locator('input');
    await action.fill('org.household_updated');
    await action.press('Enter');
    const row = page.locator('.ant-table-row', { hasText: 'org.household_updated' }).first();
    await row.waitFor();
    const text = await textOf(row);
    expect(text).toContain(me.displayName);
    expect(text).toContain('修改住户');
    await screenshot(page, 'staff-audit');
    expect(watch.errors).toEqual([]);
  });
});
