import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import {
  apiSession,
  DESKTOP,
  launchBrowser,
  login,
  newContext,
  screenshot,
  textOf,
  watchPage,
} from '../harness.ts';

// The lists, the figures and the category catalogue on the desktop (community staff of 春熙社区), and
// the public duty sheet for a compound gate, on screen and in A4 print.
describe('case lists: 民生诉求清单, 治理任务清单, 分级处置统计, 事项分类, 部门职责清单', () => {
  const baseURL = inject('baseURL');
  let browser: Browser;

  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('community staff read the lists, the figures and the catalogue', async () => {
    const context = await newContext(browser, baseURL, DESKTOP);
    const page = await context.newPage();
    const { errors } = watchPage(page);
    await login(page, '13900000003');
    await page.waitForURL(/\/admin$/);

    await page.getByRole('menuitem', { name: '民生诉求清单' }).click();
    await page.waitForURL(/\/admin\/case-lists\/demands/);
    await page.getByTestId('case-list').locator('.ant-table-row').first().waitFor();
    await screenshot(page, 'case-lists-demands');

    await page.getByRole('menuitem', { name: '治理任务清单' }).click();
    await page.waitForURL(/\/admin\/case-lists\/tasks/);
    await page.getByTestId('filter-q').locator('input').fill('春熙街');
    await page.getByTestId('filter-q').locator('input').press('Enter');
    await page.getByTestId('case-list').locator('.ant-table-row', { hasText: '春熙街约150米' }).waitFor();
    expect(await page.getByTestId('case-list').locator('.ant-table-row').count()).toBe(1);
    expect(await textOf(page.getByTestId('case-list'))).toContain('区城市管理局');
    expect(await page.getByTestId('case-list-export').getAttribute('href')).toContain('export.xlsx?q=');
    await page.goto('/admin/case-lists/tasks?kind=hazard');
    await page.getByTestId('case-list').locator('.ant-table-row').first().waitFor();
    await screenshot(page, 'case-lists-tasks');

    await page.goto('/admin/case-lists/figures?kind=hazard&from=2025-12-01&to=2026-11-30');
    await page.getByTestId('figures-headline').waitFor();
    expect(await textOf(page.getByTestId('figures-headline'))).toContain(
      '春熙社区累计发现问题 139 个，自行解决 17 个，上报处理 122 个',
    );
    await page.waitForTimeout(1200);
    await screenshot(page, 'case-lists-figures');

    await page.getByRole('menuitem', { name: '事项分类' }).click();
    await page.waitForURL(/\/admin\/case-lists\/categories/);
    await page.getByTestId('category-table').locator('.ant-table-row', { hasText: '楼道灯不亮' }).waitFor();
    await screenshot(page, 'case-lists-categories');
    await page
      .getByTestId('category-table')
      .locator('.ant-table-row', { hasText: '楼道灯不亮' })
      .getByRole('button', { name: /本级调整/ })
      .click();
    await page.getByRole('dialog').waitFor();
    await screenshot(page, 'case-lists-category-edit', false);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('anyone opens the duty sheet of a compound, ready for A4', async () => {
    const staff = await apiSession(baseURL, '13900000003');
    const communityId = staff.me.roles[0].orgUnitId;
    const children = await staff.get<{ items: { id: string; name: string }[] }>(
      `/api/org-units/${communityId}/children`,
    );
    const compound = children.body.items.find((c) => c.name === '幸福家园小区')!;
    const context = await newContext(browser, baseURL, { width: 794, height: 1123 });
    const page = await context.newPage();
    const { errors } = watchPage(page);
    await page.goto(`/public/duty-sheet/${compound.id}`);
    await page.getByText('区城市管理局').waitFor();
    expect(await textOf(page.getByTestId('duty-sheet'))).toContain('周网格');
    await screenshot(page, 'duty-sheet-screen');
    await page.emulateMedia({ media: 'print' });
    await screenshot(page, 'duty-sheet-print-a4');
    expect(errors).toEqual([]);
    await context.close();
  });
});
