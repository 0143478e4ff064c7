import type pg from 'pg';
import { loadConfig } from '../server/config.ts';
import type { Database } from '../server/db/client.ts';
import { ensurePersonAccount, postEntry } from '../server/modules/points/index.ts';
import { hashPassword } from '../server/platform/password.ts';
import { createSession } from '../server/platform/sessions.ts';
import { createUser } from '../server/platform/users.ts';
import { bounded } from './burst.ts';
import { BENCH_PASSWORD } from './database.ts';

/**
 * Everything the flash sale needs before the clock starts: residents with accounts, points and
 * sessions, and the items. Residents are made once and reused by later runs; sessions and items are
 * new each run.
 */

export type Buyer = {
  index: number;
  phone: string;
  userId: string;
  personId: string;
  householdId: string;
  accountId: string;
  cookie: string;
};

/** Bench residents sign in as 199xxxxxxxx: a range no generated person's phone uses. */
export function buyerPhone(i: number): string {
  return `199${String(i).padStart(8, '0')}`;
}

/** Balance each buyer is topped up to when it falls below TOPUP_BELOW (a winner spends one price). */
const TOPUP_TO = 1000;
const TOPUP_BELOW = 500;

type Candidate = {
  person_id: string;
  name: string;
  household_id: string;
  building_id: string;
  org_path: string;
};

/** The heads of the first N households of the community (by id): N distinct people in N homes. */
async function candidates(pool: pg.Pool, communityPath: string, n: number): Promise<Candidate[]> {
  const { rows } = await pool.query<Candidate>(
    `select p.id as person_id, p.name, h.id as household_id, h.building_id, h.org_path
     from household h
     join household_member m on m.household_id = h.id and m.relation = 'head'
     join person p on p.id = m.person_id
     where h.org_path like $1 || '%'
     order by h.id
     limit $2`,
    [communityPath, n],
  );
  if (rows.length < n) throw new Error(`the community has only ${rows.length} households; need ${n}`);
  return rows;
}

export type ResidentSetup = {
  buyers: Omit<Buyer, 'cookie'>[];
  created: number;
  toppedUp: number;
  seconds: number;
};

/**
 * Makes (or finds) a user with a resident grant for each candidate, opens each person's points
 * account, and tops it up with an `adjust` entry through the ledger's own postEntry.
 */
export async function ensureResidents(
  database: Database,
  communityPath: string,
  n: number,
): Promise<ResidentSetup> {
  const started = performance.now();
  const pool = database.pool!;
  const people = await candidates(pool, communityPath, n);
  const phones = people.map((_, i) => buyerPhone(i));
  const { rows: existing } = await pool.query<{ phone: string; id: string; person_id: string | null }>(
    'select phone, id, person_id from user_account where phone = any($1)',
    [phones],
  );
  const byPhone = new Map(existing.map((u) => [u.phone, u]));
  const passwordHash = await hashPassword(BENCH_PASSWORD);
  let created = 0;
  let toppedUp = 0;
  const buyers = await database.db.transaction(async (tx) => {
    const out: Omit<Buyer, 'cookie'>[] = [];
    for (const [i, p] of people.entries()) {
      const phone = phones[i];
      const found = byPhone.get(phone);
      if (found && found.person_id !== p.person_id)
        throw new Error(`${phone} belongs to another person: regenerate the district (generate.ts --reset)`);
      let userId = found?.id;
      if (!userId) {
        userId = await createUser(tx, {
          phone,
          passwordHash,
          displayName: p.name,
          personId: p.person_id,
          grants: [
            { role: 'resident', orgUnitId: p.building_id, orgPath: p.org_path, householdId: p.household_id },
          ],
        });
        created++;
      }
      const account = await ensurePersonAccount(tx, p.person_id);
      if (account.balance < TOPUP_BELOW) {
        await postEntry(tx, {
          accountId: account.id,
          kind: 'adjust',
          amount: TOPUP_TO - account.balance,
          causeType: 'adjustment',
          causeId: 'bench-flash-sale',
          idempotencyKey: `bench-flash-topup:${account.id}:${crypto.randomUUID()}`,
          note: '压测：秒杀前充值积分',
        });
        toppedUp++;
      }
      out.push({
        index: i,
        phone,
        userId,
        personId: p.person_id,
        householdId: p.household_id,
        accountId: account.id,
      });
    }
    return out;
  });
  return { buyers, created, toppedUp, seconds: (performance.now() - started) / 1000 };
}

export type SessionMode = 'direct' | 'login';

/**
 * `direct`: session rows written with the server's own createSession (what login does after the
 * password check), 1,000 in about a second. `login`: POST /api/auth/login for each, eight at a time
 * (argon2 holds that to 40–80 a second on two cores).
 */
export async function openSessions(
  database: Database,
  linli: string,
  buyers: Omit<Buyer, 'cookie'>[],
  mode: SessionMode,
): Promise<{ buyers: Buyer[]; seconds: number }> {
  const started = performance.now();
  const config = loadConfig();
  const policy = { idleMs: config.sessionIdleMs, absoluteMs: config.sessionAbsoluteMs };
  const cookies = await bounded(buyers, mode === 'direct' ? 4 : 8, async (b) => {
    if (mode === 'direct') {
      const { token } = await createSession(database.db, b.userId, policy, {
        ip: '127.0.0.1',
        userAgent: 'bench flash-sale',
      });
      return `linli_session=${token}`;
    }
    const res = await fetch(`${linli}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'user-agent': 'bench flash-sale' },
      body: JSON.stringify({ phone: b.phone, password: BENCH_PASSWORD }),
    });
    if (res.status !== 200) throw new Error(`login ${b.phone}: ${res.status} ${await res.text()}`);
    const pair = res.headers
      .getSetCookie()
      .map((c) => c.split(';')[0])
      .find((c) => c.startsWith('linli_session='));
    if (!pair) throw new Error(`login ${b.phone}: no linli_session cookie`);
    return pair;
  });
  return {
    buyers: buyers.map((b, i) => ({ ...b, cookie: cookies[i] })),
    seconds: (performance.now() - started) / 1000,
  };
}

/** Ends the run's sessions, so runs do not pile up live sessions in the bench database. */
export async function endSessions(pool: pg.Pool, buyers: Buyer[]): Promise<void> {
  await pool.query(
    `update session set ended_at = now() where user_id = any($1) and ended_at is null and user_agent = 'bench flash-sale'`,
    [buyers.map((b) => b.userId)],
  );
}

/** A JSON call as the staff member; throws on anything but 200. */
async function staffCall<T>(
  linli: string,
  cookie: string,
  method: string,
  path: string,
  body: unknown,
): Promise<T> {
  const res = await fetch(`${linli}${path}`, {
    method,
    headers: { 'content-type': 'application/json', cookie },
    body: JSON.stringify(body),
  });
  const text = await res.text();
  if (res.status !== 200) throw new Error(`${method} ${path}: ${res.status} ${text.slice(0, 300)}`);
  return JSON.parse(text) as T;
}

/** The community's own counter (积分超市), registered through the API as a shop manager would. */
export async function communityProvider(
  linli: string,
  staffCookie: string,
  communityId: string,
): Promise<string> {
  const p = await staffCall<{ id: string }>(linli, staffCookie, 'POST', '/api/shop/providers', {
    refType: 'community',
    refId: communityId,
  });
  return p.id;
}

export type FlashItem = { id: string; title: string; stock: number; pricePoints: number };

/** A goods item through POST /api/shop/items: the given stock, one per person, ever. */
export async function createItem(
  linli: string,
  staffCookie: string,
  providerId: string,
  communityId: string,
  spec: { title: string; stock: number; pricePoints: number },
): Promise<FlashItem> {
  const item = await staffCall<{ id: string; stock: number; pricePoints: number; title: string }>(
    linli,
    staffCookie,
    'POST',
    '/api/shop/items',
    {
      providerId,
      kind: 'goods',
      title: spec.title,
      description: '压测用：秒杀库存',
      pricePoints: spec.pricePoints,
      cashValueFen: 3000,
      stock: spec.stock,
      limitPerPerson: 1,
      limitPeriod: 'ever',
      communityIds: [communityId],
    },
  );
  return { id: item.id, title: item.title, stock: item.stock, pricePoints: item.pricePoints };
}

/** Takes a sold-out bench item off the residents' catalogue. */
export async function archiveItem(linli: string, staffCookie: string, itemId: string): Promise<void> {
  await staffCall(linli, staffCookie, 'PATCH', `/api/shop/items/${itemId}`, { status: 'archived' });
}
