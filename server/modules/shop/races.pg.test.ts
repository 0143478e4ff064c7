import fc from 'fast-check';
import { and, eq, inArray } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, testApp } from '../../../test/harness.ts';
import {
  balance,
  refundsOf,
  type Resident,
  type ShopWorld,
  shopWorld,
  stockOf,
} from '../../../test/shop-fixtures.ts';
import { verifyAudit } from '../../platform/audit.ts';
import { checkLedger } from '../points/index.ts';
import { ledgerEntry } from '../points/schema.ts';
import { expireVouchers } from './redemptions.ts';
import { redemption } from './schema.ts';

// On PostgreSQL, where requests really run at once: overdraft, stock, per-person limits,
// idempotency, and the expiry scheduler on several nodes.
let t: TestApp;
let w: ShopWorld;
beforeAll(async () => {
  expect(process.env.DATABASE_URL).toMatch(/^postgres/);
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

type Reply = Awaited<ReturnType<ShopWorld['redeem']>>;

/** Fires every request at once and checks none failed on the server's side. */
async function all(requests: Promise<Reply>[]): Promise<Reply[]> {
  const replies = await Promise.all(requests);
  const broken = replies.filter((r) => r.status >= 500);
  expect(
    broken.map((r) => r.body),
    'no 5xx',
  ).toEqual([]);
  return replies;
}

const tally = (replies: Reply[]) => {
  const out: Record<string, number> = {};
  for (const r of replies) {
    const k = r.status === 200 ? 'ok' : `${r.status} ${r.body.error.code}`;
    out[k] = (out[k] ?? 0) + 1;
  }
  return out;
};

/** One resident spends `count` redemptions of a `price` item at once, with distinct keys. */
async function overdraft(start: number, price: number, count: number) {
  const c = await w.resident({ points: start });
  const item = await w.item({ pricePoints: price, stock: null, limitPerPerson: null });
  const replies = await all(Array.from({ length: count }, () => w.redeem(c.cookie, item.id)));
  const wins = Math.min(count, Math.floor(start / price));
  return { c, replies, wins, item };
}

async function redeemRows(accountId: string, itemId?: string) {
  return t.db
    .select()
    .from(redemption)
    .where(and(eq(redemption.accountId, accountId), itemId ? eq(redemption.itemId, itemId) : undefined));
}

describe('overdraft race', () => {
  it('1,000 points, price 30, 200 at once: exactly 33 succeed, 167 insufficient_points, 10 left — five rounds', async () => {
    for (let round = 0; round < 5; round++) {
      const { c, replies } = await overdraft(1000, 30, 200);
      expect(tally(replies)).toEqual({ ok: 33, '409 insufficient_points': 167 });
      expect(await balance(t.db, c.accountId)).toBe(10);
      expect(await redeemRows(c.accountId)).toHaveLength(33);
      // Each success reports the balance right after its own debit: 970, 940, … 10, each once.
      const after = replies
        .filter((r) => r.status === 200)
        .map((r) => r.body.balanceAfter as number)
        .sort((a, b) => b - a);
      expect(after).toEqual(Array.from({ length: 33 }, (_, i) => 970 - 30 * i));
    }
  });

  it('property: any balance, price and count end with min(count, ⌊balance/price⌋) orders and the rest refused', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 0, max: 1500 }),
        fc.integer({ min: 1, max: 120 }),
        fc.integer({ min: 1, max: 100 }),
        async (start, price, count) => {
          const { c, replies, wins } = await overdraft(start, price, count);
          const refused = count - wins;
          expect(tally(replies)).toEqual({
            ...(wins ? { ok: wins } : {}),
            ...(refused ? { '409 insufficient_points': refused } : {}),
          });
          expect(await balance(t.db, c.accountId)).toBe(start - wins * price);
          expect(await redeemRows(c.accountId)).toHaveLength(wins);
        },
      ),
      { numRuns: 10 },
    );
  });
});

describe('stock race', () => {
  it('10 in stock, 100 residents at once: exactly 10 orders, stock ends at 0 and never goes below', async () => {
    const people = await w.residents(100, { points: 100 });
    const item = await w.item({ stock: 10, pricePoints: 10, limitPerPerson: 1 });
    let watching = true;
    let lowest = 10;
    const watcher = (async () => {
      while (watching) {
        lowest = Math.min(lowest, (await stockOf(t.db, item.id)) ?? 0);
        await new Promise((r) => setTimeout(r, 5));
      }
    })();
    const replies = await all(people.map((p) => w.redeem(p.cookie, item.id)));
    watching = false;
    await watcher;
    expect(tally(replies)).toEqual({ ok: 10, '409 out_of_stock': 90 });
    expect(await stockOf(t.db, item.id)).toBe(0);
    expect(lowest).toBeGreaterThanOrEqual(0);
    const orders = await t.db.select().from(redemption).where(eq(redemption.itemId, item.id));
    expect(orders).toHaveLength(10);
    expect(new Set(orders.map((o) => o.accountId)).size).toBe(10);
    // Only the winners paid.
    const paid = await Promise.all(people.map((p) => balance(t.db, p.accountId)));
    expect(paid.filter((b) => b === 90)).toHaveLength(10);
    expect(paid.filter((b) => b === 100)).toHaveLength(90);
  });

  it('with several units per order, the stock is never oversold', async () => {
    const people = await w.residents(30, { points: 100 });
    const item = await w.item({ stock: 20, pricePoints: 5 });
    const replies = await all(people.map((p, i) => w.redeem(p.cookie, item.id, { quantity: 1 + (i % 3) })));
    const sold = replies.filter((r) => r.status === 200).reduce((s, r) => s + (r.body.quantity as number), 0);
    expect(sold).toBeLessThanOrEqual(20);
    expect(await stockOf(t.db, item.id)).toBe(20 - sold);
    // Whatever is left is less than the smallest refused order would have needed.
    for (const r of replies.filter((x) => x.status !== 200)) expect(r.body.error.code).toBe('out_of_stock');
  });
});

describe('per-person limit race', () => {
  it('limit 2, one resident sends 20 at once: exactly 2', async () => {
    const c = await w.resident({ points: 1000 });
    const item = await w.item({ limitPerPerson: 2, limitPeriod: 'month', pricePoints: 10 });
    const replies = await all(Array.from({ length: 20 }, () => w.redeem(c.cookie, item.id)));
    expect(tally(replies)).toEqual({ ok: 2, '409 limit_reached': 18 });
    expect(await redeemRows(c.accountId, item.id)).toHaveLength(2);
    expect(await balance(t.db, c.accountId)).toBe(980);
  });

  it('the grid worker and the elder redeeming at once together respect the elder’s limit', async () => {
    const elder = await w.resident({ points: 1000, birthYear: 1938 });
    const item = await w.item({ limitPerPerson: 1, pricePoints: 10 });
    const replies = await all(
      Array.from({ length: 10 }, (_, i) =>
        i % 2
          ? w.redeem(elder.cookie, item.id)
          : w.redeem(w.cookies.grid, item.id, { personId: elder.personId }),
      ),
    );
    expect(tally(replies)).toEqual({ ok: 1, '409 limit_reached': 9 });
  });
});

describe('idempotency race', () => {
  it('the same key 50 times at once: one order, one entry, identical replies', async () => {
    const c = await w.resident({ points: 500 });
    const item = await w.item({ stock: 10, pricePoints: 40 });
    const key = crypto.randomUUID();
    const replies = await all(
      Array.from({ length: 50 }, () => w.redeem(c.cookie, item.id, { idempotencyKey: key })),
    );
    expect(replies.every((r) => r.status === 200)).toBe(true);
    expect(new Set(replies.map((r) => r.raw.body)).size).toBe(1);
    expect(replies[0].body).toMatchObject({ state: 'issued', points: 40, balanceAfter: 460 });
    const rows = await redeemRows(c.accountId);
    expect(rows).toHaveLength(1);
    const entries = await t.db
      .select()
      .from(ledgerEntry)
      .where(and(eq(ledgerEntry.accountId, c.accountId), eq(ledgerEntry.kind, 'redeem')));
    expect(entries).toHaveLength(1);
    expect(entries[0].causeId).toBe(rows[0].id);
    expect(await balance(t.db, c.accountId)).toBe(460);
    expect(await stockOf(t.db, item.id)).toBe(9);

    // The same key with another body, even racing the same body, is refused and moves nothing.
    const mixed = await all(
      Array.from({ length: 20 }, (_, i) =>
        w.redeem(c.cookie, item.id, { idempotencyKey: key, quantity: i % 2 ? 1 : 2 }),
      ),
    );
    expect(tally(mixed)).toEqual({ ok: 10, '422 idempotency_key_reused': 10 });
    expect(await redeemRows(c.accountId)).toHaveLength(1);
    expect(await balance(t.db, c.accountId)).toBe(460);
  });

  it('a fresh key racing itself before any order exists still makes one order', async () => {
    // Ten residents, each sending their own key ten times at once: ten orders, no more.
    const people = await w.residents(10, { points: 100 });
    const item = await w.item({ stock: 100, pricePoints: 10 });
    const keys = people.map(() => crypto.randomUUID());
    const replies = await all(
      people.flatMap((p, i) =>
        Array.from({ length: 10 }, () => w.redeem(p.cookie, item.id, { idempotencyKey: keys[i] })),
      ),
    );
    expect(replies.every((r) => r.status === 200)).toBe(true);
    expect(new Set(replies.map((r) => r.body.id)).size).toBe(10);
    expect(await stockOf(t.db, item.id)).toBe(90);
  });
});

describe('voucher expiry on several nodes', () => {
  it('concurrent and repeated scheduler runs refund each overdue voucher exactly once', async () => {
    const people = await w.residents(4, { points: 200 });
    const item = await w.item({ stock: 50, pricePoints: 25, voucherValidDays: 7 });
    const issued: { r: Reply; p: Resident }[] = [];
    for (const p of people)
      for (let i = 0; i < 3; i++) issued.push({ r: await w.redeem(p.cookie, item.id), p });
    expect(issued.every((x) => x.r.status === 200)).toBe(true);
    const ids = issued.map((x) => x.r.body.id as string);
    expect(await stockOf(t.db, item.id)).toBe(38);

    const at = new Date(Date.now() + 8 * 86_400_000);
    const counts = await Promise.all(Array.from({ length: 8 }, () => expireVouchers(t.db, at)));
    expect(counts.reduce((s, n) => s + n, 0)).toBe(ids.length);
    const again = await Promise.all(Array.from({ length: 4 }, () => expireVouchers(t.db, at)));
    expect(again).toEqual([0, 0, 0, 0]);

    const refunds = await refundsOf(t.db, ids);
    expect([...refunds.values()].every((n) => n === 1)).toBe(true);
    const rows = await t.db.select().from(redemption).where(inArray(redemption.id, ids));
    expect(rows.every((r) => r.state === 'expired')).toBe(true);
    expect(await stockOf(t.db, item.id)).toBe(50);
    for (const p of people) expect(await balance(t.db, p.accountId)).toBe(200);
  });

  it('cancel, fulfil and expiry racing on one voucher: exactly one of them wins', async () => {
    for (let round = 0; round < 5; round++) {
      const c = await w.resident({ points: 100 });
      const item = await w.item({ stock: 5, pricePoints: 20, voucherValidDays: 1 });
      const r = await w.redeem(c.cookie, item.id);
      const code = r.body.voucherCode;
      const at = new Date(Date.now() + 2 * 86_400_000);
      const [cancel, fulfil, expired] = await Promise.all([
        t.call({
          method: 'POST',
          url: `/api/shop/redemptions/${r.body.id}/cancel`,
          cookie: c.cookie,
          body: { reason: '同时取消' },
        }),
        t.call({ method: 'POST', url: `/api/shop/vouchers/${code}/fulfil`, cookie: w.cookies.staffA }),
        expireVouchers(t.db, at),
      ]);
      expect(cancel.status).toBeLessThan(500);
      expect(fulfil.status).toBeLessThan(500);
      const winners = [cancel.status === 200, fulfil.status === 200, expired === 1].filter(Boolean);
      expect(winners).toHaveLength(1);
      const [row] = await t.db.select().from(redemption).where(eq(redemption.id, r.body.id));
      const refunded = (await refundsOf(t.db, [r.body.id])).get(r.body.id);
      expect(refunded).toBe(row.state === 'fulfilled' ? 0 : 1);
      expect(await balance(t.db, c.accountId)).toBe(row.state === 'fulfilled' ? 80 : 100);
      expect(await stockOf(t.db, item.id)).toBe(row.state === 'fulfilled' ? 4 : 5);
    }
  });
});
