import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { stairwellPng } from '../points/png.ts';
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

async function choose(page: Page, testId: string, text: string) {
  await page.getByTestId(testId).click();
  const option = page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: text });
  await option.first().waitFor();
  await option.first().click();
}

// The four orders without departments: a resident's request (民生诉求, no points) → valid → community staff
// dispatch it to the party member 丁子鹏 → he accepts on his phone (我的接单), posts progress, completes →
// the resident rates 4 → closed, resolved locally. Also the invalid path and the English phone page.
describe('cases: dispatch to a party member, and the check that says no', () => {
  const baseURL = inject('baseURL');
  const stamp = Date.now().toString(36);
  const request = `2号楼门口路灯不亮，晚上看不清台阶（e2e ${stamp}）`;
  const bogus = `测试报事，请忽略（e2e ${stamp}）`;
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

  async function report(page: Page, kind: string, category: string, text: string): Promise<string> {
    await page.goto('/m/cases/report');
    await page.getByTestId('report-kind').getByText(kind, { exact: true }).click();
    await choose(page, 'report-category', category);
    await page.getByTestId('report-description').fill(text);
    const reported = page.waitForResponse(
      (r) => r.url().endsWith('/api/cases') && r.request().method() === 'POST',
    );
    await page.getByTestId('report-submit').click();
    const duplicates = page.getByTestId('report-duplicates');
    if ((await Promise.race([duplicates.waitFor().then(() => 1), reported.then(() => 0)])) === 1)
      await page.getByTestId('report-go-on').click();
    const res = await reported;
    expect(res.status()).toBe(200);
    const id = ((await res.json()) as { id: string }).id;
    await page.waitForURL(new RegExp(`/m/cases/${id}$`));
    return id;
  }

  it('the resident reports two things; the grid worker finds one valid and one invalid', async () => {
    const resident = await signIn('13900000007', PHONE, /\/m$/);
    caseId = await report(resident.page, '民生诉求', '楼道灯不亮', request);
    const bogusId = await report(resident.page, '意见建议', '意见建议', bogus);
    expect(resident.watch.errors).toEqual([]);
    await resident.context.close();

    const { context, page, watch } = await signIn('13900000005', PHONE, /\/m$/);
    await page.goto('/m/cases/check');
    const bad = page.getByTestId('check-card').filter({ hasText: bogus });
    await bad.getByTestId('move-check_invalid').click();
    await page.getByTestId('move-modal').waitFor();
    // A reason is required: submitting without one changes nothing.
    await page.getByTestId('move-submit').click();
    await page.getByText('请填写说明').waitFor();
    await page.getByTestId('move-note').fill('内容为测试，非真实问题');
    await screenshot(page, 'cases-phone-check-invalid', false);
    const refused = page.waitForResponse((r) => r.url().endsWith(`/api/cases/${bogusId}/transitions`));
    await page.getByTestId('move-submit').click();
    expect(((await (await refused).json()) as { state: string }).state).toBe('invalid');
    await bad.waitFor({ state: 'detached' });

    const good = page.getByTestId('check-card').filter({ hasText: request });
    await good.getByTestId('move-check_valid').click();
    const valid = page.waitForResponse((r) => r.url().endsWith(`/api/cases/${caseId}/transitions`));
    await page.getByTestId('move-submit').click();
    const body = (await (await valid).json()) as { state: string; pointsClaimId: string | null };
    // A request (民生诉求) earns no points.
    expect(body).toMatchObject({ state: 'checked', pointsClaimId: null });
    expect(watch.errors).toEqual([]);
    await context.close();
  });

  it('community staff classify it and dispatch it to the party member 丁子鹏', async () => {
    const { context, page, watch } = await signIn('13900000003');
    await page.goto(`/admin/cases/${caseId}`);
    await page.getByTestId('move-classify').click();
    await page.getByTestId('level-options').getByText('家事（楼栋）').click();
    let moved = page.waitForResponse((r) => r.url().endsWith(`/api/cases/${caseId}/transitions`));
    await page.getByTestId('move-submit').click();
    expect((await moved).status()).toBe(200);
    await page.getByTestId('case-state').filter({ hasText: '待派单' }).waitFor();

    await page.getByTestId('move-dispatch').click();
    await page.getByTestId('move-modal').waitFor();
    await page.getByTestId('pick-party_member').click();
    await page.keyboard.type('丁子鹏');
    const option = page.locator('.ant-select-dropdown:visible .ant-select-item-option', {
      hasText: '丁子鹏',
    });
    await option.first().click();
    await screenshot(page, 'cases-desktop-dispatch', false);
    moved = page.waitForResponse((r) => r.url().endsWith(`/api/cases/${caseId}/transitions`));
    await page.getByTestId('move-submit').click();
    const res = await moved;
    expect(res.status()).toBe(200);
    expect(await res.json()).toMatchObject({ state: 'dispatched', assigneeName: '丁子鹏' });
    await page.getByTestId('case-state').filter({ hasText: '待接单' }).waitFor();
    await screenshot(page, 'cases-desktop-detail-dispatched');
    expect(watch.errors).toEqual([]);
    await context.close();
  });

  it('丁子鹏 accepts on his phone, posts progress and completes', async () => {
    const { context, page, watch } = await signIn('13900000013', PHONE, /\/m$/);
    await page.getByTestId('tile-case-assigned').click();
    await page.waitForURL(/\/m\/cases\/assigned$/);
    await page.getByTestId('case-card').filter({ hasText: request }).waitFor();
    await screenshot(page, 'cases-phone-assigned');
    expect(await scrollWidth(page)).toBeLessThanOrEqual(PHONE.width);
    await page.getByTestId('case-card').filter({ hasText: request }).click();
    await page.waitForURL(new RegExp(`/m/cases/${caseId}$`));

    for (const [move, note, state] of [
      ['accept', '', '办理中'],
      ['progress', '已联系物业电工，明天上午更换灯泡', '办理中'],
      ['complete', '灯泡已更换，门口照明恢复', '待评价'],
    ] as const) {
      await page.getByTestId(`move-${move}`).click();
      await page.getByTestId('move-modal').waitFor();
      if (note) await page.getByTestId('move-note').fill(note);
      if (move === 'accept') await screenshot(page, 'cases-phone-accept', false);
      const moved = page.waitForResponse((r) => r.url().endsWith(`/api/cases/${caseId}/transitions`));
      await page.getByTestId('move-submit').click();
      expect((await moved).status()).toBe(200);
      await page.getByTestId('case-state').filter({ hasText: state }).waitFor();
      await page.getByTestId('move-modal').waitFor({ state: 'detached' });
    }
    expect(await textOf(page.getByTestId('case-timeline'))).toContain('已联系物业电工');
    expect(watch.errors).toEqual([]);
    await context.close();
  });

  it('the resident rates 4 on an English phone: closed, resolved locally', async () => {
    const { context, page, watch } = await signIn('13900000007', PHONE, /\/m$/);
    await page.goto(`/m/cases/${caseId}`);
    await page.getByTestId('move-rate').click();
    await page.getByTestId('rate-stars').locator('.ant-rate-star').nth(3).click();
    const moved = page.waitForResponse((r) => r.url().endsWith(`/api/cases/${caseId}/transitions`));
    await page.getByTestId('move-submit').click();
    expect(await (await moved).json()).toMatchObject({ state: 'closed', resolution: 'resolved_locally' });
    await page.getByTestId('case-state').filter({ hasText: '已办结' }).waitFor();
    expect(await textOf(page.getByTestId('case-resolution'))).toBe('就地解决');

    await page.getByText('English', { exact: true }).click();
    await page.getByTestId('case-state').filter({ hasText: 'Closed' }).waitFor();
    expect(await textOf(page.getByTestId('case-resolution'))).toBe('Resolved locally');
    await screenshot(page, 'cases-phone-case-en');
    expect(await scrollWidth(page)).toBeLessThanOrEqual(PHONE.width);
    await page.goto('/m/cases');
    await page.getByTestId('case-card').first().waitFor();
    await screenshot(page, 'cases-phone-mine-en');
    expect(watch.errors).toEqual([]);
    await context.close();
  });

  it('an emergency: the sentinel reports on the phone; the grid worker acknowledges and checks in with a photo', async () => {
    const fire = `消防通道被私家车堵死（e2e ${stamp}）`;
    const sentinel = await signIn('13900000012', PHONE, /\/m$/);
    await sentinel.page.getByTestId('tile-case-report').click();
    await sentinel.page.waitForURL(/\/m\/cases\/report$/);
    await sentinel.page.getByTestId('report-kind').getByText('突发事件', { exact: true }).click();
    await sentinel.page.getByText('1分钟响应、5分钟到位').first().waitFor();
    await choose(sentinel.page, 'report-category', '消防通道堵塞');
    await sentinel.page.getByTestId('report-description').fill(fire);
    // A sentinel has no home: the place defaults to the compound they guard.
    expect(await textOf(sentinel.page.getByTestId('report-place'))).toContain('幸福家园');
    await screenshot(sentinel.page, 'cases-phone-emergency-report');
    const reported = sentinel.page.waitForResponse(
      (r) => r.url().endsWith('/api/cases') && r.request().method() === 'POST',
    );
    await sentinel.page.getByTestId('report-submit').click();
    const duplicates = sentinel.page.getByTestId('report-duplicates');
    if ((await Promise.race([duplicates.waitFor().then(() => 1), reported.then(() => 0)])) === 1)
      await sentinel.page.getByTestId('report-go-on').click();
    const res = await reported;
    expect(res.status()).toBe(200);
    const id = ((await res.json()) as { id: string }).id;
    await sentinel.page.waitForURL(new RegExp(`/m/cases/${id}$`));
    expect(sentinel.watch.errors).toEqual([]);
    await sentinel.context.close();

    const { context, page, watch } = await signIn('13900000005', PHONE, /\/m$/);
    await page.goto(`/m/cases/${id}`);
    await page.getByTestId('move-acknowledge').waitFor();
    await screenshot(page, 'cases-phone-emergency');
    expect(await scrollWidth(page)).toBeLessThanOrEqual(PHONE.width);
    await page.getByTestId('move-acknowledge').click();
    let moved = page.waitForResponse((r) => r.url().endsWith(`/api/cases/${id}/acknowledge`));
    await page.getByTestId('move-submit').click();
    expect((await moved).status()).toBe(200);
    await page.getByTestId('move-acknowledge').waitFor({ state: 'detached' });

    await page.getByTestId('move-check_in').click();
    await page.getByTestId('move-modal').waitFor();
    // Neither a location nor a photo: the form says what it needs and sends nothing.
    await page.getByTestId('move-submit').click();
    await page.getByText('请获取定位或上传现场照片').waitFor();
    const uploaded = page.waitForResponse(
      (r) => r.url().endsWith('/api/files') && r.request().method() === 'POST',
    );
    await page
      .getByTestId('move-modal')
      .locator('input[type=file]')
      .setInputFiles({ name: 'site.png', mimeType: 'image/png', buffer: stairwellPng() });
    expect((await uploaded).status()).toBe(200);
    await page.locator('.ant-upload-list-item-done').waitFor();
    await screenshot(page, 'cases-phone-check-in', false);
    moved = page.waitForResponse((r) => r.url().endsWith(`/api/cases/${id}/check-in`));
    await page.getByTestId('move-submit').click();
    expect((await moved).status()).toBe(200);
    await page.getByTestId('move-check_in').waitFor({ state: 'detached' });
    const timers = await textOf(page.getByTestId('case-timers'));
    expect(timers).toContain('响应');
    expect(timers).toContain('到位');
    await screenshot(page, 'cases-phone-emergency-done');
    expect(watch.errors).toEqual([]);
    await context.close();
  });
});
