import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { stairwellPng } from '../points/png.ts';
import {
  apiSession,
  DESKTOP,
  launchBrowser,
  login,
  newContext,
  PHONE,
  screenshot,
  scrollWidth,
  textOf,
  watchPage,
} from '../harness.ts';

type Board = {
  units: { responsibleUnit: string; overdue: { id: string; number: number; title: string }[] }[];
};

// The journey for 暖心实项目: community staff open the weekly board, record progress with a
// photo on an overdue project and mark it done → 田志明 rates it on his phone → the public progress
// page shows the rating. The other desktop pages are visited for screenshots on the way.
describe('projects: weekly board → progress → done → resident rating → public page', () => {
  const baseURL = inject('baseURL');
  let browser: Browser;
  let communityId = '';
  let target = { id: '', number: 0, title: '' };

  beforeAll(async () => {
    browser = await launchBrowser();
    const staff = await apiSession(baseURL, '13900000003');
    const list = await staff.get<{ items: { orgUnitId: string }[] }>('/api/projects?pageSize=1');
    communityId = list.body.items[0].orgUnitId;
    const board = await staff.get<Board>(`/api/projects/weekly?orgUnitId=${communityId}`);
    const first = board.body.units.find((u) => u.overdue.length > 0)!.overdue[0];
    target = { id: first.id, number: first.number, title: first.title };
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('community staff open the weekly board, record progress with a photo and mark the project done', async () => {
    const context = await newContext(browser, baseURL, DESKTOP);
    const page = await context.newPage();
    const { errors } = watchPage(page);
    await login(page, '13900000003');
    await page.waitForURL(/\/admin/);

    await page.goto('/admin/projects/weekly');
    await page.getByTestId('weekly-unit').first().waitFor();
    const link = page.locator(`[data-testid=weekly-project][data-project-id="${target.id}"]`);
    await link.waitFor();
    await screenshot(page, 'projects-weekly');
    await link.click();
    await page.waitForURL(new RegExp(`/admin/projects/${target.id}$`));
    await page.getByTestId('progress-note').fill('本周完成全部施工，现场已清理');
    await page
      .locator('input[type=file]')
      .first()
      .setInputFiles({ name: 'site.png', mimeType: 'image/png', buffer: stairwellPng() });
    await page
      .locator('.ant-upload-list-item-done, .ant-upload-list-item:not(.ant-upload-list-item-uploading)')
      .first()
      .waitFor();
    await page.getByTestId('progress-submit').click();
    const update = page.getByTestId('project-update').filter({ hasText: '本周完成全部施工' });
    await update.waitFor();
    await update.locator('img').first().waitFor();

    await page.getByTestId('project-complete').click();
    const confirm = page.locator('.ant-popconfirm:visible .ant-btn-primary');
    await confirm.waitFor();
    await confirm.click();
    await page.getByTestId('project-reopen').waitFor({ timeout: 60_000 });
    expect(await textOf(page.locator('.linli-page-header'))).toContain('已完成');
    await screenshot(page, 'projects-detail-done');
    expect(errors).toEqual([]);

    // The other desktop pages, looked at.
    await page.goto('/admin/projects');
    await page.getByTestId('projects-table').locator('tbody tr').nth(5).waitFor();
    await screenshot(page, 'projects-list');
    await page.goto('/admin/projects/monthly');
    await page.getByTestId('monthly-table').locator('tbody tr').nth(11).waitFor();
    await screenshot(page, 'projects-monthly');
    await page.goto('/admin/projects/quarterly?quarter=2026-Q3');
    await page.getByTestId('quarterly-summary').waitFor();
    await screenshot(page, 'projects-quarterly');
    await page.emulateMedia({ media: 'print' });
    await screenshot(page, 'projects-quarterly-print');
    await page.emulateMedia({ media: 'screen' });
    const download = page.waitForEvent('download');
    await page.getByTestId('quarterly-export').click();
    expect((await download).suggestedFilename()).toMatch(/季总结\.xlsx$/);
    await page.goto('/admin/projects/plans');
    await page.getByTestId('plans-table').getByText('老旧小区停车难专班').click();
    await page.getByText('专班组长').first().waitFor();
    await screenshot(page, 'projects-plan-detail');
    await page.goto('/admin/projects/plans');
    await page.getByTestId('plans-table').locator('tbody tr').nth(2).waitFor();
    await screenshot(page, 'projects-plans');
    await page.getByTestId('plan-create').click();
    await page.locator('.ant-modal').waitFor();
    await screenshot(page, 'projects-plan-editor', false);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('田志明 rates the finished project on his phone', async () => {
    const context = await newContext(browser, baseURL, PHONE);
    const page = await context.newPage();
    const { errors } = watchPage(page);
    await login(page, '13900000007');
    await page.waitForURL(/\/m$/);
    await page.getByTestId('tile-projects').click();
    await page.waitForURL(/\/m\/projects$/);
    await page.getByTestId('phone-project').first().waitFor();
    await page.goto('/m/projects?state=done');
    const card = page.locator(`[data-testid=phone-project][data-project-id="${target.id}"]`);
    await card.waitFor();
    await screenshot(page, 'projects-phone-list', false);
    expect(await scrollWidth(page)).toBeLessThanOrEqual(PHONE.width);
    await card.getByTestId('rate-button').click();
    await page.getByTestId('rate-comment').fill('施工很快，楼道亮堂了');
    await screenshot(page, 'projects-phone-rate', false);
    await page.getByTestId('rate-submit').click();
    await card.getByText('我的评价：5 分').waitFor();
    expect(await card.getByTestId('rate-button').count()).toBe(0);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('the public progress page shows the rating, with names masked', async () => {
    const context = await newContext(browser, baseURL, PHONE);
    const page = await context.newPage();
    const { errors } = watchPage(page);
    await page.goto(`/board/${communityId}/projects?year=2026`);
    const row = page.locator(`[data-testid=public-project][data-project-id="${target.id}"]`);
    await row.waitFor();
    const text = await textOf(row);
    expect(text).toContain(`${target.number}. ${target.title}`);
    expect(text).toContain('已完成');
    expect(text).toMatch(/\*/);
    // 田志明's 5 is the project's only rating.
    expect(text).toContain('5.0');
    expect(text).toContain('1 人评价');
    await screenshot(page, 'projects-public-list', false);
    await page.getByText('老旧小区停车难专班').click();
    await page.getByTestId('public-plan').waitFor();
    const plan = await textOf(page.getByTestId('public-plan'));
    expect(plan).toContain('田*明');
    expect(plan).not.toContain('田志明');
    await screenshot(page, 'projects-public-plan');
    expect(errors).toEqual([]);
    await context.close();

    // The rating is the resident's: the target's count went up by one and holds a 5.
    const staff = await apiSession(baseURL, '13900000003');
    const detail = await staff.get<{ ratings: { score: number; comment: string }[] }>(
      `/api/projects/${target.id}`,
    );
    expect(detail.body.ratings).toContainEqual(
      expect.objectContaining({ score: 5, comment: '施工很快，楼道亮堂了' }),
    );
  });
});
