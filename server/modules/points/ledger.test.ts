import fc from 'fast-check';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestDb, testDatabase } from '../../../test/harness.ts';
import { AppError } from '../../platform/errors.ts';
import { checkLedger, type EntryKind, postEntry } from './ledger.ts';
import { ledgerEntry, pointsAccount } from './schema.ts';

// A model test of the ledger: random earn / deduct / redeem / refund / reverse / replay sequences,
// each checked against a plain-number model, with every invariant re-checked after every step.
let db: TestDb;
beforeAll(async () => {
  db = await testDatabase('empty');
});
afterAll(() => db.close());

type Op =
  | { op: 'earn' | 'deduct' | 'redeem'; n: number }
  | { op: 'refund' | 'reverse' | 'replay'; pick: number };

const opArb: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ op: fc.constantFrom('earn', 'deduct', 'redeem'), n: fc.integer({ min: 1, max: 200 }) }),
  fc.record({ op: fc.constantFrom('refund', 'reverse', 'replay'), pick: fc.nat() }),
) as fc.Arbitrary<Op>;

let run = 0;
async function newAccount(): Promise<string> {
  const district = crypto.randomUUID();
  const [a] = await db.db
    .insert(pointsAccount)
    .values({
      districtId: district,
      orgPath: `/${district}/`,
      ownerType: 'person',
      displayName: `模型${++run}`,
    })
    .returning();
  return a.id;
}

describe('ledger model', () => {
  it('keeps balance = sum of entries, never spends below zero, and replays move nothing', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(opArb, { minLength: 1, maxLength: 25 }), async (ops) => {
        const accountId = await newAccount();
        let model = 0;
        const posted: {
          key: string;
          kind: EntryKind;
          amount: number;
          refunded?: boolean;
          reversed?: boolean;
        }[] = [];
        let k = 0;
        for (const o of ops) {
          const key = `${accountId}:${++k}`;
          const post = (kind: EntryKind, amount: number, idempotencyKey = key) =>
            db.db.transaction((tx) =>
              postEntry(tx, {
                accountId,
                kind,
                amount,
                causeType: 'adjustment',
                causeId: key,
                idempotencyKey,
              }),
            );
          if (o.op === 'earn' || o.op === 'deduct' || o.op === 'redeem') {
            const amount = o.op === 'earn' ? o.n : -o.n;
            if (o.op === 'redeem' && model < o.n) {
              await expect(post('redeem', amount)).rejects.toSatisfy(
                (e) => e instanceof AppError && e.code === 'insufficient_points',
              );
            } else {
              await post(o.op, amount);
              model += amount;
              posted.push({ key, kind: o.op, amount });
            }
          } else if (posted.length > 0) {
            const target = posted[(o as { pick: number }).pick % posted.length];
            if (o.op === 'replay') {
              const r = await post(target.kind, target.amount, target.key);
              expect(r.replayed).toBe(true);
            } else if (o.op === 'refund' && target.kind === 'redeem' && !target.refunded) {
              // Refunding twice is the same refund: the key is derived from what it refunds.
              await post('refund', -target.amount, `refund:${target.key}`);
              const again = await post('refund', -target.amount, `refund:${target.key}`);
              expect(again.replayed).toBe(true);
              target.refunded = true;
              model += -target.amount;
            } else if (o.op === 'reverse' && !target.reversed && target.kind !== 'redeem') {
              // A correction is a new entry, never an update.
              await post('adjust', -target.amount, `reverse:${target.key}`);
              target.reversed = true;
              model -= target.amount;
            }
          }
          const [a] = await db.db.select().from(pointsAccount).where(eq(pointsAccount.id, accountId));
          expect(a.balance).toBe(model);
          expect(await checkLedger(db.db)).toEqual([]);
        }
      }),
      { numRuns: 40 },
    );
  });

  it('refuses to change or delete an entry, and check-ledger notices a doctored balance', async () => {
    const accountId = await newAccount();
    await db.db.transaction((tx) =>
      postEntry(tx, {
        accountId,
        kind: 'earn',
        amount: 10,
        causeType: 'adjustment',
        causeId: 'x',
        idempotencyKey: `t:${accountId}`,
      }),
    );
    const refused = (q: ReturnType<typeof sql>) =>
      db.db.execute(q).then(
        () => 'accepted',
        (e: Error & { cause?: Error }) => String(e.cause?.message ?? e.message),
      );
    expect(await refused(sql`update ledger_entry set amount = 1000 where account_id = ${accountId}`)).toMatch(
      /append-only/,
    );
    expect(await refused(sql`delete from ledger_entry where account_id = ${accountId}`)).toMatch(
      /append-only/,
    );
    const [e] = await db.db.select().from(ledgerEntry).where(eq(ledgerEntry.accountId, accountId));
    expect(e.amount).toBe(10);
    await db.db.update(pointsAccount).set({ balance: 999 }).where(eq(pointsAccount.id, accountId));
    expect((await checkLedger(db.db)).map((b) => b.check)).toContain('balance_equals_sum');
    await db.db.update(pointsAccount).set({ balance: 10 }).where(eq(pointsAccount.id, accountId));
    expect(await checkLedger(db.db)).toEqual([]);
  });
});
