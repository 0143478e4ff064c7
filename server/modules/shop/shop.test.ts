import { and, eq } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, testApp } from '../../../test/harness.ts';
import {
  balance,
  refundsOf,
  type ShopWorld,
  shopWorld,
  stockOf,
  userByPhone,
} from '../../../test/shop-fixtures.ts';
import { verifyAudit } from '../../platform/audit.ts';
import { auditEvent } from '../../platform/schema.ts';
import { person } from '../org/schema.ts';
import { checkLedger } from '../points/index.ts';
import { redemption, shopItem } from './schema.ts';

// The shop's API on the demo district (PGlite): the demo journey, the counter, cancelling, proxy
// redemption, who may redeem what, the catalogue, and every route's 401 / 403 / 404 before success.
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

type ItemOut = { id: string; title: string; redeemable: { ok: boolean; reason: string | null } | null };
async function catalogue(cookie: string, query = '') {
  const res = await t.call({ url: `/api/shop/items?pageSize=200${query}`, cookie });
  expect(res.status).toBe(200);
  return res.body.items as ItemOut[];
}
const byTitle = (items: ItemOut[], title: string) => {
  const found = items.find((i) => i.title === title);
  if (!found) throw new Error(`no item ${title}`);
  return found;
};

describe('田先生 redeems 家政服务 and the provider fulfils it', () => {
  it('catalogue → redeem 150 points → voucher with QR → counter sees 田*明 → fulfilled once', async () => {
    const { tian, housekeeping } = w.cookies;
    const before = await catalogue(tian);
    const hk = byTitle(before, '家政服务（2小时）');
    expect(hk.redeemable).toEqual({ ok: true, reason: null });
    expect(byTitle(before, '子女寒暑假托管（1周）').redeemable).toEqual({
      ok: false,
      reason: 'insufficient_points',
    });
    expect(byTitle(before, '困难家庭爱心粮油包').redeemable).toEqual({
      ok: false,
      reason: 'item_hardship_only',
    });
    expect(byTitle(before, '创业大巴扎摊位费减免（7天）').redeemable?.ok).toBe(true);

    const r = await w.redeem(tian, hk.id);
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({
      itemTitle: '家政服务（2小时）',
      itemKind: 'service',
      providerName: '安心家政服务社',
      points: 150,
      cashValueFen: 12000,
      state: 'issued',
      holderName: '田志明',
      proxy: false,
      balanceAfter: 0,
    });
    expect(r.body.voucherCode).toMatch(/^[0-9A-HJKMNP-TV-Z]{10}$/);
    expect(r.body.qrSvg).toContain('<svg');

    // Now spent: the housekeeping is at its monthly limit, and 100-point rice is out of reach.
    const after = await catalogue(tian);
    expect(byTitle(after, '家政服务（2小时）').redeemable).toEqual({ ok: false, reason: 'limit_reached' });
    expect(byTitle(after, '大米 5kg').redeemable).toEqual({ ok: false, reason: 'insufficient_points' });

    const code = r.body.voucherCode as string;
    const seen = await t.call({ url: `/api/shop/vouchers/${code.toLowerCase()}`, cookie: housekeeping });
    expect(seen.status).toBe(200);
    expect(Object.keys(seen.body).sort()).toEqual(
      ['expiresAt', 'fulfilledAt', 'holderName', 'itemTitle', 'quantity', 'redemptionId', 'state'].sort(),
    );
    expect(seen.body).toMatchObject({ itemTitle: '家政服务（2小时）', holderName: '田*明', state: 'issued' });
    expect(seen.raw.body).not.toContain('田志明');
    expect(seen.raw.body).not.toContain('13900000007');

    const done = await t.call({
      method: 'POST',
      url: `/api/shop/vouchers/${code}/fulfil`,
      cookie: housekeeping,
    });
    expect(done.status).toBe(200);
    expect(done.body).toMatchObject({ state: 'fulfilled', holderName: '田*明' });
    expect(done.body.fulfilledAt).not.toBeNull();
    const twice = await t.call({
      method: 'POST',
      url: `/api/shop/vouchers/${code}/fulfil`,
      cookie: housekeeping,
    });
    expect(twice.status).toBe(409);
    expect(twice.body.error.code).toBe('voucher_not_issued');

    const mine = await t.call({ url: '/api/shop/redemptions', cookie: tian });
    expect(mine.body.items.map((x: { id: string; state: string }) => [x.id, x.state])).toContainEqual([
      r.body.id,
      'fulfilled',
    ]);
    const cancel = await t.call({
      method: 'POST',
      url: `/api/shop/redemptions/${r.body.id}/cancel`,
      cookie: tian,
      body: { reason: '不需要了' },
    });
    expect(cancel.status).toBe(409);
    expect(cancel.body.error.code).toBe('voucher_not_issued');
  });
});

describe('the provider counter', () => {
  it('another provider cannot look up or fulfil a voucher: 404 voucher_not_found, and it stays issued', async () => {
    const alice = await w.resident({ points: 500 });
    const hk = await w.item({ providerId: w.housekeeping.id, kind: 'service' });
    const r = await w.redeem(alice.cookie, hk.id);
    expect(r.status).toBe(200);
    const code = r.body.voucherCode;
    const lawyer = await w.staffUser(['provider_staff'], w.lawFirm.id);
    // Law firm staff, community A's own shop staff (the voucher is not their counter's), community B
    // staff, the holder herself: none of them may see it, and none learns that it exists.
    for (const cookie of [lawyer.cookie, w.cookies.staffA, w.cookies.staffB, alice.cookie, w.cookies.grid]) {
      const look = await t.call({ url: `/api/shop/vouchers/${code}`, cookie });
      expect(look.status).toBe(404);
      expect(look.body.error.code).toBe('voucher_not_found');
      const fulfil = await t.call({ method: 'POST', url: `/api/shop/vouchers/${code}/fulfil`, cookie });
      expect(fulfil.status).toBe(404);
      expect(fulfil.body.error.code).toBe('voucher_not_found');
    }
    const unknown = await t.call({ url: '/api/shop/vouchers/ZZZZZZZZZZ', cookie: w.cookies.housekeeping });
    expect(unknown.body.error.code).toBe('voucher_not_found');
    const malformed = await t.call({ url: '/api/shop/vouchers/a-b', cookie: w.cookies.housekeeping });
    expect(malformed.status).toBe(422);
    const [row] = await t.db.select().from(redemption).where(eq(redemption.id, r.body.id));
    expect(row.state).toBe('issued');
    const own = await t.call({
      method: 'POST',
      url: `/api/shop/vouchers/${code}/fulfil`,
      cookie: w.cookies.housekeeping,
    });
    expect(own.status).toBe(200);
  });

  it("community staff fulfil their community counter's vouchers; a partner's staff cannot", async () => {
    const bob = await w.resident({ points: 100 });
    const rice = await w.item({ stock: 5 });
    const r = await w.redeem(bob.cookie, rice.id);
    const code = r.body.voucherCode;
    const hk = await t.call({
      method: 'POST',
      url: `/api/shop/vouchers/${code}/fulfil`,
      cookie: w.cookies.housekeeping,
    });
    expect(hk.status).toBe(404);
    const staffB = await t.call({
      method: 'POST',
      url: `/api/shop/vouchers/${code}/fulfil`,
      cookie: w.cookies.staffB,
    });
    expect(staffB.status).toBe(404);
    const staffA = await t.call({
      method: 'POST',
      url: `/api/shop/vouchers/${code}/fulfil`,
      cookie: w.cookies.staffA,
    });
    expect(staffA.status).toBe(200);
    expect(staffA.body.holderName).not.toBe(bob.name);
    expect(staffA.body.holderName).toMatch(/^测\*+\d$/);
    const again = await t.call({
      method: 'POST',
      url: `/api/shop/vouchers/${code}/fulfil`,
      cookie: w.cookies.staffA,
    });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('voucher_not_issued');
  });

  it('a voucher past its date cannot be fulfilled', async () => {
    const c = await w.resident({ points: 100 });
    const it = await w.item();
    const r = await w.redeem(c.cookie, it.id);
    await t.db
      .update(redemption)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(redemption.id, r.body.id));
    const res = await t.call({
      method: 'POST',
      url: `/api/shop/vouchers/${r.body.voucherCode}/fulfil`,
      cookie: w.cookies.staffA,
    });
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('voucher_expired');
  });
});

describe('cancelling', () => {
  it('before fulfilment refunds the points and returns the stock, once; after, 409', async () => {
    const c = await w.resident({ points: 200 });
    const it = await w.item({ stock: 3, pricePoints: 70 });
    const r = await w.redeem(c.cookie, it.id, { quantity: 2 });
    expect(r.status).toBe(200);
    expect(r.body.points).toBe(140);
    expect(await balance(t.db, c.accountId)).toBe(60);
    expect(await stockOf(t.db, it.id)).toBe(1);
    const url = `/api/shop/redemptions/${r.body.id}/cancel`;
    const short = await t.call({ method: 'POST', url, cookie: c.cookie, body: { reason: 'x' } });
    expect(short.status).toBe(422);
    const ok = await t.call({ method: 'POST', url, cookie: c.cookie, body: { reason: '买错了' } });
    expect(ok.status).toBe(200);
    expect(ok.body.state).toBe('cancelled');
    expect(await balance(t.db, c.accountId)).toBe(200);
    expect(await stockOf(t.db, it.id)).toBe(3);
    expect((await refundsOf(t.db, [r.body.id])).get(r.body.id)).toBe(1);
    const again = await t.call({ method: 'POST', url, cookie: c.cookie, body: { reason: '再取消一次' } });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('voucher_not_issued');
    expect((await refundsOf(t.db, [r.body.id])).get(r.body.id)).toBe(1);
    const fulfil = await t.call({
      method: 'POST',
      url: `/api/shop/vouchers/${r.body.voucherCode}/fulfil`,
      cookie: w.cookies.staffA,
    });
    expect(fulfil.status).toBe(409);
    expect(fulfil.body.error.code).toBe('voucher_not_issued');
  });

  it('a cancelled redemption no longer counts toward the per-person limit', async () => {
    const c = await w.resident({ points: 100 });
    const it = await w.item({ limitPerPerson: 1 });
    const first = await w.redeem(c.cookie, it.id);
    const second = await w.redeem(c.cookie, it.id);
    expect(second.status).toBe(409);
    expect(second.body.error.code).toBe('limit_reached');
    await t.call({
      method: 'POST',
      url: `/api/shop/redemptions/${first.body.id}/cancel`,
      cookie: c.cookie,
      body: { reason: '改天再来' },
    });
    expect((await w.redeem(c.cookie, it.id)).status).toBe(200);
  });

  it('401 signed out, 404 out of scope, 403 visible but not allowed, then staff may cancel', async () => {
    const c = await w.resident({ points: 100 });
    const other = await w.resident();
    const it = await w.item();
    const r = await w.redeem(c.cookie, it.id);
    const url = `/api/shop/redemptions/${r.body.id}/cancel`;
    const body = { reason: '工作人员取消' };
    expect((await t.call({ method: 'POST', url, body })).status).toBe(401);
    for (const cookie of [w.cookies.staffB, other.cookie]) {
      const res = await t.call({ method: 'POST', url, cookie, body });
      expect(res.status).toBe(404);
    }
    const grid = await t.call({ method: 'POST', url, cookie: w.cookies.grid, body });
    expect(grid.status).toBe(403);
    const staff = await t.call({ method: 'POST', url, cookie: w.cookies.staffA, body });
    expect(staff.status).toBe(200);
    expect(staff.body.state).toBe('cancelled');
    expect(await balance(t.db, c.accountId)).toBe(100);
  });
});

describe('proxy redemption (代兑) by the grid worker', () => {
  it('for an elderly resident: recorded as proxy, paid from their account', async () => {
    const elder = await w.resident({ points: 100, birthYear: 1940, name: '王秀兰' });
    const alone = await w.resident({ points: 100, birthYear: 1965, personTags: ['elderly_alone'] });
    const it = await w.item();
    for (const p of [elder, alone]) {
      const r = await w.redeem(w.cookies.grid, it.id, { personId: p.personId });
      expect(r.status, JSON.stringify(r.body)).toBe(200);
      expect(r.body).toMatchObject({ proxy: true, holderName: p.name, points: 30, balanceAfter: 70 });
      expect(await balance(t.db, p.accountId)).toBe(70);
      const [row] = await t.db.select().from(redemption).where(eq(redemption.id, r.body.id));
      const grid = await userByPhone(t.db, '13900000005');
      expect(row.proxyUserId).toBe(grid.id);
      expect(row.personId).toBe(p.personId);
      const [event] = await t.db
        .select()
        .from(auditEvent)
        .where(and(eq(auditEvent.subjectId, r.body.id), eq(auditEvent.action, 'shop.redeemed')));
      expect(event.actorUserId).toBe(grid.id);
      expect(event.summary).toContain('代为');
    }
    // The grid worker sees what they redeemed, and the elder sees it as theirs.
    const gridMine = await t.call({ url: '/api/shop/redemptions?mine=true', cookie: w.cookies.grid });
    expect(gridMine.body.total).toBeGreaterThanOrEqual(2);
    const gridScope = await t.call({ url: '/api/shop/redemptions?mine=false', cookie: w.cookies.grid });
    expect(gridScope.body.total).toBe(0);
    const elderMine = await t.call({ url: '/api/shop/redemptions', cookie: elder.cookie });
    expect(elderMine.body.items).toHaveLength(1);
    expect(elderMine.body.items[0].proxy).toBe(true);
  });

  it('refused for a resident who is not elderly (proxy_not_allowed); nothing moves', async () => {
    const young = await w.resident({ points: 100, birthYear: 1990 });
    const it = await w.item();
    const r = await w.redeem(w.cookies.grid, it.id, { personId: young.personId });
    expect(r.status).toBe(403);
    expect(r.body.error.code).toBe('proxy_not_allowed');
    expect(await balance(t.db, young.accountId)).toBe(100);
  });

  it('out of scope → 404 (another community, another household); a resident for a family member → 403', async () => {
    const elderB = await w.resident({ points: 100, birthYear: 1940, inCommunityB: true });
    const itB = await t.call({
      method: 'POST',
      url: '/api/shop/items',
      cookie: w.cookies.staffB,
      body: {
        providerId: (await providerOfB()).id,
        kind: 'goods',
        title: 'B社区大米',
        pricePoints: 10,
        cashValueFen: 100,
        communityIds: [w.d.communityB.id],
      },
    });
    expect(itB.status).toBe(200);
    const far = await w.redeem(w.cookies.grid, itB.body.id, { personId: elderB.personId });
    expect(far.status).toBe(404);
    const neighbour = await w.resident({ points: 100, birthYear: 1940 });
    const me = await w.resident({ points: 100 });
    const it = await w.item();
    const res = await w.redeem(me.cookie, it.id, { personId: neighbour.personId });
    expect(res.status).toBe(404);
    expect(await balance(t.db, neighbour.accountId)).toBe(100);
    const [spouse] = await t.db.select().from(person).where(eq(person.name, '李秀英')).limit(1);
    const family = await w.redeem(w.cookies.tian, it.id, { personId: spouse.id });
    expect(family.status).toBe(403);
  });
});

let bProvider: { id: string } | undefined;
async function providerOfB() {
  if (bProvider) return bProvider;
  const res = await t.call({
    method: 'POST',
    url: '/api/shop/providers',
    cookie: w.cookies.staffB,
    body: { refType: 'community', refId: w.d.communityB.id },
  });
  expect(res.status).toBe(200);
  bProvider = res.body;
  return res.body as { id: string };
}

describe('who may redeem what', () => {
  it('hardship-only items: refused to others (403 item_hardship_only), allowed to a hardship household', async () => {
    const it = await w.item({ hardshipOnly: true, stock: 5 });
    const plain = await w.resident({ points: 100 });
    const r = await w.redeem(plain.cookie, it.id);
    expect(r.status).toBe(403);
    expect(r.body.error.code).toBe('item_hardship_only');
    const poor = await w.resident({ points: 100, householdTags: ['hardship'] });
    expect((await w.redeem(poor.cookie, it.id)).status).toBe(200);
    const poorPerson = await w.resident({ points: 100, personTags: ['hardship'] });
    expect((await w.redeem(poorPerson.cookie, it.id)).status).toBe(200);
    // The demo's own 爱心粮油包 is refused to 田先生's household too.
    const demo = byTitle(await catalogue(w.cookies.staffA), '困难家庭爱心粮油包');
    const tian = await w.redeem(w.cookies.tian, demo.id);
    expect(tian.status).toBe(403);
    expect(tian.body.error.code).toBe('item_hardship_only');
  });

  it('an item not offered to the resident’s community → 403 item_not_for_community', async () => {
    const itB = await t.call({
      method: 'POST',
      url: '/api/shop/items',
      cookie: w.cookies.staffB,
      body: {
        providerId: (await providerOfB()).id,
        kind: 'service',
        title: 'B社区理发',
        pricePoints: 10,
        cashValueFen: 1000,
        communityIds: [w.d.communityB.id],
      },
    });
    const a = await w.resident({ points: 100 });
    const r = await w.redeem(a.cookie, itB.body.id);
    expect(r.status).toBe(403);
    expect(r.body.error.code).toBe('item_not_for_community');
    const itA = await w.item();
    const b = await w.resident({ points: 100, inCommunityB: true });
    const r2 = await w.redeem(b.cookie, itA.id);
    expect(r2.status).toBe(403);
    expect(r2.body.error.code).toBe('item_not_for_community');
    expect((await w.redeem(b.cookie, itB.body.id)).status).toBe(200);
  });

  it('participant types, availability, stock, limits and balance each refuse with their own code', async () => {
    const c = await w.resident({ points: 100 });
    const gig = await w.resident({ points: 100, personTags: ['gig_worker'] });
    const gigOnly = await w.item({ participants: ['gig_worker'] });
    const r1 = await w.redeem(c.cookie, gigOnly.id);
    expect([r1.status, r1.body.error.code]).toEqual([403, 'item_not_for_participant']);
    expect((await w.redeem(gig.cookie, gigOnly.id)).status).toBe(200);

    const later = await w.item({ availableFrom: new Date(Date.now() + 86_400_000).toISOString() });
    const r2 = await w.redeem(c.cookie, later.id);
    expect([r2.status, r2.body.error.code]).toEqual([409, 'item_unavailable']);
    const archived = await w.item();
    await t.call({
      method: 'PATCH',
      url: `/api/shop/items/${archived.id}`,
      cookie: w.cookies.staffA,
      body: { status: 'archived' },
    });
    const r3 = await w.redeem(c.cookie, archived.id);
    expect([r3.status, r3.body.error.code]).toEqual([409, 'item_unavailable']);

    const one = await w.item({ stock: 1, pricePoints: 10 });
    expect((await w.redeem(gig.cookie, one.id)).status).toBe(200);
    const r4 = await w.redeem(c.cookie, one.id);
    expect([r4.status, r4.body.error.code]).toEqual([409, 'out_of_stock']);
    expect(await stockOf(t.db, one.id)).toBe(0);

    const limited = await w.item({ limitPerPerson: 2, pricePoints: 5 });
    const r5 = await w.redeem(c.cookie, limited.id, { quantity: 3 });
    expect([r5.status, r5.body.error.code]).toEqual([409, 'limit_reached']);
    expect((await w.redeem(c.cookie, limited.id, { quantity: 2 })).status).toBe(200);
    const r6 = await w.redeem(c.cookie, limited.id);
    expect([r6.status, r6.body.error.code]).toEqual([409, 'limit_reached']);

    const dear = await w.item({ pricePoints: 1000 });
    const r7 = await w.redeem(c.cookie, dear.id);
    expect([r7.status, r7.body.error.code]).toEqual([409, 'insufficient_points']);
    expect(await balance(t.db, c.accountId)).toBe(90);
  });

  it('the same key returns the first result; with another body, 422 idempotency_key_reused', async () => {
    const c = await w.resident({ points: 100 });
    const it = await w.item();
    const other = await w.item();
    const key = crypto.randomUUID();
    const first = await w.redeem(c.cookie, it.id, { idempotencyKey: key });
    const again = await w.redeem(c.cookie, it.id, { idempotencyKey: key });
    expect(first.status).toBe(200);
    expect(again.status).toBe(200);
    expect(again.body).toEqual(first.body);
    for (const changed of [{ quantity: 2 }, { itemId: other.id }]) {
      const res = await w.redeem(c.cookie, it.id, { idempotencyKey: key, ...changed });
      expect(res.status).toBe(422);
      expect(res.body.error.code).toBe('idempotency_key_reused');
    }
    expect(await balance(t.db, c.accountId)).toBe(70);
    const rows = await t.db.select().from(redemption).where(eq(redemption.accountId, c.accountId));
    expect(rows).toHaveLength(1);
    // Another resident may use the same key: keys belong to an account.
    const d = await w.resident({ points: 100 });
    expect((await w.redeem(d.cookie, it.id, { idempotencyKey: key })).status).toBe(200);
  });
});

describe('the catalogue', () => {
  it("a resident sees their community's active items marked redeemable or not, with the reason", async () => {
    const c = await w.resident({ points: 100 });
    const cheap = await w.item({ pricePoints: 40 });
    const dear = await w.item({ pricePoints: 400 });
    const gone = await w.item({ stock: 0 });
    const archived = await w.item();
    await t.call({
      method: 'PATCH',
      url: `/api/shop/items/${archived.id}`,
      cookie: w.cookies.staffA,
      body: { status: 'archived' },
    });
    const items = await catalogue(c.cookie);
    const mark = (id: string) => items.find((i) => i.id === id)?.redeemable;
    expect(mark(cheap.id)).toEqual({ ok: true, reason: null });
    expect(mark(dear.id)).toEqual({ ok: false, reason: 'insufficient_points' });
    expect(mark(gone.id)).toEqual({ ok: false, reason: 'out_of_stock' });
    expect(mark(archived.id)).toBeUndefined();
    expect(items.some((i) => i.title.startsWith('B社区'))).toBe(false);
    expect(byTitle(items, '困难家庭爱心粮油包').redeemable).toEqual({
      ok: false,
      reason: 'item_hardship_only',
    });
    const affordable = await catalogue(c.cookie, '&affordable=true');
    expect(affordable.some((i) => i.id === cheap.id)).toBe(true);
    expect(affordable.some((i) => i.id === dear.id)).toBe(false);
    const everything = await catalogue(c.cookie, '&affordable=false');
    expect(everything.some((i) => i.id === dear.id)).toBe(true);
    // Staff see their scope's items, unmarked; community B's staff none of A's.
    const staff = await catalogue(w.cookies.staffA);
    expect(staff.find((i) => i.id === archived.id)?.redeemable).toBeNull();
    const staffB = await catalogue(w.cookies.staffB);
    expect(staffB.some((i) => i.id === cheap.id)).toBe(false);
  });
});

describe('route access: 401, 403, 404 out of scope, then success', () => {
  it('GET /api/shop/providers', async () => {
    const url = '/api/shop/providers';
    expect((await t.call({ url })).status).toBe(401);
    expect((await t.call({ url, cookie: w.cookies.tian })).status).toBe(403);
    expect((await t.call({ url, cookie: w.cookies.housekeeping })).status).toBe(403);
    const b = await t.call({ url, cookie: w.cookies.staffB });
    expect(b.status).toBe(200);
    expect(b.body.items.some((p: { id: string }) => p.id === w.housekeeping.id)).toBe(false);
    const a = await t.call({ url, cookie: w.cookies.staffA });
    expect(a.body.items.map((p: { name: string }) => p.name)).toEqual(
      expect.arrayContaining(['安心家政服务社', '春熙社区积分超市', '明理律师事务所']),
    );
  });

  it('POST /api/shop/providers', async () => {
    const url = '/api/shop/providers';
    const body = { refType: 'community', refId: w.d.communityA.id };
    expect((await t.call({ method: 'POST', url, body })).status).toBe(401);
    expect((await t.call({ method: 'POST', url, body, cookie: w.cookies.tian })).status).toBe(403);
    expect((await t.call({ method: 'POST', url, body, cookie: w.cookies.staffB })).status).toBe(404);
    const ok = await t.call({ method: 'POST', url, body, cookie: w.cookies.staffA });
    expect(ok.status).toBe(200);
    expect(ok.body.id).toBe(w.communityProvider.id);
  });

  it('GET /api/shop/items/:id', async () => {
    const it = await w.item();
    const url = `/api/shop/items/${it.id}`;
    expect((await t.call({ url })).status).toBe(401);
    // Provider staff reach community A but may not browse its shop; B's staff do not reach it.
    expect((await t.call({ url, cookie: w.cookies.housekeeping })).status).toBe(403);
    expect((await t.call({ url, cookie: w.cookies.staffB })).status).toBe(404);
    const b = await w.resident({ inCommunityB: true });
    expect((await t.call({ url, cookie: b.cookie })).status).toBe(404);
    expect(
      (await t.call({ url: `/api/shop/items/${crypto.randomUUID()}`, cookie: w.cookies.staffA })).status,
    ).toBe(404);
    const mine = await t.call({ url, cookie: w.cookies.tian });
    expect(mine.status).toBe(200);
    expect(mine.body.redeemable).not.toBeNull();
    expect((await t.call({ url, cookie: w.cookies.districtAdmin })).status).toBe(200);
  });

  it('GET /api/shop/items', async () => {
    expect((await t.call({ url: '/api/shop/items' })).status).toBe(401);
    // Signed in without any shop role: an empty list, not an error.
    const dept = await t.call({ url: '/api/shop/items', cookie: w.cookies.department });
    expect(dept.status).toBe(200);
    expect(dept.body.items).toEqual([]);
    expect((await catalogue(w.cookies.districtAdmin)).length).toBeGreaterThan(0);
  });

  it('POST /api/shop/items', async () => {
    const url = '/api/shop/items';
    const body = {
      providerId: w.communityProvider.id,
      kind: 'goods',
      title: '洗衣液',
      pricePoints: 20,
      cashValueFen: 1500,
      stock: 10,
      communityIds: [w.d.communityA.id],
    };
    expect((await t.call({ method: 'POST', url, body })).status).toBe(401);
    expect((await t.call({ method: 'POST', url, body, cookie: w.cookies.tian })).status).toBe(403);
    expect((await t.call({ method: 'POST', url, body, cookie: w.cookies.housekeeping })).status).toBe(403);
    expect((await t.call({ method: 'POST', url, body, cookie: w.cookies.staffB })).status).toBe(404);
    // Staff of A may not offer an item to community B.
    const wider = await t.call({
      method: 'POST',
      url,
      body: { ...body, communityIds: [w.d.communityA.id, w.d.communityB.id] },
      cookie: w.cookies.staffA,
    });
    expect(wider.status).toBe(404);
    const noDays = await t.call({
      method: 'POST',
      url,
      body: { ...body, kind: 'privilege' },
      cookie: w.cookies.staffA,
    });
    expect(noDays.status).toBe(422);
    const ok = await t.call({ method: 'POST', url, body, cookie: w.cookies.staffA });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ title: '洗衣液', stock: 10, allowed: ['shop:manage'] });
  });

  it('PATCH /api/shop/items/:id', async () => {
    const it = await w.item({ stock: 2 });
    const url = `/api/shop/items/${it.id}`;
    const body = { stockDelta: 5 };
    expect((await t.call({ method: 'PATCH', url, body })).status).toBe(401);
    expect((await t.call({ method: 'PATCH', url, body, cookie: w.cookies.tian })).status).toBe(403);
    expect((await t.call({ method: 'PATCH', url, body, cookie: w.cookies.staffB })).status).toBe(404);
    const ok = await t.call({ method: 'PATCH', url, body, cookie: w.cookies.staffA });
    expect(ok.status).toBe(200);
    expect(ok.body.stock).toBe(7);
    const below = await t.call({ method: 'PATCH', url, body: { stockDelta: -8 }, cookie: w.cookies.staffA });
    expect(below.status).toBe(409);
    expect(below.body.error.code).toBe('stock_negative');
    expect(await stockOf(t.db, it.id)).toBe(7);
    // Below the API, the database itself refuses negative stock.
    await expect(t.db.update(shopItem).set({ stock: -1 }).where(eq(shopItem.id, it.id))).rejects.toThrow();
  });

  it('POST /api/shop/redemptions', async () => {
    const it = await w.item();
    const body = { itemId: it.id, quantity: 1, idempotencyKey: crypto.randomUUID() };
    const url = '/api/shop/redemptions';
    expect((await t.call({ method: 'POST', url, body })).status).toBe(401);
    // Shop staff and provider staff do not redeem.
    expect((await t.call({ method: 'POST', url, body, cookie: w.cookies.staffA })).status).toBe(403);
    expect((await t.call({ method: 'POST', url, body, cookie: w.cookies.housekeeping })).status).toBe(403);
    const c = await w.resident({ points: 50 });
    const missing = await w.redeem(c.cookie, crypto.randomUUID());
    expect(missing.status).toBe(404);
    const badKey = await w.redeem(c.cookie, it.id, { idempotencyKey: 'short' });
    expect(badKey.status).toBe(422);
    // The grid worker, without personId, is nobody to redeem for.
    expect((await w.redeem(w.cookies.grid, it.id)).status).toBe(422);
    const ok = await w.redeem(c.cookie, it.id);
    expect(ok.status).toBe(200);
    expect(ok.body.balanceAfter).toBe(20);
  });

  it('GET /api/shop/redemptions and /:id', async () => {
    const c = await w.resident({ points: 50 });
    const other = await w.resident();
    const it = await w.item();
    const r = await w.redeem(c.cookie, it.id);
    const url = `/api/shop/redemptions/${r.body.id}`;
    expect((await t.call({ url })).status).toBe(401);
    expect((await t.call({ url: '/api/shop/redemptions' })).status).toBe(401);
    expect((await t.call({ url, cookie: w.cookies.grid })).status).toBe(403);
    expect((await t.call({ url, cookie: w.cookies.staffB })).status).toBe(404);
    expect((await t.call({ url, cookie: other.cookie })).status).toBe(404);
    expect(
      (await t.call({ url: `/api/shop/redemptions/${crypto.randomUUID()}`, cookie: c.cookie })).status,
    ).toBe(404);
    const own = await t.call({ url, cookie: c.cookie });
    expect(own.status).toBe(200);
    expect(own.body.id).toBe(r.body.id);
    const staff = await t.call({ url, cookie: w.cookies.staffA });
    expect(staff.status).toBe(200);
    expect(staff.body.allowed).toEqual(['shop:manage']);

    const ids = async (cookie: string, q = '') =>
      (
        (await t.call({ url: `/api/shop/redemptions?pageSize=200${q}`, cookie })).body.items as {
          id: string;
        }[]
      ).map((x) => x.id);
    expect(await ids(other.cookie)).toEqual([]);
    expect(await ids(c.cookie)).toEqual([r.body.id]);
    expect(await ids(w.cookies.staffB)).not.toContain(r.body.id);
    expect(await ids(w.cookies.staffA, `&itemId=${it.id}`)).toEqual([r.body.id]);
    expect(await ids(w.cookies.staffA, `&itemId=${it.id}&state=cancelled`)).toEqual([]);
  });
});

describe('refund bookkeeping', () => {
  it('issued redemptions are backed by exactly one redeem entry each', async () => {
    const rows = await t.db.select().from(redemption);
    expect(rows.length).toBeGreaterThan(10);
    const refunds = await refundsOf(
      t.db,
      rows.map((r) => r.id),
    );
    for (const r of rows) {
      expect(refunds.get(r.id)).toBe(r.state === 'cancelled' || r.state === 'expired' ? 1 : 0);
    }
  });
});
