import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import {
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
import { stairwellPng } from '../points/png.ts';

// Evaluated in the page (this file is type-checked without DOM types): the reporter's photos have loaded.
const PHOTOS_LOADED =
  "[...document.querySelectorAll('[data-testid=case-facts] [data-testid=case-photos] img, [data-testid=check-card] [data-testid=case-photos] img')].every((i) => i.complete && i.naturalWidth > 0)";

async function photosLoaded(page: Page) {
  for (let i = 0; i < 100; i++) {
    if (await page.evaluate(PHOTOS_LOADED)) return;
    await page.waitForTimeout(100);
  }
  throw new Error('case photos did not load');
}

/** Picks an option of an antd Select by its visible text. */
async function choose(page: Page, testId: string, text: string) {
  await page.getByTestId(testId).click();
  const option = page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: text });
  await option.first().waitFor();
  await option.first().click();
}

// The journey: 田志明 reports a damaged road (道路破损) with a photo on his phone → the grid worker
// marks it valid on the phone → community staff class it 公事 and whistle 城管 with a deadline on the
// desktop → 城管 staff report in and record the result → 田志明 rates 5 → the case shows closed and
// escalated (升级处置), and his C03 points claim waits for the committee (待评议).
describe('cases: a damaged road from the phone to the rating', () => {
  const baseURL = inject('baseURL');
  const description = `幸福家园1号楼北侧道路塌陷，坑深约20厘米（e2e ${Date.now().toString(36)}）`;
  let browser: Browser;
  let caseId = '';

  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  async function signIn(phone: string, viewport = DESKTOP, home: RegExp = /\/(m|admin)$/) {
    const context = await newContext(browser, baseURL, viewport);
    const page = await context.newPage();
    const watch = watchPage(page);
    await login(page, phone);
    await page.waitForURL(home);
    return { context, page, watch };
  }

  it('the resident reports the damaged road with a photo at his building, on a 375 px phone', async () => {
    const { context, page, watch } = await signIn('13900000007', PHONE, /\/m$/);
    await page.getByTestId('tile-case-report').waitFor();
    await screenshot(page, 'cases-phone-home');
    expect(await scrollWidth(page)).toBeLessThanOrEqual(PHONE.width);

    await page.getByTestId('tile-case-report').click();
    await page.waitForURL(/\/m\/cases\/report$/);
    await page.getByTestId('report-kind').getByText('安全隐患', { exact: true }).click();
    await choose(page, 'report-category', '道路破损');
    await page.getByTestId('report-description').fill(description);
    // The place defaults to his own building.
    expect(await textOf(page.getByTestId('report-place'))).toContain('1号楼');
    const uploaded = page.waitForResponse(
      (r) => r.url().endsWith('/api/files') && r.request().method() === 'POST',
    );
    await page
      .locator('input[type=file]')
      .setInputFiles({ name: 'road.png', mimeType: 'image/png', buffer: stairwellPng() });
    expect((await uploaded).status()).toBe(200);
    await page.locator('.ant-upload-list-item-done').waitFor();
    await screenshot(page, 'cases-phone-report');
    expect(await scrollWidth(page)).toBeLessThanOrEqual(PHONE.width);

    const reported = page.waitForResponse(
      (r) => r.url().endsWith('/api/cases') && r.request().method() === 'POST',
    );
    await page.getByTestId('report-submit').click();
    // Open damaged-road cases nearby (the demo year has some) are shown first; he goes on.
    const duplicates = page.getByTestId('report-duplicates');
    const first = await Promise.race([
      duplicates.waitFor().then(() => 'duplicates' as const),
      reported.then(() => 'reported' as const),
    ]);
    if (first === 'duplicates') {
      expect(await page.getByTestId('duplicate-item').count()).toBeGreaterThan(0);
      await screenshot(page, 'cases-phone-duplicates');
      expect(await scrollWidth(page)).toBeLessThanOrEqual(PHONE.width);
      await page.getByTestId('report-go-on').click();
    }
    const res = await reported;
    expect(res.status()).toBe(200);
    const created = (await res.json()) as { id: string; state: string; kind: string; photoIds: string[] };
    expect(created).toMatchObject({ state: 'reported', kind: 'hazard' });
    expect(created.photoIds).toHaveLength(1);
    caseId = created.id;
    await page.waitForURL(new RegExp(`/m/cases/${caseId}$`));
    await page.getByTestId('case-state').filter({ hasText: '待核实' }).waitFor();
    await page.getByTestId('case-timeline').getByText('群众点单').waitFor();
    // Times to the second.
    expect(await textOf(page.getByTestId('case-timeline'))).toMatch(/\d{2}:\d{2}:\d{2}/);
    await photosLoaded(page);
    await screenshot(page, 'cases-phone-case-reported');
    expect(await scrollWidth(page)).toBeLessThanOrEqual(PHONE.width);

    // 我的报事 lists it.
    await page.goto('/m/cases');
    await page.getByTestId('case-card').filter({ hasText: description }).waitFor();
    await screenshot(page, 'cases-phone-mine');
    expect(await scrollWidth(page)).toBeLessThanOrEqual(PHONE.width);
    expect(watch.errors).toEqual([]);
    await context.close();
  });

  it('the grid worker marks it valid from the phone queue', async () => {
    const { context, page, watch } = await signIn('13900000005', PHONE, /\/m$/);
    await page.getByTestId('tile-case-check').click();
    await page.waitForURL(/\/m\/cases\/check$/);
    const card = page.getByTestId('check-card').filter({ hasText: description });
    await card.waitFor();
    expect(await textOf(card)).toContain('田志明');
    await photosLoaded(page);
    await screenshot(page, 'cases-phone-check');
    expect(await scrollWidth(page)).toBeLessThanOrEqual(PHONE.width);

    await card.getByTestId('move-check_valid').click();
    const modal = page.getByTestId('move-modal');
    await modal.waitFor();
    await screenshot(page, 'cases-phone-check-valid', false);
    const moved = page.waitForResponse((r) => r.url().endsWith(`/api/cases/${caseId}/transitions`));
    await page.getByTestId('move-submit').click();
    const res = await moved;
    expect(res.status()).toBe(200);
    const body = (await res.json()) as { state: string; pointsClaimId: string | null };
    expect(body.state).toBe('checked');
    expect(body.pointsClaimId).not.toBeNull();
    await card.waitFor({ state: 'detached' });
    expect(watch.errors).toEqual([]);
    await context.close();
  });

  it('community staff class it 公事 and whistle 城管 with a deadline, on the desktop', async () => {
    const { context, page, watch } = await signIn('13900000003');
    await page.getByRole('menuitem', { name: '事项列表' }).click();
    await page.waitForURL(/\/admin\/cases/);
    const row = page.getByTestId('case-row').filter({ hasText: description });
    await row.waitFor();
    await screenshot(page, 'cases-desktop-list');
    await row.getByTestId('case-link').click();
    await page.waitForURL(new RegExp(`/admin/cases/${caseId}$`));
    await page.getByTestId('case-detail').waitFor();
    await photosLoaded(page);

    await page.getByTestId('move-classify').click();
    await page.getByTestId('move-modal').waitFor();
    await page.getByTestId('level-options').getByText('公事（社区）').click();
    await screenshot(page, 'cases-desktop-classify', false);
    let moved = page.waitForResponse((r) => r.url().endsWith(`/api/cases/${caseId}/transitions`));
    await page.getByTestId('move-submit').click();
    expect((await moved).status()).toBe(200);
    await page.getByTestId('case-state').filter({ hasText: '待派单' }).waitFor();
    expect(await textOf(page.getByTestId('case-level'))).toContain('公事');

    await page.getByTestId('move-whistle').click();
    await page.getByTestId('move-modal').waitFor();
    await choose(page, 'whistle-departments', '区城市管理局');
    // Close the multi-select's dropdown (it stays open for more picks) by clicking the modal's title.
    await page.locator('.ant-modal-title').click();
    await page.locator('.ant-select-dropdown:visible').waitFor({ state: 'detached' });
    await page.getByTestId('whistle-summary').fill('道路塌陷，请城管到场处置并修复路面');
    await screenshot(page, 'cases-desktop-whistle', false);
    moved = page.waitForResponse((r) => r.url().endsWith(`/api/cases/${caseId}/whistles`));
    await page.getByTestId('move-submit').click();
    const res = await moved;
    expect(res.status()).toBe(200);
    expect(((await res.json()) as { state: string }).state).toBe('whistled');
    await page.getByTestId('case-state').filter({ hasText: '吹哨处置中' }).waitFor();
    await page.getByTestId('case-whistle').filter({ hasText: '区城市管理局' }).waitFor();
    await screenshot(page, 'cases-desktop-detail-whistled');
    expect(watch.errors).toEqual([]);
    await context.close();
  });

  it('城管 staff land on their queue, report in and record the result with a photo', async () => {
    const { context, page, watch } = await signIn('13900000008', DESKTOP, /\/admin\/cases\/whistles$/);
    const card = page.getByTestId('whistle-card').filter({ hasText: description });
    await card.waitFor();
    await screenshot(page, 'cases-desktop-whistles');

    let moved = page.waitForResponse((r) => /\/api\/cases\/whistles\/[^/]+\/report-in$/.test(r.url()));
    await card.getByTestId('whistle-report-in').click();
    await page.getByTestId('whistle-modal').waitFor();
    await page.getByTestId('whistle-submit').click();
    expect((await moved).status()).toBe(200);
    await card.getByTestId('whistle-state').filter({ hasText: '已报到' }).waitFor();

    await card.getByTestId('whistle-record').click();
    await page.getByTestId('whistle-modal').waitFor();
    await page.getByTestId('whistle-action').fill('现场设置围挡，安排施工队修补路面');
    await page.getByTestId('whistle-result-input').fill('路面已修复，恢复通行');
    const uploaded = page.waitForResponse(
      (r) => r.url().endsWith('/api/files') && r.request().method() === 'POST',
    );
    await page
      .getByTestId('whistle-modal')
      .locator('input[type=file]')
      .setInputFiles({ name: 'fixed.png', mimeType: 'image/png', buffer: stairwellPng() });
    expect((await uploaded).status()).toBe(200);
    await page.locator('.ant-upload-list-item-done').waitFor();
    await screenshot(page, 'cases-desktop-whistle-result', false);
    moved = page.waitForResponse((r) => /\/api\/cases\/whistles\/[^/]+\/result$/.test(r.url()));
    await page.getByTestId('whistle-submit').click();
    const res = await moved;
    expect(res.status()).toBe(200);
    expect(((await res.json()) as { state: string }).state).toBe('completed');
    // Done: it leaves the 待办 view and is found under 已反馈.
    await card.waitFor({ state: 'detached' });
    await page.getByTestId('whistles-view').getByText('已反馈').click();
    await card.getByTestId('whistle-state').filter({ hasText: '已反馈' }).waitFor();

    // The case itself, as the department sees it (reporter masked).
    await card.getByTestId('whistle-open-case').click();
    await page.waitForURL(new RegExp(`/admin/cases/whistles/${caseId}$`));
    await page.getByTestId('case-detail').waitFor();
    await screenshot(page, 'cases-desktop-department-case');
    await page.getByTestId('case-state').filter({ hasText: '待评价' }).waitFor();
    expect(await textOf(page.getByTestId('case-facts'))).toContain('田*明');
    await screenshot(page, 'cases-desktop-department-case');

    // Readable on a phone too.
    await page.setViewportSize(PHONE);
    await page.goto('/admin/cases/whistles?view=resolved');
    await page.getByTestId('whistle-card').filter({ hasText: description }).waitFor();
    await screenshot(page, 'cases-phone-whistles');
    expect(watch.errors).toEqual([]);
    await context.close();
  });

  it('the resident rates 5; the case shows closed and escalated, and his claim awaits review', async () => {
    const { context, page, watch } = await signIn('13900000007', PHONE, /\/m$/);
    await page.getByTestId('tile-case-mine').click();
    await page.waitForURL(/\/m\/cases$/);
    await page.getByTestId('case-card').filter({ hasText: description }).click();
    await page.waitForURL(new RegExp(`/m/cases/${caseId}$`));
    await page.getByTestId('case-whistle').filter({ hasText: '路面已修复' }).waitFor();

    await page.getByTestId('move-rate').click();
    await page.getByTestId('move-modal').waitFor();
    await page.getByTestId('rate-stars').locator('.ant-rate-star').nth(4).click();
    await page.getByTestId('move-note').fill('城管来得快，路修得好');
    await screenshot(page, 'cases-phone-rate', false);
    const moved = page.waitForResponse((r) => r.url().endsWith(`/api/cases/${caseId}/transitions`));
    await page.getByTestId('move-submit').click();
    const res = await moved;
    expect(res.status()).toBe(200);
    expect(await res.json()).toMatchObject({ state: 'closed', rating: 5, resolution: 'escalated' });

    await page.getByTestId('case-state').filter({ hasText: '已办结' }).waitFor();
    expect(await textOf(page.getByTestId('case-resolution'))).toBe('升级处置');
    expect(await textOf(page.getByTestId('case-rating'))).toContain('5');
    const timeline = await textOf(page.getByTestId('case-timeline'));
    for (const step of [
      '群众点单',
      '网格核实：有效',
      '三事分类',
      '社区吹哨',
      '部门报到',
      '部门反馈结果',
      '群众评单',
    ])
      expect(timeline).toContain(step);
    expect(await page.getByTestId('case-actions').count()).toBe(0);
    await photosLoaded(page);
    await screenshot(page, 'cases-phone-case-closed');
    expect(await scrollWidth(page)).toBeLessThanOrEqual(PHONE.width);

    // The C03 claim the valid report raised: checked by the grid worker, awaiting the committee.
    await page.getByTestId('case-claim-link').click();
    await page.waitForURL(/\/m\/points\/claims\/[0-9a-f-]+$/);
    const claimId = page.url().split('/').at(-1) ?? '';
    await page.getByTestId('claim-state').filter({ hasText: '待评议' }).waitFor();
    expect(await textOf(page.getByTestId('claim-card'))).toContain('道路破损');
    await screenshot(page, 'cases-phone-claim');
    // And in 我的积分 → 我的申报, under the rule for hazard reports, awaiting review.
    await page.goto('/m/points');
    await page.getByTestId('my-points-tabs').getByText('我的申报').click();
    await page.locator(`[data-testid=my-claim][href$="${claimId}"]`).filter({ hasText: '待评议' }).waitFor();
    expect(await textOf(page.locator(`[data-testid=my-claim][href$="${claimId}"]`))).toContain(
      '上报公共设施隐患',
    );
    await screenshot(page, 'cases-phone-my-claims');
    expect(watch.errors).toEqual([]);
    await context.close();
  });
});
