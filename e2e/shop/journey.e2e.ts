import type { Browser, BrowserContext, Page } from 'playwright-core';
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

const HOUSEKEEPING = '家政服务（2小时）';

type Redemption = {
  id: string;
  state: string;
  points: number;
  cashValueFen: number;
  voucherCode: string;
  qrSvg: string;
  balanceAfter: number | null;
};

// Evaluated in the page (this file is type-checked without DOM types): the voucher QR has loaded, and
// its box on screen is square.
const QR_BOX =
  "(() => { const i = document.querySelector('[data-testid=voucher-qr]'); const r = i.getBoundingClientRect(); return { loaded: i.complete && i.naturalWidth > 0, width: r.width, height: r.height }; })()";

/** The number a balance element shows (150 of "150 分"). */
async function balanceOf(page: Page, testId: string): Promise<number> {
  const el = page.getByTestId(testId);
  await el.filter({ hasText: /\d/ }).waitFor();
  return Number((await textOf(el)).replace(/\D/g, ''));
}

// The journey: 田先生 redeems 家政服务 for 150 points on his phone → shows the voucher's QR →
// the housekeeping provider's counter fulfils it → the community's figures and the provider's
// settlement count it. Other journeys may have moved 田's balance (the points journey adds 5), so
// this one asserts the drop of 150, not an absolute balance.
describe('shop: 田先生 redeems 家政服务 and the provider fulfils it', () => {
  const baseURL = inject('baseURL');
  let browser: Browser;
  let resident: { context: BrowserContext; page: Page; errors: string[] };
  let before = 0;
  let redemption: Redemption;

  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await resident?.context.close();
    await browser?.close();
  });

  it('田志明 redeems 家政服务（2小时） on a 375 px phone and shows the QR', async () => {
    const context = await newContext(browser, baseURL, PHONE);
    const page = await context.newPage();
    const { errors } = watchPage(page);
    resident = { context, page, errors };
    await login(page, '13900000007');
    await page.waitForURL(/\/m$/);
    before = await balanceOf(page, 'home-balance');
    expect(before).toBeGreaterThanOrEqual(150);

    await page.getByTestId('tile-shop').click();
    await page.waitForURL(/\/m\/shop$/);
    const card = page.getByTestId('shop-item').filter({ hasText: HOUSEKEEPING });
    await card.waitFor();
    const cardText = await textOf(card);
    expect(cardText).toContain('150');
    expect(cardText).toContain('¥120.00');
    expect(cardText).toContain('安心家政服务社');
    expect(await textOf(card.getByTestId('redeemable'))).toBe('可兑换');
    expect(await balanceOf(page, 'shop-balance')).toBe(before);
    await screenshot(page, 'shop-phone-list');
    expect(await scrollWidth(page)).toBeLessThanOrEqual(PHONE.width);

    // 只看我能兑换的: the 200-point holiday childcare is beyond 田's points, so it leaves the list.
    const childcare = page.getByTestId('shop-item').filter({ hasText: '子女寒暑假托管' });
    expect(await textOf(childcare.getByTestId('redeemable'))).toBe('积分不足');
    await page.getByTestId('affordable-switch').click();
    await page.waitForURL(/affordable=1/);
    await childcare.waitFor({ state: 'detached' });
    await card.waitFor();
    await screenshot(page, 'shop-phone-affordable');

    await card.click();
    await page.waitForURL(/\/m\/shop\/items\/[0-9a-f-]+$/);
    const detail = page.getByTestId('item-detail');
    await detail.getByText('每人每月限 1 份').waitFor();
    expect(await textOf(detail)).toContain('兑换后 30 天内使用');
    await screenshot(page, 'shop-phone-item');
    expect(await scrollWidth(page)).toBeLessThanOrEqual(PHONE.width);

    await page.getByTestId('redeem').click();
    const dialog = page.getByRole('dialog');
    await dialog
      .getByTestId('redeem-balance-after')
      .filter({ hasText: String(before - 150) })
      .waitFor();
    expect(await textOf(dialog.getByTestId('redeem-summary'))).toContain(HOUSEKEEPING);
    await screenshot(page, 'shop-phone-confirm', false);

    const redeemed = page.waitForResponse(
      (r) => r.url().endsWith('/api/shop/redemptions') && r.request().method() === 'POST',
    );
    await dialog.getByRole('button', { name: '确认兑换' }).click();
    const res = await redeemed;
    expect(res.status()).toBe(200);
    const sent = JSON.parse(res.request().postData() ?? '{}') as {
      idempotencyKey?: string;
      quantity?: number;
    };
    expect(sent.quantity).toBe(1);
    expect(sent.idempotencyKey?.length ?? 0).toBeGreaterThanOrEqual(8);
    redemption = (await res.json()) as Redemption;
    expect(redemption).toMatchObject({
      state: 'issued',
      points: 150,
      cashValueFen: 12000,
      balanceAfter: before - 150,
    });
    expect(redemption.voucherCode).toMatch(/^[0-9A-Z]{10}$/);
    // Black modules on a white ground: what a counter's scanner expects.
    expect(redemption.qrSvg).toContain('fill="#ffffff"');
    expect(redemption.qrSvg).toContain('stroke="#000000"');

    await page.waitForURL(new RegExp(`/m/shop/redemptions/${redemption.id}$`));
    expect(await textOf(page.getByTestId('voucher-code'))).toBe(redemption.voucherCode);
    expect(await textOf(page.getByTestId('redemption-state'))).toBe('待使用');
    expect(await textOf(page.getByTestId('voucher-expiry'))).toContain('有效期至');
    let qr = { loaded: false, width: 0, height: 0 };
    for (let i = 0; i < 50 && !qr.loaded; i++) {
      qr = (await page.evaluate(QR_BOX)) as typeof qr;
      if (!qr.loaded) await page.waitForTimeout(100);
    }
    expect(qr.loaded).toBe(true);
    expect(qr.width).toBeGreaterThanOrEqual(200);
    expect(Math.abs(qr.width - qr.height)).toBeLessThan(1);
    await screenshot(page, 'shop-phone-voucher');
    expect(await scrollWidth(page)).toBeLessThanOrEqual(PHONE.width);
    expect(errors).toEqual([]);
  });

  it('the provider types the code at the counter, sees 田*明, and fulfils it', async () => {
    const context = await newContext(browser, baseURL, PHONE);
    const page = await context.newPage();
    const { errors } = watchPage(page);
    await login(page, '13900000009');
    // Provider staff land on the counter, not on a desktop they have nothing to do on.
    await page.waitForURL(/\/m\/shop\/counter$/);
    // Typed in lower case with a space, as a clerk might: the field reads it as the code.
    const code = redemption.voucherCode;
    await page.getByTestId('counter-code').fill(`${code.slice(0, 5).toLowerCase()} ${code.slice(5)}`);
    expect(await page.getByTestId('counter-code').inputValue()).toBe(code);
    await page.getByTestId('counter-lookup').click();
    const voucher = page.getByTestId('counter-voucher');
    await voucher.waitFor();
    expect(await textOf(voucher.getByTestId('counter-holder'))).toBe('田*明');
    expect(await textOf(voucher.getByTestId('counter-item'))).toBe(HOUSEKEEPING);
    expect(await textOf(voucher.getByTestId('redemption-state'))).toBe('待使用');
    // The counter sees the masked name only.
    expect(await page.content()).not.toContain('田志明');
    await screenshot(page, 'shop-phone-counter');
    expect(await scrollWidth(page)).toBeLessThanOrEqual(PHONE.width);

    const fulfilled = page.waitForResponse((r) => r.url().endsWith(`/api/shop/vouchers/${code}/fulfil`));
    await page.getByTestId('counter-fulfil').click();
    const res = await fulfilled;
    expect(res.status()).toBe(200);
    expect((await res.json()).state).toBe('fulfilled');
    const done = page.getByTestId('counter-done');
    await done.waitFor();
    expect(await textOf(done)).toContain('核销成功');
    expect(await textOf(done)).toContain('田*明');
    await screenshot(page, 'shop-phone-counter-done');

    // The same code again: found, but it cannot be used twice.
    await page.getByTestId('counter-next').click();
    await page.getByTestId('counter-code').fill(code);
    await page.getByTestId('counter-lookup').click();
    await page.getByTestId('counter-unusable').waitFor();
    expect(await textOf(page.getByTestId('counter-voucher').getByTestId('redemption-state'))).toBe('已核销');
    expect(await page.getByTestId('counter-fulfil').count()).toBe(0);
    expect(errors).toEqual([]);
    await context.close();
  });

  it("the resident's voucher turns 已核销 by itself; the points stay spent", async () => {
    const { page, errors } = resident;
    // The open voucher page looks again every few seconds.
    await page.getByTestId('redemption-state').filter({ hasText: '已核销' }).waitFor({ timeout: 15_000 });
    await screenshot(page, 'shop-phone-voucher-fulfilled');
    await page.goto('/m/shop/redemptions');
    const row = page.getByTestId('my-redemption').filter({ hasText: HOUSEKEEPING });
    await row.waitFor();
    expect(await textOf(row)).toContain('已核销');
    expect(await textOf(row)).toContain('-150');
    await screenshot(page, 'shop-phone-redemptions');
    expect(await scrollWidth(page)).toBeLessThanOrEqual(PHONE.width);
    await page.goto('/m');
    await page
      .getByTestId('home-balance')
      .filter({ hasText: String(before - 150) })
      .waitFor();
    expect(await balanceOf(page, 'home-balance')).toBe(before - 150);

    // In English too: the shop at 375 px.
    await page.getByTestId('lang-switch').click();
    await page.getByTestId('tile-shop').click();
    await page.getByRole('heading', { name: 'Points shop' }).waitFor();
    const card = page.getByTestId('shop-item').filter({ hasText: HOUSEKEEPING });
    expect(await textOf(card.getByTestId('redeemable'))).toBe('Limit reached');
    await screenshot(page, 'shop-phone-list-en');
    expect(await scrollWidth(page)).toBeLessThanOrEqual(PHONE.width);
    expect(errors).toEqual([]);
  });

  it('community staff see it counted in 兑换统计 and on the provider’s settlement', async () => {
    const context = await newContext(browser, baseURL, DESKTOP);
    const page = await context.newPage();
    const { errors } = watchPage(page);
    await login(page, '13900000003');
    await page.waitForURL(/\/admin$/);
    await page.getByRole('menuitem', { name: '兑换统计' }).click();
    await page.waitForURL(/\/admin\/shop\/figures$/);
    const row = page.getByTestId('figures-by-item').locator('.ant-table-row', { hasText: HOUSEKEEPING });
    await row.waitFor();
    const cells = await row.locator('td').allTextContents();
    expect(cells).toEqual([HOUSEKEEPING, '1', '150', '¥120.00', expect.stringMatching(/%$/)]);
    expect(
      Number((await textOf(page.getByTestId('figures-points'))).replace(/\D/g, '')),
    ).toBeGreaterThanOrEqual(150);
    expect(await textOf(page.getByTestId('figures-cash'))).toMatch(/¥\d/);
    await page.getByRole('tab', { name: '按提供方' }).click();
    await page
      .getByTestId('figures-by-provider')
      .locator('.ant-table-row', { hasText: '安心家政服务社' })
      .filter({ hasText: '¥120.00' })
      .waitFor();
    await page.getByRole('tab', { name: '按项目' }).click();
    await page.getByTestId('figures-items-chart').locator('canvas').waitFor();
    // ECharts animates its bars in; let them settle before the picture.
    await page.waitForTimeout(1200);
    await screenshot(page, 'shop-desktop-figures');

    await page.getByRole('menuitem', { name: '结算单' }).click();
    await page.waitForURL(/\/admin\/shop\/settlements/);
    await page.getByTestId('settlement-provider').click();
    const option = page.locator('.ant-select-dropdown:visible .ant-select-item-option', {
      hasText: '安心家政服务社',
    });
    await option.waitFor();
    await option.click();
    const statement = page.getByTestId('settlement');
    const line = statement.locator('.ant-table-row', { hasText: redemption.voucherCode });
    await line.waitFor();
    expect(await textOf(line)).toContain('田*明');
    expect(await textOf(line)).toContain('¥120.00');
    expect(await textOf(statement)).toContain('安心家政服务社');
    const href = (await page.getByTestId('settlement-export').getAttribute('href')) ?? '';
    expect(href).toMatch(/^\/api\/shop\/settlements\/export\?providerId=[0-9a-f-]+&month=\d{4}-\d{2}$/);
    const download = page.waitForEvent('download');
    await page.getByTestId('settlement-export').click();
    expect((await download).suggestedFilename()).toMatch(/^安心家政服务社\d{4}年\d{1,2}月结算单\.xlsx$/);
    await screenshot(page, 'shop-desktop-settlement');

    await page.getByRole('menuitem', { name: '兑换订单' }).click();
    await page.waitForURL(/\/admin\/shop\/redemptions/);
    const order = page
      .getByTestId('orders-table')
      .locator('.ant-table-row', { hasText: redemption.voucherCode });
    await order.waitFor();
    expect(await textOf(order)).toContain('田志明');
    expect(await textOf(order)).toContain('已核销');
    // A used voucher cannot be cancelled: no button for it.
    expect(await order.getByTestId('order-cancel').count()).toBe(0);
    await screenshot(page, 'shop-desktop-orders');
    expect(errors).toEqual([]);
    await context.close();
  });
});
