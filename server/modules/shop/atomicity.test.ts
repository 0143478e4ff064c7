import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, testApp } from '../../../test/harness.ts';
import {
  actorById,
  actorByPhone,
  type ShopWorld,
  shopSnapshot,
  shopWorld,
} from '../../../test/shop-fixtures.ts';
import { verifyAudit } from '../../platform/audit.ts';
import { checkLedger } from '../points/index.ts';
import { REDEEM_STEPS, type RedeemStep, redeem } from './redemptions.ts';

// All or nothing: a failure injected after any step of a redemption rolls back every step before it.
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

class Injected extends Error {}

const asActor = (userId: string) => actorById(t.db, userId);

describe('a redemption is all or nothing', () => {
  it.each(REDEEM_STEPS.map((s) => [s]))('a failure after %s leaves everything unchanged', async (step) => {
    const c = await w.resident({ points: 100 });
    const item = await w.item({ stock: 5, pricePoints: 30 });
    const actor = await asActor(c.userId);
    const before = await shopSnapshot(t.db, c.accountId, item.id);
    const seen: RedeemStep[] = [];
    await expect(
      t.db.transaction((tx) =>
        redeem(
          { actor, tx },
          { itemId: item.id, quantity: 2, idempotencyKey: crypto.randomUUID() },
          {
            after: (s) => {
              seen.push(s);
              if (s === step) throw new Injected(s);
            },
          },
        ),
      ),
    ).rejects.toBeInstanceOf(Injected);
    // The injection really happened at that step, after every earlier one.
    expect(seen).toEqual(REDEEM_STEPS.slice(0, REDEEM_STEPS.indexOf(step) + 1));
    expect(await shopSnapshot(t.db, c.accountId, item.id)).toEqual(before);
  });

  it('a grid worker’s proxy redemption failing after the audit leaves nothing either', async () => {
    const elder = await w.resident({ points: 100, birthYear: 1940 });
    const item = await w.item({ stock: 5 });
    const grid = await actorByPhone(t.db, '13900000005');
    const before = await shopSnapshot(t.db, elder.accountId, item.id);
    await expect(
      t.db.transaction((tx) =>
        redeem(
          { actor: grid, tx },
          { itemId: item.id, quantity: 1, idempotencyKey: crypto.randomUUID(), personId: elder.personId },
          {
            after: (s) => {
              if (s === 'audited') throw new Injected(s);
            },
          },
        ),
      ),
    ).rejects.toBeInstanceOf(Injected);
    expect(await shopSnapshot(t.db, elder.accountId, item.id)).toEqual(before);
  });

  it('with no failure everything changes together, through every step in order', async () => {
    const c = await w.resident({ points: 100 });
    const item = await w.item({ stock: 5, pricePoints: 30 });
    const actor = await asActor(c.userId);
    const before = await shopSnapshot(t.db, c.accountId, item.id);
    const seen: RedeemStep[] = [];
    const out = await t.db.transaction((tx) =>
      redeem(
        { actor, tx },
        { itemId: item.id, quantity: 2, idempotencyKey: crypto.randomUUID() },
        { after: (s) => void seen.push(s) },
      ),
    );
    expect(seen).toEqual([...REDEEM_STEPS]);
    expect(out).toMatchObject({ points: 60, balanceAfter: 40, state: 'issued', quantity: 2 });
    expect(await shopSnapshot(t.db, c.accountId, item.id)).toEqual({
      balance: before.balance - 60,
      stock: (before.stock ?? 0) - 2,
      redemptions: before.redemptions + 1,
      entries: before.entries + 1,
      auditEvents: before.auditEvents + 1,
    });
  });

  it('a retry after an injected failure succeeds once, as if the first try never happened', async () => {
    const c = await w.resident({ points: 100 });
    const item = await w.item({ stock: 1, limitPerPerson: 1 });
    const actor = await asActor(c.userId);
    const body = { itemId: item.id, quantity: 1, idempotencyKey: crypto.randomUUID() };
    await expect(
      t.db.transaction((tx) =>
        redeem({ actor, tx }, body, {
          after: (s) => {
            if (s === 'voucher_issued') throw new Injected(s);
          },
        }),
      ),
    ).rejects.toBeInstanceOf(Injected);
    const retry = await w.redeem(c.cookie, item.id, { idempotencyKey: body.idempotencyKey });
    expect(retry.status).toBe(200);
    expect(retry.body.balanceAfter).toBe(70);
    expect(await shopSnapshot(t.db, c.accountId, item.id)).toMatchObject({
      balance: 70,
      stock: 0,
      redemptions: 1,
      entries: 2,
    });
  });
});
