import { and, eq, gte, inArray, like, lt, type SQL, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { figuresOut, figuresQuery } from '../../../common/contracts/shop.ts';
import type { Executor } from '../../db/client.ts';
import { authorize, scopeCondition } from '../../platform/access.ts';
import type { QueryContext } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import { loadOrgUnit, nameOrgUnits } from '../org/index.ts';
import { redemption, shopItem, shopProvider } from './schema.ts';

// 兑换总价值: what points bought, counted from redemptions. A redemption counts while its voucher
// stands (issued or fulfilled); a cancelled or expired one was refunded and counts nowhere. `count`
// is the number of redemptions (orders), not the sum of their quantities; `points` and
// `cashValueFen` already carry the quantity. Months are calendar months in Asia/Shanghai, of the
// day the points were spent (created_at), not of fulfilment: settlement follows fulfilment instead.

export type FiguresOut = z.infer<typeof figuresOut>;
type FigureRow = FiguresOut['byItem'][number];

/** Redemptions that were spent and not refunded. */
export const REDEEMED_STATES = ['issued', 'fulfilled'] as const;

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;

/** [from, to) of a calendar month in Asia/Shanghai (UTC+8 all year, no daylight saving). */
export function monthWindow(month: string, field = 'month'): { from: Date; to: Date } {
  const m = MONTH.exec(month);
  if (!m) throw new AppError('validation_failed', { field, reason: 'month must be YYYY-MM' });
  const year = Number(m[1]);
  const month0 = Number(m[2]) - 1;
  const midnight = (y: number, m0: number) => new Date(Date.UTC(y, m0, 1) - 8 * 3_600_000);
  return { from: midnight(year, month0), to: midnight(year, month0 + 1) };
}

/** "2026-11" → "2026年11月". */
export function monthLabel(month: string): string {
  const [y, m] = month.split('-');
  return `${y}年${Number(m)}月`;
}

const shanghaiMonthOf = (col: SQL | typeof redemption.createdAt) =>
  sql<string>`to_char(${col} at time zone 'Asia/Shanghai', 'YYYY-MM')`;
const tally = {
  count: sql<number>`count(*)::int`,
  points: sql<number>`coalesce(sum(${redemption.points}), 0)::bigint`,
  cashValueFen: sql<number>`coalesce(sum(${redemption.cashValueFen}), 0)::bigint`,
};

type Tally = { count: number | string; points: number | string; cashValueFen: number | string };
const figure = (key: string, label: string, t: Tally): FigureRow => ({
  key,
  label,
  count: Number(t.count),
  points: Number(t.points),
  cashValueFen: Number(t.cashValueFen),
});
/** Biggest first, as a reader looks for where the money went; ties by name. */
const byValue = (a: FigureRow, b: FigureRow) =>
  b.cashValueFen - a.cashValueFen || b.points - a.points || a.label.localeCompare(b.label, 'zh-CN');

/**
 * The conditions every figure shares: redeemed states, the actor's shop:figures scope (in SQL), the
 * chosen unit as a path prefix (so the path index serves it) and the months.
 */
async function conditions({ actor, db }: QueryContext, q: z.infer<typeof figuresQuery>): Promise<SQL> {
  const where: (SQL | undefined)[] = [
    inArray(redemption.state, [...REDEEMED_STATES]),
    scopeCondition(actor, 'shop:figures', redemption.orgPath),
  ];
  if (q.orgUnitId) {
    const unit = await loadOrgUnit(db, q.orgUnitId);
    authorize(actor, 'shop:figures', { orgPath: unit.path });
    where.push(like(redemption.orgPath, `${unit.path}%`));
  }
  const from = q.from ? monthWindow(q.from, 'from').from : null;
  const to = q.to ? monthWindow(q.to, 'to').to : null;
  if (from && to && from >= to)
    throw new AppError('validation_failed', { field: 'to', reason: 'to is before from' });
  if (from) where.push(gte(redemption.createdAt, from));
  if (to) where.push(lt(redemption.createdAt, to));
  return and(...where)!;
}

async function byItem(db: Executor, where: SQL) {
  const rows = await db
    .select({ id: shopItem.id, title: shopItem.title, ...tally })
    .from(redemption)
    .innerJoin(shopItem, eq(shopItem.id, redemption.itemId))
    .where(where)
    .groupBy(shopItem.id, shopItem.title);
  return rows.map((r) => figure(r.id, r.title, r)).sort(byValue);
}

async function byProvider(db: Executor, where: SQL) {
  const rows = await db
    .select({ id: shopProvider.id, name: shopProvider.name, ...tally })
    .from(redemption)
    .innerJoin(shopProvider, eq(shopProvider.id, redemption.providerId))
    .where(where)
    .groupBy(shopProvider.id, shopProvider.name);
  return rows.map((r) => figure(r.id, r.name, r)).sort(byValue);
}

async function byCommunity(db: Executor, where: SQL) {
  const rows = await db
    .select({ id: redemption.communityId, ...tally })
    .from(redemption)
    .where(where)
    .groupBy(redemption.communityId);
  const names = await nameOrgUnits(
    db,
    rows.map((r) => r.id),
  );
  return rows.map((r) => figure(r.id, names.get(r.id) ?? r.id, r)).sort(byValue);
}

async function byMonth(db: Executor, where: SQL) {
  const month = shanghaiMonthOf(redemption.createdAt);
  const rows = await db
    .select({ month, ...tally })
    .from(redemption)
    .where(where)
    .groupBy(month)
    .orderBy(month);
  return rows.map((r) => figure(r.month, monthLabel(r.month), r));
}

/**
 * 兑换总价值 and its breakdowns for the actor's scope (or one unit in it) and months. The four
 * groupings run side by side, so pass the pool, not a transaction.
 */
export async function shopFigures(ctx: QueryContext, q: z.infer<typeof figuresQuery>): Promise<FiguresOut> {
  const where = await conditions(ctx, q);
  const [items, providers, communities, months] = await Promise.all([
    byItem(ctx.db, where),
    byProvider(ctx.db, where),
    byCommunity(ctx.db, where),
    byMonth(ctx.db, where),
  ]);
  // Every redemption lies in exactly one month, so the months add up to the totals.
  const totals = months.reduce(
    (s, m) => ({
      count: s.count + m.count,
      points: s.points + m.points,
      cashValueFen: s.cashValueFen + m.cashValueFen,
    }),
    { count: 0, points: 0, cashValueFen: 0 },
  );
  return { totals, byItem: items, byProvider: providers, byCommunity: communities, byMonth: months };
}
