import type pg from 'pg';
import type { Database } from '../server/db/client.ts';
import { verifyAudit } from '../server/platform/audit.ts';
import type { BurstResult } from './burst.ts';
import type { Buyer, FlashItem } from './flash-setup.ts';

/** One fact checked after a round: what it should be, what it was. */
export type Check = { name: string; expected: string; actual: string; ok: boolean };

function check(name: string, expected: number | string, actual: number | string): Check {
  return {
    name,
    expected: String(expected),
    actual: String(actual),
    ok: String(expected) === String(actual),
  };
}

/** What the round starts from: the buyers' balances and the ledger's high-water mark. */
export type Snapshot = { balances: Map<string, number>; ledgerMaxId: number };

export async function snapshot(pool: pg.Pool, buyers: Buyer[]): Promise<Snapshot> {
  const accounts = buyers.map((b) => b.accountId);
  const { rows } = await pool.query<{ id: string; balance: number }>(
    'select id, balance from points_account where id = any($1)',
    [accounts],
  );
  const {
    rows: [max],
  } = await pool.query<{ id: string }>('select coalesce(max(id), 0) as id from ledger_entry');
  return { balances: new Map(rows.map((r) => [r.id, r.balance])), ledgerMaxId: Number(max.id) };
}

const count = async (pool: pg.Pool, text: string, values: unknown[] = []): Promise<number> => {
  const { rows } = await pool.query<{ n: string }>(text, values);
  return Number(rows[0].n);
};

/** The answers first (status and error code of each of the 1,000), then the database. */
export async function verifyRound(
  database: Database,
  item: FlashItem,
  buyers: Buyer[],
  before: Snapshot,
  result: BurstResult,
): Promise<Check[]> {
  const pool = database.pool!;
  const losers = buyers.length - item.stock;
  const ok200 = result.responses.filter((r) => r.status === 200);
  const clean409 = result.responses.filter((r) => r.status === 409 && r.body.includes('"out_of_stock"'));
  const fivexx = result.responses.filter((r) => r.status >= 500).length;
  const checks: Check[] = [
    check('HTTP 200 (voucher issued)', item.stock, ok200.length),
    check('HTTP 409 out_of_stock', losers, clean409.length),
    check('HTTP 5xx', 0, fivexx),
    check('other answers or transport errors', 0, buyers.length - ok200.length - clean409.length - fivexx),
  ];

  const { rows: reds } = await pool.query<{
    id: string;
    account_id: string;
    quantity: number;
    voucher_code: string;
  }>('select id, account_id, quantity, voucher_code from redemption where item_id = $1', [item.id]);
  checks.push(check('redemptions of the item', item.stock, reds.length));
  checks.push(
    check(
      'quantity redeemed',
      item.stock,
      reds.reduce((s, r) => s + r.quantity, 0),
    ),
  );
  checks.push(check('distinct buyers among them', item.stock, new Set(reds.map((r) => r.account_id)).size));
  const {
    rows: [row],
  } = await pool.query<{ stock: number }>('select stock from shop_item where id = $1', [item.id]);
  checks.push(check('stock left', 0, row.stock));

  // Every voucher the clients were given is a row, and every row was answered to its client.
  const answered = new Set(ok200.map((r) => (JSON.parse(r.body) as { id: string }).id));
  const stored = new Set(reds.map((r) => r.id));
  const unmatched =
    [...answered].filter((id) => !stored.has(id)).length +
    [...stored].filter((id) => !answered.has(id)).length;
  checks.push(check('answered vouchers ≠ stored redemptions', 0, unmatched));

  const ids = reds.map((r) => r.id);
  checks.push(
    check(
      'redeem entries for the item (−price each)',
      item.stock,
      await count(
        pool,
        `select count(*) as n from ledger_entry
         where cause_type = 'redemption' and kind = 'redeem' and amount = $2 and cause_id = any($1)`,
        [ids, -item.pricePoints],
      ),
    ),
  );
  // Whatever the round wrote to the buyers' accounts: exactly one redeem entry per redemption of the item.
  checks.push(
    check(
      'new entries on the buyers’ accounts',
      item.stock,
      await count(pool, 'select count(*) as n from ledger_entry where id > $1 and account_id = any($2)', [
        before.ledgerMaxId,
        buyers.map((b) => b.accountId),
      ]),
    ),
  );
  checks.push(
    check(
      'redemption entries without a redemption (whole ledger)',
      0,
      await count(
        pool,
        `select count(*) as n from ledger_entry e
         where e.cause_type = 'redemption' and not exists (select 1 from redemption r where r.id::text = e.cause_id)`,
      ),
    ),
  );

  const { rows: after } = await pool.query<{ id: string; balance: number; sum: string }>(
    `select a.id, a.balance, coalesce(sum(e.amount), 0) as sum
     from points_account a left join ledger_entry e on e.account_id = a.id
     where a.id = any($1) group by a.id`,
    [buyers.map((b) => b.accountId)],
  );
  const winners = new Set(reds.map((r) => r.account_id));
  const wrongDelta = after.filter((a) => {
    const delta = a.balance - (before.balances.get(a.id) ?? Number.NaN);
    return delta !== (winners.has(a.id) ? -item.pricePoints : 0);
  }).length;
  checks.push(check('balances not moved by exactly −price (winners) or 0 (losers)', 0, wrongDelta));
  checks.push(
    check(
      'balance ≠ sum of entries (buyers’ accounts)',
      0,
      after.filter((a) => a.balance !== Number(a.sum)).length,
    ),
  );

  checks.push(
    check(
      'shop.redeemed audit events',
      item.stock,
      await count(
        pool,
        `select count(*) as n from audit_event where action = 'shop.redeemed' and subject_id = any($1)`,
        [ids],
      ),
    ),
  );
  const audit = await verifyAudit(database.db);
  checks.push(
    check('audit chain verifies', 'ok', audit.ok ? 'ok' : `broken at seq ${audit.seq}: ${audit.reason}`),
  );
  return checks;
}

/** The bare flash-sale endpoint's round: 50 decrements, then 409s, and the stock at zero. */
export async function verifyBareRound(pool: pg.Pool, item: FlashItem, result: BurstResult): Promise<Check[]> {
  const {
    rows: [row],
  } = await pool.query<{ stock: number }>('select stock from shop_item where id = $1', [item.id]);
  return [
    check('bare: HTTP 200', item.stock, result.statuses['200'] ?? 0),
    check('bare: HTTP 409', result.requests - item.stock, result.statuses['409'] ?? 0),
    check('bare: stock left', 0, row.stock),
  ];
}
