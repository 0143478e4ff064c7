import { eq, sql } from 'drizzle-orm';
import type { ENTRY_KINDS } from '../../../common/contracts/points.ts';
import { type Executor, execRows, type Tx } from '../../db/client.ts';
import { now } from '../../platform/clock.ts';
import { AppError } from '../../platform/errors.ts';
import { ledgerEntry, pointsAccount } from './schema.ts';

export type EntryKind = (typeof ENTRY_KINDS)[number];
export type EntryRow = typeof ledgerEntry.$inferSelect;

/** Spending kinds may never take a balance below zero; earning and deductions are recorded in full. */
const SPENDING: readonly EntryKind[] = ['redeem', 'offset'];

export type NewEntry = {
  accountId: string;
  kind: EntryKind;
  /** Signed: positive for earn/refund, negative for deduct/redeem/offset, either for adjust. */
  amount: number;
  causeType: 'claim' | 'redemption' | 'adjustment';
  causeId: string;
  idempotencyKey: string;
  ruleId?: string | null;
  rulebookVersion?: number | null;
  actorUserId?: string | null;
  note?: string | null;
  /** When the entry takes effect; defaults to now (a posting closed by a late job uses its close time). */
  at?: Date;
};

/**
 * The only way points move. The account row is locked first, so concurrent entries on one account
 * queue up; then the idempotency key is looked up, so a replay returns the first entry and moves
 * nothing. Balance and entry change together in the caller's transaction.
 */
export async function postEntry(tx: Tx, e: NewEntry): Promise<{ entry: EntryRow; replayed: boolean }> {
  const [account] = await tx
    .select()
    .from(pointsAccount)
    .where(eq(pointsAccount.id, e.accountId))
    .for('update');
  if (!account) throw new AppError('not_found');
  const [existing] = await tx
    .select()
    .from(ledgerEntry)
    .where(eq(ledgerEntry.idempotencyKey, e.idempotencyKey));
  if (existing) return { entry: existing, replayed: true };
  const balanceAfter = account.balance + e.amount;
  if (SPENDING.includes(e.kind) && balanceAfter < 0) {
    throw new AppError('insufficient_points', { balance: account.balance, needed: -e.amount });
  }
  const [entry] = await tx
    .insert(ledgerEntry)
    .values({
      districtId: account.districtId,
      accountId: account.id,
      kind: e.kind,
      amount: e.amount,
      balanceAfter,
      causeType: e.causeType,
      causeId: e.causeId,
      ruleId: e.ruleId ?? null,
      rulebookVersion: e.rulebookVersion ?? null,
      idempotencyKey: e.idempotencyKey,
      actorUserId: e.actorUserId ?? null,
      note: e.note ?? null,
      createdAt: e.at ?? now(),
    })
    .returning();
  await tx.update(pointsAccount).set({ balance: balanceAfter }).where(eq(pointsAccount.id, account.id));
  return { entry, replayed: false };
}

/** The entry posted under an idempotency key, if any: what a replayed command answers with. */
export async function entryByKey(db: Executor, idempotencyKey: string): Promise<EntryRow | null> {
  const [e] = await db.select().from(ledgerEntry).where(eq(ledgerEntry.idempotencyKey, idempotencyKey));
  return e ?? null;
}

export async function entriesOf(db: Executor, accountId: string, limit = 100): Promise<EntryRow[]> {
  return db
    .select()
    .from(ledgerEntry)
    .where(eq(ledgerEntry.accountId, accountId))
    .orderBy(sql`${ledgerEntry.id} desc`)
    .limit(limit);
}

export type LedgerBreach = { check: string; accountId?: string; entryId?: number; detail: string };

/**
 * Every invariant of the ledger, checked in SQL so it scales to a district:
 * cached balance = sum of entries; each entry's balance_after continues the previous one; spending
 * never went below zero; every credited claim has exactly one entry and nothing else has one.
 */
export async function checkLedger(db: Executor): Promise<LedgerBreach[]> {
  const breaches: LedgerBreach[] = [];
  const balance = await execRows<{ id: string; balance: number; sum: number }>(
    db,
    sql`select a.id, a.balance, coalesce(sum(e.amount), 0)::int as sum
        from points_account a left join ledger_entry e on e.account_id = a.id
        group by a.id having a.balance <> coalesce(sum(e.amount), 0)`,
  );
  for (const r of balance)
    breaches.push({
      check: 'balance_equals_sum',
      accountId: r.id,
      detail: `cached ${r.balance} ≠ sum ${r.sum}`,
    });
  const chain = await execRows<{ id: number; account_id: string; balance_after: number; expected: number }>(
    db,
    sql`select id, account_id, balance_after, expected from (
          select id, account_id, balance_after,
                 (sum(amount) over (partition by account_id order by id))::int as expected
          from ledger_entry) x
        where balance_after <> expected`,
  );
  for (const r of chain)
    breaches.push({
      check: 'running_balance',
      accountId: r.account_id,
      entryId: Number(r.id),
      detail: `balance_after ${r.balance_after} ≠ running sum ${r.expected}`,
    });
  const negative = await execRows<{ id: number; account_id: string }>(
    db,
    sql`select id, account_id from ledger_entry where kind in ('redeem', 'offset') and balance_after < 0`,
  );
  for (const r of negative)
    breaches.push({
      check: 'spending_covered',
      accountId: r.account_id,
      entryId: Number(r.id),
      detail: 'spent below zero',
    });
  const credited = await execRows<{ id: string; n: number }>(
    db,
    sql`select c.id, count(e.id)::int as n from claim c
        left join ledger_entry e on e.cause_type = 'claim' and e.cause_id = c.id::text
        where c.state = 'credited' group by c.id having count(e.id) <> 1`,
  );
  for (const r of credited)
    breaches.push({ check: 'credited_once', detail: `claim ${r.id} has ${r.n} entries` });
  const stray = await execRows<{ id: number; cause_id: string }>(
    db,
    sql`select e.id, e.cause_id from ledger_entry e join claim c on e.cause_type = 'claim' and e.cause_id = c.id::text
        where c.state <> 'credited'`,
  );
  for (const r of stray)
    breaches.push({
      check: 'entry_for_uncredited_claim',
      entryId: Number(r.id),
      detail: `claim ${r.cause_id}`,
    });
  return breaches;
}

/** Accounts' balances, for tests and the household view. */
export async function balanceOf(db: Executor, accountId: string): Promise<number> {
  const [a] = await db
    .select({ b: pointsAccount.balance })
    .from(pointsAccount)
    .where(eq(pointsAccount.id, accountId));
  return a?.b ?? 0;
}

/** Takes an account's row lock for the rest of the transaction: the first step of anything that spends. */
export async function lockAccount(tx: Tx, accountId: string): Promise<void> {
  await tx
    .select({ id: pointsAccount.id })
    .from(pointsAccount)
    .where(eq(pointsAccount.id, accountId))
    .for('update');
}
