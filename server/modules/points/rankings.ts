import { and, desc, eq, gte, like, lt, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { ledgerEntry, pointsAccount } from './schema.ts';

export type RankingRow = {
  accountId: string;
  personId: string | null;
  displayName: string;
  publicConsent: boolean;
  /** Points earned in the window (earn entries only: spending does not lower a ranking). */
  earned: number;
  balance: number;
};

/**
 * Who earned most under an org unit (a community or a subdistrict) in [from, to): the source of the
 * board's rankings, the quarterly summary's top contributors and the award candidates. Names here
 * are real; anything public must pass them through `publicName`.
 */
export async function rankings(
  db: Executor,
  orgPath: string,
  window: { from: Date; to: Date },
  limit = 20,
): Promise<RankingRow[]> {
  const earned = sql<number>`coalesce(sum(${ledgerEntry.amount}), 0)::int`;
  const rows = await db
    .select({
      accountId: pointsAccount.id,
      personId: pointsAccount.personId,
      displayName: pointsAccount.displayName,
      publicConsent: pointsAccount.publicConsent,
      balance: pointsAccount.balance,
      earned,
    })
    .from(ledgerEntry)
    .innerJoin(pointsAccount, eq(pointsAccount.id, ledgerEntry.accountId))
    .where(
      and(
        like(pointsAccount.orgPath, `${orgPath}%`),
        eq(ledgerEntry.kind, 'earn'),
        gte(ledgerEntry.createdAt, window.from),
        lt(ledgerEntry.createdAt, window.to),
      ),
    )
    .groupBy(pointsAccount.id)
    .orderBy(desc(earned), pointsAccount.displayName)
    .limit(limit);
  return rows.map((r) => ({ ...r, earned: Number(r.earned) }));
}
