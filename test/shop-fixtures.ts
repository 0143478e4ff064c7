import { count, eq, sql } from 'drizzle-orm';
import { expect } from 'vitest';
import type { Db, Executor } from '../server/db/client.ts';
import { orgUnit } from '../server/modules/org/schema.ts';
import { ensurePersonAccount, postEntry } from '../server/modules/points/index.ts';
import { ledgerEntry, pointsAccount } from '../server/modules/points/schema.ts';
import { redemption, shopItem, shopProvider } from '../server/modules/shop/schema.ts';
import type { Actor } from '../server/platform/access.ts';
import { hashPassword } from '../server/platform/password.ts';
import { auditEvent, userAccount } from '../server/platform/schema.ts';
import { createSession, loadActor } from '../server/platform/sessions.ts';
import { createUser } from '../server/platform/users.ts';
import type { Role } from '../common/roles.ts';
import { demoLandmarks } from './demo-ids.ts';
import type { TestApp } from './harness.ts';

/** Demo phones the shop tests sign in as. */
export const PHONES = {
  districtAdmin: '13900000001',
  staffA: '13900000003',
  staffB: '13900000004',
  grid: '13900000005',
  tian: '13900000007',
  department: '13900000008',
  housekeeping: '13900000009',
} as const;

const DAY = 86_400_000;
const POLICY = { idleMs: DAY, absoluteMs: DAY };

/** A session cookie for a user without the cost of an argon2 login (races need hundreds). */
export async function cookieFor(db: Executor, userId: string): Promise<string> {
  const { token } = await createSession(db, userId, POLICY, {});
  return `linli_session=${token}`;
}

export async function userByPhone(db: Executor, phone: string) {
  const [u] = await db.select().from(userAccount).where(eq(userAccount.phone, phone));
  if (!u) throw new Error(`no user ${phone}`);
  return u;
}

/** The actor behind a phone, for calling commands directly (the atomicity tests). */
export async function actorByPhone(db: Executor, phone: string): Promise<Actor> {
  return loadActor(db, await userByPhone(db, phone), null);
}

export async function actorById(db: Executor, userId: string): Promise<Actor> {
  const [u] = await db.select().from(userAccount).where(eq(userAccount.id, userId));
  return loadActor(db, u, null);
}

/** Gives (or takes, if negative) points by an adjustment entry, as the committee would. */
export async function grantPoints(db: Db, personId: string, amount: number): Promise<string> {
  return db.transaction(async (tx) => {
    const account = await ensurePersonAccount(tx, personId);
    if (amount !== 0) {
      const id = crypto.randomUUID();
      await postEntry(tx, {
        accountId: account.id,
        kind: 'adjust',
        amount,
        causeType: 'adjustment',
        causeId: id,
        idempotencyKey: `test-grant:${id}`,
        note: '测试发放积分',
      });
    }
    return account.id;
  });
}

export async function balance(db: Executor, accountId: string): Promise<number> {
  const [a] = await db
    .select({ b: pointsAccount.balance })
    .from(pointsAccount)
    .where(eq(pointsAccount.id, accountId));
  return a.b;
}

export async function stockOf(db: Executor, itemId: string): Promise<number | null> {
  const [i] = await db.select({ s: shopItem.stock }).from(shopItem).where(eq(shopItem.id, itemId));
  return i.s;
}

export type Resident = {
  personId: string;
  householdId: string;
  userId: string;
  accountId: string;
  cookie: string;
  name: string;
};

export type ShopWorld = Awaited<ReturnType<typeof shopWorld>>;

/**
 * What the shop tests need from the demo district: landmarks, signed-in cookies of the demo roles,
 * the providers of community A, and factories for residents and items.
 */
export async function shopWorld(t: TestApp) {
  const d = await demoLandmarks(t.db);
  const cookies = {} as Record<keyof typeof PHONES, string>;
  for (const [k, phone] of Object.entries(PHONES))
    cookies[k as keyof typeof PHONES] = await cookieFor(t.db, (await userByPhone(t.db, phone)).id);
  const providers = await t.db.select().from(shopProvider);
  const provider = (name: string) => {
    const p = providers.find((x) => x.name === name);
    if (!p) throw new Error(`no provider ${name}`);
    return p;
  };
  const communityProvider = provider('春熙社区积分超市');
  const housekeeping = provider('安心家政服务社');
  const lawFirm = provider('明理律师事务所');
  const [building] = await t.db.select().from(orgUnit).where(eq(orgUnit.path, d.ownHousehold.orgPath));
  const [buildingB] = await t.db
    .select()
    .from(orgUnit)
    .where(sql`${orgUnit.kind} = 'building' and ${orgUnit.path} like ${`${d.communityB.path}%`}`)
    .limit(1);
  const passwordHash = await hashPassword('Linli@2026');
  let seq = 0;
  const tag = Math.random().toString(36).slice(2, 6);

  /** A new household and person in a building (community A's by default) with a resident account. */
  async function resident(
    opts: {
      points?: number;
      name?: string;
      birthYear?: number;
      personTags?: string[];
      householdTags?: string[];
      inCommunityB?: boolean;
    } = {},
  ): Promise<Resident> {
    const n = ++seq;
    const b = opts.inCommunityB ? buildingB : building;
    const staff = opts.inCommunityB ? cookies.staffB : cookies.staffA;
    const h = await t.call({
      method: 'POST',
      url: '/api/households',
      cookie: staff,
      body: { buildingId: b.id, unitNo: '9', room: `T${tag}${n}`, tags: opts.householdTags ?? [] },
    });
    expect(h.status, JSON.stringify(h.body)).toBe(200);
    const name = opts.name ?? `测试居民${n}`;
    const p = await t.call({
      method: 'POST',
      url: '/api/persons',
      cookie: staff,
      body: {
        orgUnitId: b.id,
        name,
        birthYear: opts.birthYear ?? 1985,
        tags: opts.personTags ?? [],
        householdId: h.body.id,
        relation: 'head',
      },
    });
    expect(p.status, JSON.stringify(p.body)).toBe(200);
    const userId = await createUser(t.db, {
      phone: `137${String(Math.floor(Math.random() * 1e4)).padStart(4, '0')}${String(n).padStart(4, '0')}`,
      displayName: name,
      passwordHash,
      personId: p.body.id,
      grants: [{ role: 'resident', orgUnitId: b.id, orgPath: b.path, householdId: h.body.id }],
    });
    const accountId = await grantPoints(t.db, p.body.id, opts.points ?? 0);
    return {
      personId: p.body.id,
      householdId: h.body.id,
      userId,
      accountId,
      cookie: await cookieFor(t.db, userId),
      name,
    };
  }

  /** Many residents, created a few at a time. */
  async function residents(n: number, opts: Parameters<typeof resident>[0] = {}): Promise<Resident[]> {
    const out: Resident[] = [];
    while (out.length < n) {
      const batch = Math.min(10, n - out.length);
      out.push(...(await Promise.all(Array.from({ length: batch }, () => resident(opts)))));
    }
    return out;
  }

  /** A staff account with roles in community A (or a provider's counter). */
  async function staffUser(roles: Role[], providerId?: string) {
    const n = ++seq;
    const userId = await createUser(t.db, {
      phone: `136${String(Math.floor(Math.random() * 1e4)).padStart(4, '0')}${String(n).padStart(4, '0')}`,
      displayName: `测试职员${n}`,
      passwordHash,
      grants: roles.map((role) => ({
        role,
        orgUnitId: d.communityA.id,
        orgPath: d.communityA.path,
        providerId: providerId ?? null,
      })),
    });
    return { userId, cookie: await cookieFor(t.db, userId) };
  }

  /** An item of community A's own counter by default, created through the API as community staff. */
  async function item(overrides: Record<string, unknown> = {}) {
    const res = await t.call({
      method: 'POST',
      url: '/api/shop/items',
      cookie: cookies.staffA,
      body: {
        providerId: communityProvider.id,
        kind: 'goods',
        title: `测试商品${++seq}`,
        pricePoints: 30,
        cashValueFen: 2000,
        communityIds: [d.communityA.id],
        ...overrides,
      },
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return res.body as { id: string; title: string; pricePoints: number; stock: number | null };
  }

  function redeem(cookie: string, itemId: string, extra: Record<string, unknown> = {}) {
    return t.call({
      method: 'POST',
      url: '/api/shop/redemptions',
      cookie,
      body: { itemId, quantity: 1, idempotencyKey: crypto.randomUUID(), ...extra },
    });
  }

  return {
    d,
    cookies,
    communityProvider,
    housekeeping,
    lawFirm,
    building,
    buildingB,
    resident,
    residents,
    staffUser,
    item,
    redeem,
  };
}

/** Everything a redemption touches, to prove all-or-nothing. */
export async function shopSnapshot(db: Executor, accountId: string, itemId: string) {
  const [[r], [e], [a]] = await Promise.all([
    db.select({ n: count() }).from(redemption).where(eq(redemption.accountId, accountId)),
    db.select({ n: count() }).from(ledgerEntry).where(eq(ledgerEntry.accountId, accountId)),
    db.select({ n: count() }).from(auditEvent),
  ]);
  return {
    balance: await balance(db, accountId),
    stock: await stockOf(db, itemId),
    redemptions: r.n,
    entries: e.n,
    auditEvents: a.n,
  };
}

/** Refund entries of each redemption, by redemption id. */
export async function refundsOf(db: Executor, redemptionIds: string[]): Promise<Map<string, number>> {
  const rows = await db
    .select({ causeId: ledgerEntry.causeId, n: count() })
    .from(ledgerEntry)
    .where(sql`${ledgerEntry.kind} = 'refund' and ${ledgerEntry.causeType} = 'redemption'`)
    .groupBy(ledgerEntry.causeId);
  const byId = new Map(rows.map((r) => [r.causeId, r.n]));
  return new Map(redemptionIds.map((id) => [id, byId.get(id) ?? 0]));
}
