import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import {
  DESKTOP,
  launchBrowser,
  login,
  newContext,
  PHONE,
  screenshot,
  textOf,
  watchPage,
} from '../harness.ts';
import { apiAs, type Page, type Redemption, type ShopItem } from './shop-api.ts';

type ErrorReply = { error: { code: string; message: string } };

// Who may not: the resident on the shop's desktop pages and at a counter, the provider anywhere but
// its counter, and every counter but the issuing provider's, which is told there is no such voucher.
describe('shop: unauthorised', () => {
  const baseURL = inject('baseURL');
  let browser: Browser;
  /** A voucher of 田志明's issued by a partner unit (not the community's own counter). */
  let code = '';

  beforeAll(async () => {
    browser = await launchBrowser();
    // Any of 田's vouchers from a partner unit will do (the journey leaves one); alone, this file makes
    // one and cancels it at once, so his balance is as it was.
    const tian = await apiAs(baseURL, '13900000007');
    const mine = await tian.get<Page<Redemption>>('/api/shop/redemptions?mine=true&pageSize=100');
    const partner = mine.body.items.find((r) => r.providerName !== '春熙社区积分超市');
    if (partner) code = partner.voucherCode;
    else {
      const items = await tian.get<Page<ShopItem>>('/api/shop/items?pageSize=100');
      const legal = items.body.items.find((i) => i.title.startsWith('法律援助咨询'))!;
      const r = await tian.post<Redemption>('/api/shop/redemptions', {
        itemId: legal.id,
        quantity: 1,
        idempotencyKey: `e2e-unauthorised-${Date.now()}`,
      });
      expect(r.status).toBe(200);
      await tian.post(`/api/shop/redemptions/${r.body.id}/cancel`, { reason: '测试用，立即取消' });
      code = r.body.voucherCode;
    }
    expect(code).toMatch(/^[0-9A-Z]{10}$/);
  });
  afterAll(async () => {
    await browser?.close();
  });

  it("keeps the shop's desktop pages and the counter from the resident", async () => {
    const context = await newContext(browser, baseURL, PHONE);
    const page = await context.newPage();
    const { errors } = watchPage(page);
    await login(page, '13900000007');
    await page.waitForURL(/\/m$/);
    for (const path of [
      '/admin/shop/items',
      '/admin/shop/redemptions',
      '/admin/shop/figures',
      '/admin/shop/settlements',
    ]) {
      await page.goto(path);
      const forbidden = page.getByTestId('forbidden');
      await forbidden.waitFor();
      expect(await textOf(forbidden)).toContain('没有权限');
      expect(await page.locator('.ant-table').count()).toBe(0);
    }
    await screenshot(page, 'shop-resident-forbidden');
    // No counter tile on his home, and a typed-in counter URL says no access.
    await page.goto('/m');
    await page.getByTestId('tile-shop').waitFor();
    expect(await page.getByTestId('tile-counter').count()).toBe(0);
    await page.goto('/m/shop/counter');
    await page.getByTestId('forbidden').waitFor();
    expect(await page.getByTestId('counter-code').count()).toBe(0);
    expect(errors).toEqual([]);
    await context.close();

    // The API agrees: no figures, and his own code typed at "a counter" finds nothing.
    const tian = await apiAs(baseURL, '13900000007');
    expect((await tian.get<ErrorReply>('/api/shop/figures')).status).toBe(403);
    const lookup = await tian.get<ErrorReply>(`/api/shop/vouchers/${code}`);
    expect(lookup.status).toBe(404);
    expect(lookup.body.error).toMatchObject({ code: 'voucher_not_found', message: '找不到该兑换券' });
    const fulfil = await tian.post<ErrorReply>(`/api/shop/vouchers/${code}/fulfil`, {});
    expect(fulfil.status).toBe(404);
  });

  it('keeps the provider to its own counter', async () => {
    const context = await newContext(browser, baseURL, PHONE);
    const page = await context.newPage();
    const { errors } = watchPage(page);
    await login(page, '13900000009');
    await page.waitForURL(/\/m\/shop\/counter$/);
    // The desktop is not for counter staff: its home sends them back, its pages say no access.
    await page.goto('/admin');
    await page.waitForURL(/\/m\/shop\/counter$/);
    await page.goto('/admin/shop/figures');
    await page.getByTestId('forbidden').waitFor();
    // Nor is the residents' shop.
    await page.goto('/m/shop');
    await page.getByTestId('forbidden').waitFor();

    await page.goto('/m/shop/counter');
    await page.getByTestId('counter-code').fill('ZZZZZZZZZZ');
    await page.getByTestId('counter-lookup').click();
    const error = page.getByTestId('counter-error');
    await error.waitFor();
    expect(await textOf(error)).toContain('找不到该兑换券');
    await screenshot(page, 'shop-phone-counter-not-found');
    expect(errors).toEqual([]);
    await context.close();
  });

  it("tells every other counter there is no such voucher: community B's and community A's own", async () => {
    for (const phone of ['13900000004', '13900000003']) {
      const context = await newContext(browser, baseURL, DESKTOP);
      const page = await context.newPage();
      const { errors } = watchPage(page);
      await login(page, phone);
      await page.waitForURL(/\/admin$/);
      await page.goto('/admin/shop/counter');
      await page.getByTestId('counter-code').fill(code);
      const looked = page.waitForResponse((r) => r.url().endsWith(`/api/shop/vouchers/${code}`));
      await page.getByTestId('counter-lookup').click();
      expect((await looked).status()).toBe(404);
      const error = page.getByTestId('counter-error');
      await error.waitFor();
      expect(await textOf(error)).toContain('找不到该兑换券');
      expect(await page.getByTestId('counter-voucher').count()).toBe(0);
      expect(await page.content()).not.toContain('田*明');
      if (phone === '13900000004') await screenshot(page, 'shop-desktop-counter-not-found');
      // Nor may they fulfil it by calling the API directly.
      const staff = await apiAs(baseURL, phone);
      expect((await staff.post<ErrorReply>(`/api/shop/vouchers/${code}/fulfil`, {})).status).toBe(404);
      expect(errors).toEqual([]);
      await context.close();
    }
  });
});
