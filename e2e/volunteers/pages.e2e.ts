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
  scrollWidth,
  textOf,
  watchPage,
} from '../harness.ts';

type Page<T> = { items: T[]; total: number };
type Activity = { id: string; title: string; state: string; placesLeft: number };

// The demo year of 春熙社区's activities on the staff's desktop (search, filters, pages, the publish
// form, a finished activity), the resident's phone list, and who may not see what: a resident gets
// no desktop pages, another community's staff get "not found" for 春熙社区's activities.
describe('volunteers: activity pages and access', () => {
  const baseURL = inject('baseURL');
  let browser: Browser;
  let finished: Activity;

  beforeAll(async () => {
    const staff = await apiSession(baseURL, '13900000003');
    const list = await staff.get<Page<Activity>>('/api/volunteers/activities?state=finished&pageSize=1');
    expect(list.body.total).toBeGreaterThan(100);
    finished = list.body.items[0];
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('staff browse the demo year, filter it, open the publish form and a finished activity', async () => {
    const context = await newContext(browser, baseURL, DESKTOP);
    const page = await context.newPage();
    const watch = watchPage(page);
    await login(page, '13900000003');
    await page.waitForURL(/\/(m|admin)$/);
    await page.goto('/admin/activities');
    const table = page.getByTestId('activities-table');
    await table.locator('.ant-table-row').first().waitFor();
    expect(await textOf(page.locator('.ant-pagination-total-text'))).toMatch(/共 \d{3} 条/);
    await screenshot(page, 'activities-desktop-demo-list');
    await page.getByTestId('activities-search').locator('input').fill('法律咨询');
    await page.getByTestId('activities-search').locator('input').press('Enter');
    await page.waitForURL(/q=/);
    await table.locator('.ant-table-row').first().filter({ hasText: '法律咨询' }).waitFor();
    for (const row of await table.locator('.ant-table-row').all())
      expect(await textOf(row)).toContain('法律咨询');

    await page.getByTestId('activity-create').click();
    const dialog = page.getByRole('dialog');
    await dialog.getByTestId('activity-title-input').waitFor();
    // Nothing filled in: the form says what is missing and sends nothing.
    await dialog.getByTestId('activity-save').click();
    await dialog.locator('.ant-form-item-explain-error').first().waitFor();
    await screenshot(page, 'activities-desktop-create-form', false);
    await dialog.getByRole('button', { name: /取\s*消/ }).click();

    await page.goto(`/admin/activities/${finished.id}`);
    await page.getByTestId('attendance-confirmed').waitFor();
    await page.getByTestId('signups-table').locator('.ant-table-row').first().waitFor();
    expect(await page.getByTestId('attendance-confirm').count()).toBe(0);
    await screenshot(page, 'activities-desktop-finished');
    expect(watch.errors).toEqual([]);
    await context.close();
  });

  it('a resident finds the upcoming 义诊 on the phone, in English too, and gets no desktop pages', async () => {
    const context = await newContext(browser, baseURL, PHONE);
    const page = await context.newPage();
    const watch = watchPage(page);
    await login(page, '13900000015');
    await page.waitForURL(/\/m$/);
    await page.getByTestId('tile-activities').click();
    const rows = page.getByTestId('activity-row');
    await rows.filter({ hasText: '专场' }).first().waitFor();
    expect(await textOf(rows.filter({ hasText: '专场' }).first())).toMatch(/剩余 \d+ 个名额/);
    await screenshot(page, 'activities-phone-demo-list');
    expect(await scrollWidth(page)).toBeLessThanOrEqual(PHONE.width);
    await page.getByTestId('activities-tab').getByText('我报名的').click();
    await page.getByText('您还没有报名活动').or(rows.first()).first().waitFor();
    await page.goto('/m/activities/hours');
    await page.getByTestId('hours-year').waitFor();
    await screenshot(page, 'activities-phone-demo-hours');
    await page.getByTestId('lang-switch').click();
    await page.getByRole('heading', { name: 'My hours and points' }).waitFor();
    await screenshot(page, 'activities-phone-hours-en');
    await page.getByTestId('lang-switch').click();
    await page.getByRole('heading', { name: '我的时长与积分' }).waitFor();
    await page.goto('/admin/activities');
    await page.getByTestId('forbidden').waitFor();
    expect(await page.getByTestId('activities-table').count()).toBe(0);
    expect(watch.errors).toEqual([]);
    await context.close();
  });

  it("another community's staff get not-found for 春熙社区's activity", async () => {
    const other = await apiSession(baseURL, '13900000004');
    expect((await other.get(`/api/volunteers/activities/${finished.id}`)).status).toBe(404);
    const context = await newContext(browser, baseURL, DESKTOP);
    const page = await context.newPage();
    await login(page, '13900000004');
    await page.waitForURL(/\/(m|admin)$/);
    await page.goto(`/admin/activities/${finished.id}`);
    await page.getByTestId('not-found').waitFor();
    await screenshot(page, 'activities-desktop-not-found');
    await context.close();
  });
});
