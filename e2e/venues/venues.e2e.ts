import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import {
  apiSession,
  launchBrowser,
  login,
  newContext,
  PHONE,
  screenshot,
  scrollWidth,
  watchPage,
} from '../harness.ts';

// 场地预订与常态化服务 in the browser: 孙社工 books the reading corner of the service centre in the
// week view; a second booking over the same slot is refused with the holder's time; she records the
// visits (服务人次) of the last Tuesday clinic; a resident sees 服务场所 on the phone and no bookings page.

const OFFSET = 8 * 3600_000;
const shDate = (d: Date) => new Date(d.getTime() + OFFSET).toISOString().slice(0, 10);
/** Tuesday of the week after next, Shanghai date. */
function tuesdayAhead(): { date: string; weeksAhead: number } {
  const today = new Date(Date.now() + OFFSET);
  const wd = today.getUTCDay() === 0 ? 7 : today.getUTCDay();
  const monday = new Date(today.getTime() - (wd - 1) * 86_400_000);
  return { date: shDate(new Date(monday.getTime() + 15 * 86_400_000 - OFFSET)), weeksAhead: 2 };
}

describe('venues: book a room without double booking, record clinic visits', () => {
  const baseURL = inject('baseURL');
  let browser: Browser;
  let page: Page;
  let watch: { errors: string[] };
  let centreId = '';
  const purpose = '楼栋长培训会（e2e）';
  beforeAll(async () => {
    browser = await launchBrowser();
    const staff = await apiSession(baseURL, '13900000003');
    const venues = await staff.get<{ items: { id: string; name: string }[] }>('/api/venues');
    centreId = venues.body.items.find((v) => v.name === '春熙社区党群服务中心')!.id;
    const ctx = await newContext(browser, baseURL);
    page = await ctx.newPage();
    watch = watchPage(page);
    await login(page, '13900000003');
    await page.waitForURL(/\/admin/);
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('lists the venues and shows a venue with its spaces and hours', async () => {
    await page.goto('/admin/venues');
    await page.getByTestId('venues-table').getByText('春熙社区党群服务中心').waitFor();
    await screenshot(page, 'venues-list');
    await page.getByTestId('venues-table').getByRole('link', { name: '春熙社区党群服务中心' }).click();
    await page.getByTestId('venue-hours').getByText('09:00–17:30').first().waitFor();
    await page.getByText('康养小站').first().waitFor();
    await screenshot(page, 'venues-detail');
    await page.getByRole('button', { name: '编辑场所' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByTestId('hours-editor').waitFor();
    await screenshot(page, 'venues-edit', false);
    await dialog.getByRole('button', { name: /取\s*消/ }).click();
    await dialog.waitFor({ state: 'hidden' });
  });

  it('books the reading corner in the week view; an overlapping booking is refused clearly', async () => {
    const { date, weeksAhead } = tuesdayAhead();
    await page.goto(`/admin/venue-bookings?venue=${centreId}`);
    await page.getByTestId('week-grid').waitFor();
    for (let i = 0; i < weeksAhead; i++) await page.getByRole('button', { name: '下一周' }).click();
    await page.getByTestId('week-label').getByText(date.slice(0, 8), { exact: false }).waitFor();

    const openBooking = async () => {
      const dialog = page.getByRole('dialog');
      for (let i = 0; i < 3 && !(await dialog.isVisible()); i++) {
        await page.getByRole('button', { name: `预订 阅读角 ${date}` }).click();
        await dialog.waitFor({ timeout: 5_000 }).catch(() => {});
      }
      await dialog.getByTestId('book-purpose').waitFor();
      return dialog;
    };
    let dialog = await openBooking();
    await dialog.getByTestId('book-purpose').fill(purpose);
    await dialog
      .getByRole('button', { name: '预 订' })
      .or(dialog.getByRole('button', { name: '预订' }))
      .click();
    await dialog.waitFor({ state: 'hidden' });
    const chip = page.getByTestId('booking-chip').filter({ hasText: purpose });
    await chip.waitFor();
    expect(await chip.textContent()).toContain('10:00–11:00');

    dialog = await openBooking();
    await dialog.getByTestId('book-purpose').fill('另一场活动');
    await dialog
      .getByRole('button', { name: '预 订' })
      .or(dialog.getByRole('button', { name: '预订' }))
      .click();
    const conflict = dialog.getByTestId('booking-conflict');
    await conflict.waitFor();
    const text = (await conflict.textContent()) ?? '';
    expect(text).toContain('已被预订');
    expect(text).toContain(`${date} 10:00–11:00`);
    expect(text).toContain(purpose);
    await screenshot(page, 'venues-booking-conflict', false);
    await dialog.getByRole('button', { name: /取\s*消/ }).click();
    await dialog.waitFor({ state: 'hidden' });
    expect(await page.getByTestId('booking-chip').filter({ hasText: '另一场活动' }).count()).toBe(0);
    await screenshot(page, 'venues-week');
  });

  it('records the visits of the last clinic session; the monthly counts follow', async () => {
    await page.goto(`/admin/venue-services?venue=${centreId}`);
    const row = page.getByTestId('sessions-table').locator('tr', { hasText: '周二健康义诊' }).first();
    await row.waitFor();
    const input = row.getByRole('spinbutton', { name: '服务人次' });
    const before = Number(await input.inputValue());
    const visits = before === 42 ? 43 : 42;
    await input.fill(String(visits));
    await row.getByRole('button', { name: /保\s*存/ }).click();
    await page.getByText('服务人次已登记').waitFor();
    const staff = await apiSession(baseURL, '13900000003');
    const from = new Date(Date.now() - 14 * 86_400_000).toISOString();
    const sessions = await staff.get<{ items: { title: string; visits: number | null; startsAt: string }[] }>(
      `/api/venues/sessions?venueId=${centreId}&from=${encodeURIComponent(from)}&to=${encodeURIComponent(new Date().toISOString())}&order=desc`,
    );
    expect(sessions.body.items.find((s) => s.title === '周二健康义诊')?.visits).toBe(visits);
    await page.getByTestId('visit-figures').getByText('合计').waitFor();
    await screenshot(page, 'venues-services');
    await page.getByTestId('new-series').click();
    await page.getByRole('dialog').getByText('服务方').waitFor();
    await screenshot(page, 'venues-new-series', false);
    await page
      .getByRole('dialog')
      .getByRole('button', { name: /取\s*消/ })
      .click();
    expect(watch.errors).toEqual([]);
  });

  it('a resident sees 服务场所 on the phone and may not open the bookings page', async () => {
    const ctx = await newContext(browser, baseURL, PHONE);
    const phone = await ctx.newPage();
    const w = watchPage(phone);
    await login(phone, '13900000007');
    await phone.waitForURL(/\/m/);
    await phone.getByTestId('tile-venues').click();
    await phone.getByTestId('phone-venues').getByText('幸福家园邻里驿站').waitFor();
    await phone.getByText('本周服务').first().waitFor();
    expect(await scrollWidth(phone)).toBeLessThanOrEqual(PHONE.width);
    await screenshot(phone, 'venues-phone');
    await phone.goto('/admin/venue-bookings');
    await phone.getByTestId('forbidden').waitFor();
    const resident = await apiSession(baseURL, '13900000007');
    const q = `venueId=${centreId}&from=${encodeURIComponent(new Date().toISOString())}&to=${encodeURIComponent(new Date(Date.now() + 86_400_000).toISOString())}`;
    expect((await resident.get(`/api/venues/bookings?${q}`)).status).toBe(403);
    expect(w.errors).toEqual([]);
    await ctx.close();
  });
});
