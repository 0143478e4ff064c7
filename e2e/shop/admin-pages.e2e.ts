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

// Community staff keep the catalogue: 上架 a new item, 补货, look a voucher up at the community's own
// counter, cancel a resident's redemption with a refund, 下架; the resident cancels one of his own on
// the phone. 田志明's balance ends where it began, so the journeys after this one find his points.
describe('shop: community staff run the catalogue and the orders on the desktop', () => {
  const baseURL = inject('baseURL');
  const title = `环保购物袋（e2e ${Date.now().toString(36)}）`;
  let browser: Browser;

  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('lists, restocks, refunds and withdraws an item', async () => {
    const context = await newContext(browser, baseURL, DESKTOP);
    const page = await context.newPage();
    const { errors } = watchPage(page);
    await login(page, '13900000003');
    await page.waitForURL(/\/admin$/);
    await page.getByRole('menuitem', { name: '商品管理' }).click();
    await page.waitForURL(/\/admin\/shop\/items/);
    await page
      .getByTestId('items-table')
      .locator('.ant-table-row', { hasText: '家政服务（2小时）' })
      .waitFor();
    await screenshot(page, 'shop-desktop-items');

    // 上架: a community-run item, limited stock, 1 point.
    await page.getByTestId('create-item').click();
    const dialog = page.getByRole('dialog');
    const form = dialog.getByTestId('item-form');
    await form.waitFor();
    // A click that lands while antd's dropdown is still animating open can be lost: choose again
    // until the select shows the provider (at most three tries).
    const option = page.locator('.ant-select-dropdown:visible .ant-select-item-option', {
      hasText: '春熙社区积分超市',
    });
    const chosen = dialog.getByTestId('item-provider').filter({ hasText: '春熙社区积分超市' });
    for (let attempt = 1; ; attempt++) {
      await dialog.getByTestId('item-provider').click();
      await option.waitFor();
      await option.click();
      try {
        await chosen.waitFor({ timeout: 5_000 });
        break;
      } catch (err) {
        if (attempt >= 3) throw err;
      }
    }
    await form.getByText('物品', { exact: true }).click();
    await dialog.getByTestId('item-title').fill(title);
    await dialog.getByTestId('item-price-input').fill('1');
    await dialog.getByTestId('item-cash-input').fill('2.5');
    await form.getByRole('switch').first().click(); // 不限量 → 限量
    await dialog.getByTestId('item-stock').fill('5');
    await dialog.locator('.ant-select-selection-item', { hasText: '春熙社区' }).waitFor();
    await screenshot(page, 'shop-desktop-item-form', false);
    const created = page.waitForResponse(
      (r) => r.url().endsWith('/api/shop/items') && r.request().method() === 'POST',
    );
    await dialog.getByRole('button', { name: /保\s*存/ }).click();
    const res = await created;
    expect(res.status()).toBe(200);
    const item = (await res.json()) as ShopItem & { stock: number; cashValueFen: number; kind: string };
    expect(item).toMatchObject({ title, pricePoints: 1, cashValueFen: 250, stock: 5, kind: 'goods' });
    const row = page.getByTestId('items-table').locator('.ant-table-row', { hasText: title });
    await row.waitFor();
    expect(await textOf(row)).toContain('¥2.50');

    // 补货 +10.
    await row.getByTestId('restock').click();
    const restock = page.getByRole('dialog');
    await restock.getByTestId('stock-delta').fill('10');
    await restock.getByRole('button', { name: /保\s*存/ }).click();
    await row.getByTestId('item-stock-cell').filter({ hasText: '15' }).waitFor();

    // 田志明 redeems one on his phone and changes his mind: 取消兑换 with a reason, the point comes back.
    const tian = await apiAs(baseURL, '13900000007');
    const balance = async () => (await tian.get<{ balance: number }>('/api/points/me')).body.balance;
    const before = await balance();
    const phoneContext = await newContext(browser, baseURL, PHONE);
    const phone = await phoneContext.newPage();
    const phoneWatch = watchPage(phone);
    await login(phone, '13900000007');
    await phone.waitForURL(/\/m$/);
    await phone.goto(`/m/shop/items/${item.id}`);
    // The first reply is lost on the way back (the server did redeem): the page asks again with the
    // same idempotency key and gets the same voucher, so the point is spent once.
    const keys: string[] = [];
    await phone.route('**/api/shop/redemptions', async (route) => {
      keys.push(
        (JSON.parse(route.request().postData() ?? '{}') as { idempotencyKey: string }).idempotencyKey,
      );
      if (keys.length === 1) {
        await route.fetch();
        await route.abort('connectionreset');
      } else await route.continue();
    });
    await phone.getByTestId('redeem').click();
    await phone.getByRole('dialog').getByRole('button', { name: '确认兑换' }).click();
    await phone.waitForURL(/\/m\/shop\/redemptions\/[0-9a-f-]+$/);
    await phone.unroute('**/api/shop/redemptions');
    expect(keys).toHaveLength(2);
    expect(keys[1]).toBe(keys[0]);
    const orders = await tian.get<Page<Redemption>>(`/api/shop/redemptions?mine=true&itemId=${item.id}`);
    expect(orders.body.total).toBe(1);
    expect(await balance()).toBe(before - 1);
    await phone.getByTestId('cancel-redemption').click();
    const ask = phone.getByRole('dialog');
    await ask.getByTestId('cancel-reason').fill('买错了，下次再换');
    await screenshot(phone, 'shop-phone-cancel', false);
    await ask.getByRole('button', { name: '确认取消' }).click();
    await phone.getByTestId('redemption-state').filter({ hasText: '已取消' }).waitFor();
    await phone.getByText('该兑换已取消，积分已退回').waitFor();
    expect(await phone.getByTestId('cancel-redemption').count()).toBe(0);
    expect(await balance()).toBe(before);
    expect(phoneWatch.errors).toEqual([]);
    await phoneContext.close();

    // He redeems one more (behind the UI's back); the community's own counter finds it.
    const redeemed = await tian.post<Redemption>('/api/shop/redemptions', {
      itemId: item.id,
      quantity: 1,
      idempotencyKey: `e2e-admin-${Date.now()}`,
    });
    expect(redeemed.status).toBe(200);
    expect(await balance()).toBe(before - 1);

    await page.getByRole('menuitem', { name: '兑换核销' }).click();
    await page.waitForURL(/\/admin\/shop\/counter$/);
    await page.getByTestId('counter-code').fill(redeemed.body.voucherCode);
    await page.getByTestId('counter-lookup').click();
    const voucher = page.getByTestId('counter-voucher');
    await voucher.waitFor();
    expect(await textOf(voucher.getByTestId('counter-holder'))).toBe('田*明');
    expect(await textOf(voucher.getByTestId('counter-item'))).toBe(title);
    await screenshot(page, 'shop-desktop-counter');

    // 兑换订单: cancel it with a reason; the point goes back.
    await page.getByRole('menuitem', { name: '兑换订单' }).click();
    await page.waitForURL(/\/admin\/shop\/redemptions/);
    const order = page
      .getByTestId('orders-table')
      .locator('.ant-table-row', { hasText: redeemed.body.voucherCode });
    await order.waitFor();
    expect(await textOf(order)).toContain('待使用');
    await order.getByTestId('order-cancel').click();
    const cancel = page.getByRole('dialog');
    await cancel.getByTestId('cancel-reason').fill('居民来电，改为下月兑换');
    await screenshot(page, 'shop-desktop-cancel', false);
    const cancelled = page.waitForResponse((r) =>
      r.url().endsWith(`/api/shop/redemptions/${redeemed.body.id}/cancel`),
    );
    await cancel.getByRole('button', { name: '确认取消' }).click();
    const done = await cancelled;
    expect(done.status()).toBe(200);
    expect((await done.json()).state).toBe('cancelled');
    await order.getByText('已取消').waitFor();
    expect(await order.getByTestId('order-cancel').count()).toBe(0);
    expect(await balance()).toBe(before);

    // 下架: the resident's catalogue no longer offers it.
    await page.getByRole('menuitem', { name: '商品管理' }).click();
    await page.waitForURL(/\/admin\/shop\/items/);
    // antd spaces out two-character button labels (下 架).
    await row.getByRole('button', { name: /^下\s*架$/ }).click();
    await page
      .locator('.ant-modal-confirm')
      .getByRole('button', { name: /^下\s*架$/ })
      .click();
    await row.getByText('已下架').waitFor();
    const offered = await tian.get<Page<ShopItem>>('/api/shop/items?pageSize=100');
    expect(offered.body.items.map((i) => i.title)).not.toContain(title);
    expect(errors).toEqual([]);
    await context.close();
  });
});
