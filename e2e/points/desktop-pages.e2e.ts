import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import {
  launchBrowser,
  login,
  newContext,
  PHONE,
  screenshot,
  scrollWidth,
  textOf,
  watchPage,
} from '../harness.ts';

// The points committee walks its desktop pages; the subdistrict revises the rulebook and schedules the
// revision; the grid worker opens 代为申报; the resident reads 我的积分 in English. Screenshots of each.
describe('points: committee, subdistrict and field pages', () => {
  const baseURL = inject('baseURL');
  let browser: Browser;

  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  describe('the points committee of community A', () => {
    let context: BrowserContext;
    let page: Page;
    let watch: { errors: string[] };

    beforeAll(async () => {
      context = await newContext(browser, baseURL);
      page = await context.newPage();
      watch = watchPage(page);
      await login(page, '13900000006');
      await page.waitForURL(/\/admin$/);
    });
    afterAll(async () => {
      expect(watch.errors).toEqual([]);
      await context.close();
    });

    async function open(menu: string, path: string) {
      await page.getByRole('menuitem', { name: menu }).click();
      await page.waitForURL(new RegExp(`/admin/${path}`));
      await page.getByRole('heading', { name: menu, exact: true }).waitFor();
    }

    it('lists every claim, filters by state and opens one', async () => {
      await open('全部申报', 'points/claims');
      await page.locator('.ant-table-row').first().waitFor();
      await page.getByTestId('claims-state-filter').click();
      await page.locator('.ant-select-item-option', { hasText: '已记入' }).click();
      await page.waitForURL(/state=credited/);
      await page.locator('.ant-table-row', { hasText: '建言献策被采纳' }).first().waitFor();
      expect(await page.locator('.ant-table-row').count()).toBeGreaterThanOrEqual(10);
      await screenshot(page, 'points-desktop-claims');
      await page.getByTestId('claim-link').first().click();
      await page.waitForURL(/\/admin\/points\/claims\/[0-9a-f-]{36}$/);
      await page.getByTestId('claim-timeline').getByText('公示期满，记入账户').waitFor();
      await screenshot(page, 'points-desktop-claim');
    });

    it('reads the rulebook in force, chapter by chapter', async () => {
      await open('积分细则', 'points/rulebooks');
      const rows = page.locator('.ant-table-row');
      await rows.first().waitFor();
      expect(await textOf(page.locator('.ant-table'))).toContain('施行中');
      await screenshot(page, 'points-desktop-rulebooks');
      await page.locator('.ant-table-row', { hasText: '施行中' }).getByTestId('rulebook-link').click();
      await page.getByTestId('rulebook-view').waitFor();
      const text = await textOf(page.getByTestId('rulebook-view'));
      for (const s of ['第1章', '上报公共设施隐患', '占用消防通道停车']) expect(text).toContain(s);
      // The subdistrict's rulebook: the community's committee reads it but does not revise it.
      expect(await page.getByTestId('rulebook-revise').count()).toBe(0);
      await screenshot(page, 'points-desktop-rulebook');
    });

    it('shows the convention in force', async () => {
      await open('居民公约', 'points/convention');
      await page.getByTestId('convention-current').getByText('平顶山街道居民公约').waitFor();
      await screenshot(page, 'points-desktop-convention');
    });

    it('offers the monthly base-points batch with the rulebook’s base rules', async () => {
      await open('基础积分批次', 'points/base-batches');
      await page.getByTestId('base-rule').getByText('B01').waitFor();
      await screenshot(page, 'points-desktop-base-batch');
    });

    it('sums up the quarter and exports it to Excel', async () => {
      await open('季度汇总', 'points/summaries');
      const summary = page.getByTestId('summary');
      await summary.waitFor();
      expect(await textOf(summary)).toContain('建言献策被采纳');
      await screenshot(page, 'points-desktop-summary');
      const download = page.waitForEvent('download');
      await page.getByTestId('summary-export').click();
      expect((await download).suggestedFilename()).toMatch(/\.xlsx$/);
    });

    it('opens 最美邻里 for the year, chooses 田志明 and publishes the award', async () => {
      await open('年度表彰', 'points/awards');
      await page.getByTestId('award-create').click();
      const dialog = page.getByRole('dialog');
      await dialog.getByRole('button', { name: /新\s*建/ }).click();
      await page.waitForURL(/\/admin\/points\/awards\/[0-9a-f-]{36}$/);
      const candidate = page.locator('.ant-table-row', { hasText: '田志明' });
      await candidate.waitFor();
      await candidate.getByRole('checkbox').check();
      await page
        .getByTestId('award-winners')
        .locator('textarea')
        .fill('带头清理楼道、建言献策，热心社区事务');
      const saved = page.waitForResponse((r) => r.url().endsWith('/winners'));
      await page.getByTestId('award-save').click();
      expect((await saved).status()).toBe(200);
      await screenshot(page, 'points-desktop-award');
      await page.getByTestId('award-publish').click();
      const confirm = page.locator('.ant-modal-confirm');
      await confirm.waitFor();
      const published = page.waitForResponse((r) => r.url().endsWith('/publish'));
      await confirm.getByRole('button', { name: '发布表彰' }).click();
      expect((await published).status()).toBe(200);
      await page.getByTestId('award-winners').getByText('田*明').waitFor();
      await page.getByRole('menuitem', { name: '年度表彰' }).click();
      await page.locator('.ant-table-row', { hasText: '最美邻里' }).getByText('已发布').waitFor();
      await screenshot(page, 'points-desktop-awards');
    });
  });

  it('the subdistrict revises the rulebook, edits the draft and schedules it', async () => {
    const context = await newContext(browser, baseURL);
    const page = await context.newPage();
    const watch = watchPage(page);
    await login(page, '13900000002');
    await page.waitForURL(/\/admin$/);
    await page.goto('/admin/points/rulebooks');
    await page.locator('.ant-table-row', { hasText: '施行中' }).getByTestId('rulebook-link').click();
    await page.getByTestId('rulebook-revise').click();
    const revised = page.waitForResponse((r) => r.url().endsWith('/revise'));
    await page
      .locator('.ant-modal-confirm')
      .getByRole('button', { name: /修\s*订/ })
      .click();
    const draft = (await revised).json() as Promise<{ id: string; version: number }>;
    const { id, version } = await draft;
    await page.waitForURL(new RegExp(`/admin/points/rulebooks/${id}$`));
    await page.getByTestId('version-status').filter({ hasText: '草稿' }).waitFor();

    // 建言献策被采纳 is worth 40 from the next version on.
    const c06 = page.locator('.ant-table-row', { hasText: 'C06' });
    await c06.getByRole('button', { name: /修\s*改/ }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('分值').fill('40');
    const put = page.waitForResponse(
      (r) => r.url().endsWith(`/api/points/rulebooks/${id}`) && r.request().method() === 'PUT',
    );
    await dialog.getByRole('button', { name: /保\s*存/ }).click();
    expect((await put).status()).toBe(200);
    await c06.getByText('40 分/件').waitFor();
    await screenshot(page, 'points-desktop-rulebook-draft');

    const nextYear = `${new Date().getFullYear() + 1}-01-01`;
    await page.getByTestId('rulebook-activate').click();
    const activate = page.getByRole('dialog');
    const date = activate.locator('.ant-picker input');
    await date.click();
    await date.fill(nextYear);
    await screenshot(page, 'points-desktop-rulebook-activate', false);
    // Enter takes the typed date and submits the form, as the OK button would.
    const activated = page.waitForResponse((r) => r.url().endsWith('/activate'));
    await date.press('Enter');
    const res = await activated;
    expect(res.status()).toBe(200);
    expect(await res.json()).toMatchObject({ version, status: 'active', effectiveFrom: nextYear });
    await page.getByTestId('version-status').filter({ hasText: '待施行' }).waitFor();
    expect(watch.errors).toEqual([]);
    await context.close();
  });

  it('the grid worker declares for a resident: deductions are offered too', async () => {
    const context = await newContext(browser, baseURL, PHONE);
    const page = await context.newPage();
    const watch = watchPage(page);
    await login(page, '13900000005');
    await page.waitForURL(/\/m$/);
    await page.getByTestId('tile-declare-for').click();
    await page.waitForURL(/\/m\/points\/declare\/for$/);
    const person = page.locator('.ant-select').first();
    await person.click();
    await page.keyboard.type('田志明');
    await page.locator('.ant-select-item-option', { hasText: '田志明' }).first().click();
    await page.locator('.linli-rule-option', { hasText: 'D01' }).waitFor();
    expect(await textOf(page.locator('.linli-rule-option', { hasText: 'D01' }))).toContain('占用消防通道');
    await screenshot(page, 'points-phone-declare-for');
    expect(await scrollWidth(page)).toBeLessThanOrEqual(PHONE.width);
    expect(watch.errors).toEqual([]);
    await context.close();
  });

  it('the resident reads 我的积分 in English at 375 px', async () => {
    const context = await newContext(browser, baseURL, PHONE);
    const page = await context.newPage();
    const watch = watchPage(page);
    await login(page, '13900000007');
    await page.waitForURL(/\/m$/);
    await page.getByTestId('lang-switch').click();
    await page.getByTestId('tile-mine').click();
    await page.getByRole('heading', { name: 'My points' }).waitFor();
    await page.getByTestId('ledger-entry').first().waitFor();
    await screenshot(page, 'points-phone-mine-en');
    expect(await scrollWidth(page)).toBeLessThanOrEqual(PHONE.width);
    await page.getByTestId('my-points-tabs').getByText('My claims').click();
    await page.getByTestId('my-claim').first().waitFor();
    await screenshot(page, 'points-phone-claims-en');
    expect(watch.errors).toEqual([]);
    await context.close();
  });
});
