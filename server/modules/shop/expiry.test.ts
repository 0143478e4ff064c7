import { eq, inArray } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, testApp } from '../../../test/harness.ts';
import { balance, refundsOf, type ShopWorld, shopWorld, stockOf } from '../../../test/shop-fixtures.ts';
import { verifyAudit } from '../../platform/audit.ts';
import { auditEvent } from '../../platform/schema.ts';
import { checkLedger } from '../points/index.ts';
import { expireVouchers } from './redemptions.ts';
import { redemption } from './schema.ts';

// Unfulfilled vouchers past their date are refunded by the scheduler, once, however often it runs.
let t: TestApp;
let w: ShopWorld;
beforeAll(async () => {
  t = await testApp();
  w = await shopWorld(t);
});
afterEach(async () => {
  expect(await checkLedger(t.db)).toEqual([]);
});
afterAll(async () => {
  expect(await verifyAudit(t.db)).toMatchObject({ ok: true });
  await t.close();
});

const DAY = 86_400_000;

describe('voucher expiry', () => {
  it('refunds each overdue voucher exactly once across repeated runs; fulfilled and cancelled ones are left alone', async () => {
    const c = await w.resident({ points: 300 });
    const item = await w.item({ stock: 10, pricePoints: 30, voucherValidDays: 3 });
    const ids: string[] = [];
    for (let i = 0; i < 4; i++) ids.push((await w.redeem(c.cookie, item.id)).body.id);
    const [toFulfil, toCancel, ...toExpire] = ids;
    const code = (await t.db.select().from(redemption).where(eq(redemption.id, toFulfil)))[0].voucherCode;
    expect(
      (await t.call({ method: 'POST', url: `/api/shop/vouchers/${code}/fulfil`, cookie: w.cookies.staffA }))
        .status,
    ).toBe(200);
    await t.call({
      method: 'POST',
      url: `/api/shop/redemptions/${toCancel}/cancel`,
      cookie: c.cookie,
      body: { reason: '不要了' },
    });
    expect(await balance(t.db, c.accountId)).toBe(300 - 3 * 30);
    expect(await stockOf(t.db, item.id)).toBe(7);

    // Before the date: nothing happens.
    expect(await expireVouchers(t.db, new Date(Date.now() + 2 * DAY))).toBe(0);
    const at = new Date(Date.now() + 3 * DAY + 60_000);
    const runs = [];
    for (let i = 0; i < 4; i++) runs.push(await expireVouchers(t.db, at));
    expect(runs).toEqual([2, 0, 0, 0]);

    const rows = await t.db.select().from(redemption).where(inArray(redemption.id, ids));
    const state = new Map(rows.map((r) => [r.id, r.state]));
    expect(state.get(toFulfil)).toBe('fulfilled');
    expect(state.get(toCancel)).toBe('cancelled');
    for (const id of toExpire) expect(state.get(id)).toBe('expired');
    const refunds = await refundsOf(t.db, ids);
    expect([...refunds.values()]).toEqual([0, 1, 1, 1]);
    expect(await balance(t.db, c.accountId)).toBe(300 - 30);
    expect(await stockOf(t.db, item.id)).toBe(9);
    const events = await t.db.select().from(auditEvent).where(inArray(auditEvent.subjectId, toExpire));
    expect(events.filter((e) => e.action === 'shop.voucher_expired')).toHaveLength(2);

    // An expired voucher can be neither fulfilled nor cancelled.
    const expiredCode = rows.find((r) => r.id === toExpire[0])!.voucherCode;
    const fulfil = await t.call({
      method: 'POST',
      url: `/api/shop/vouchers/${expiredCode}/fulfil`,
      cookie: w.cookies.staffA,
    });
    expect([fulfil.status, fulfil.body.error.code]).toEqual([409, 'voucher_not_issued']);
    const cancel = await t.call({
      method: 'POST',
      url: `/api/shop/redemptions/${toExpire[0]}/cancel`,
      cookie: c.cookie,
      body: { reason: '过期后取消' },
    });
    expect([cancel.status, cancel.body.error.code]).toEqual([409, 'voucher_not_issued']);
  });

  it('an expired refund gives back the unlimited item’s points without touching stock', async () => {
    const c = await w.resident({ points: 50 });
    const item = await w.item({ stock: null, pricePoints: 50, voucherValidDays: 1 });
    const r = await w.redeem(c.cookie, item.id);
    expect(await balance(t.db, c.accountId)).toBe(0);
    const at = new Date(Date.now() + 2 * DAY);
    await expireVouchers(t.db, at);
    await expireVouchers(t.db, at);
    expect(await balance(t.db, c.accountId)).toBe(50);
    expect(await stockOf(t.db, item.id)).toBeNull();
    expect((await refundsOf(t.db, [r.body.id])).get(r.body.id)).toBe(1);
  });
});
