import { and, eq, gte, inArray, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { now, shanghaiDate } from '../../platform/clock.ts';
import { redemption, type shopItem } from './schema.ts';

type Item = typeof shopItem.$inferSelect;
export type Redeemer = {
  personId: string;
  accountId: string | null;
  balance: number;
  communityId: string;
  /** Participant types the person may redeem as (resident always; gig worker, volunteer by tag). */
  participants: string[];
  hardship: boolean;
};

/** The start of the current limit period, in Asia/Shanghai. */
function periodStart(period: string, at: Date): Date | null {
  const d = shanghaiDate(at);
  if (period === 'day') return new Date(`${d}T00:00:00+08:00`);
  if (period === 'month') return new Date(`${d.slice(0, 7)}-01T00:00:00+08:00`);
  if (period === 'year') return new Date(`${d.slice(0, 4)}-01-01T00:00:00+08:00`);
  return null;
}

/** How many of an item an account has redeemed (and not had refunded) in the item's limit period. */
export async function usedInPeriod(
  db: Executor,
  item: Item,
  accountId: string,
  at: Date = now(),
): Promise<number> {
  const start = periodStart(item.limitPeriod, at);
  const [r] = await db
    .select({ n: sql<number>`coalesce(sum(${redemption.quantity}), 0)::int` })
    .from(redemption)
    .where(
      and(
        eq(redemption.itemId, item.id),
        eq(redemption.accountId, accountId),
        inArray(redemption.state, ['issued', 'fulfilled']),
        start ? gte(redemption.createdAt, start) : undefined,
      ),
    );
  return r.n;
}

/**
 * Why this person may not redeem `quantity` of the item now (an error code), or null. Balance is
 * checked here for the catalogue's "can I afford it"; the ledger checks it again under its lock.
 */
export async function refusalFor(
  db: Executor,
  item: Item,
  who: Redeemer,
  quantity: number,
  at: Date = now(),
): Promise<string | null> {
  if (item.status !== 'active') return 'item_unavailable';
  if ((item.availableFrom && at < item.availableFrom) || (item.availableTo && at >= item.availableTo)) {
    return 'item_unavailable';
  }
  if (!item.communityIds.includes(who.communityId)) return 'item_not_for_community';
  if (!item.participants.some((p) => who.participants.includes(p))) return 'item_not_for_participant';
  if (item.hardshipOnly && !who.hardship) return 'item_hardship_only';
  if (item.stock !== null && item.stock < quantity) return 'out_of_stock';
  if (item.limitPerPerson !== null && who.accountId) {
    const used = await usedInPeriod(db, item, who.accountId, at);
    if (used + quantity > item.limitPerPerson) return 'limit_reached';
  } else if (item.limitPerPerson !== null && quantity > item.limitPerPerson) return 'limit_reached';
  if (who.balance < item.pricePoints * quantity) return 'insufficient_points';
  return null;
}
