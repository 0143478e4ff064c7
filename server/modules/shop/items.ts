import { and, asc, count, eq, ilike, or, type SQL, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { ItemOut, itemIn, itemQuery, itemUpdate } from '../../../common/contracts/shop.ts';
import type { Executor } from '../../db/client.ts';
import { type Actor, allowedActions, authorize, scopeCondition } from '../../platform/access.ts';
import { recordAudit } from '../../platform/audit.ts';
import type { CommandContext, QueryContext } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import { loadOrgUnit } from '../org/index.ts';
import { loadProvider, presentProvider, providersById } from './providers.ts';
import { type Redeemer, refusalFor } from './rules.ts';
import { redeemerOf } from './redeemer.ts';
import { shopItem } from './schema.ts';

export type ItemRow = typeof shopItem.$inferSelect;

export async function loadItem(db: Executor, id: string, lock = false): Promise<ItemRow> {
  const q = db.select().from(shopItem).where(eq(shopItem.id, id));
  const [row] = lock ? await q.for('update') : await q;
  if (!row) throw new AppError('not_found');
  return row;
}

async function present(
  db: Executor,
  actor: Actor,
  rows: ItemRow[],
  who: Redeemer | null,
): Promise<ItemOut[]> {
  const providers = await providersById(db, [...new Set(rows.map((r) => r.providerId))]);
  const out: ItemOut[] = [];
  for (const r of rows) {
    const reason = who ? await refusalFor(db, r, who, 1) : null;
    out.push({
      id: r.id,
      provider: presentProvider(providers.get(r.providerId)!),
      kind: r.kind as ItemOut['kind'],
      title: r.title,
      description: r.description,
      photoIds: r.photoIds,
      pricePoints: r.pricePoints,
      cashValueFen: r.cashValueFen,
      stock: r.stock,
      limitPerPerson: r.limitPerPerson,
      limitPeriod: r.limitPeriod as ItemOut['limitPeriod'],
      participants: r.participants as ItemOut['participants'],
      hardshipOnly: r.hardshipOnly,
      availableFrom: r.availableFrom?.toISOString() ?? null,
      availableTo: r.availableTo?.toISOString() ?? null,
      communityIds: r.communityIds,
      privilegeDays: r.privilegeDays,
      voucherValidDays: r.voucherValidDays,
      status: r.status as ItemOut['status'],
      redeemable: who ? { ok: reason === null, reason } : null,
      allowed: allowedActions(actor, { orgPath: r.orgPath }, ['shop:manage']),
    });
  }
  return out;
}

export async function createItem(ctx: CommandContext, input: z.infer<typeof itemIn>): Promise<ItemOut> {
  const provider = await loadProvider(ctx.tx, input.providerId);
  authorize(ctx.actor, 'shop:manage', { orgPath: provider.orgPath });
  // Every community served must be one the actor manages.
  for (const id of input.communityIds) {
    const c = await loadOrgUnit(ctx.tx, id);
    if (c.kind !== 'community') throw new AppError('validation_failed', { field: 'communityIds' });
    authorize(ctx.actor, 'shop:manage', { orgPath: c.path });
  }
  if (input.kind === 'privilege' && !input.privilegeDays)
    throw new AppError('validation_failed', { field: 'privilegeDays' });
  const [row] = await ctx.tx
    .insert(shopItem)
    .values({
      ...input,
      districtId: provider.districtId,
      orgPath: provider.orgPath,
      availableFrom: input.availableFrom ? new Date(input.availableFrom) : null,
      availableTo: input.availableTo ? new Date(input.availableTo) : null,
    })
    .returning();
  await recordAudit(ctx, {
    action: 'shop.item_created',
    subjectType: 'shop_item',
    subjectId: row.id,
    orgPath: row.orgPath,
    orgUnitId: provider.orgUnitId,
    summary: `上架「${row.title}」：${row.pricePoints} 积分，价值 ¥${(row.cashValueFen / 100).toFixed(2)}`,
  });
  return (await present(ctx.tx, ctx.actor, [row], null))[0];
}

export async function updateItem(
  ctx: CommandContext,
  id: string,
  patch: z.infer<typeof itemUpdate>,
): Promise<ItemOut> {
  const item = await loadItem(ctx.tx, id, true);
  authorize(ctx.actor, 'shop:manage', { orgPath: item.orgPath });
  const { stockDelta, availableTo, ...rest } = patch;
  let stock = item.stock;
  if (stockDelta !== undefined) {
    if (item.stock === null)
      throw new AppError('validation_failed', { field: 'stockDelta', reason: 'unlimited item' });
    stock = item.stock + stockDelta;
    if (stock < 0) throw new AppError('stock_negative', { stock: item.stock });
  }
  const [row] = await ctx.tx
    .update(shopItem)
    .set({
      ...rest,
      stock,
      ...(availableTo !== undefined ? { availableTo: availableTo ? new Date(availableTo) : null } : {}),
    })
    .where(eq(shopItem.id, id))
    .returning();
  await recordAudit(ctx, {
    action: 'shop.item_updated',
    subjectType: 'shop_item',
    subjectId: id,
    orgPath: item.orgPath,
    summary: `修改「${item.title}」：${Object.keys(patch).join('、')}${stockDelta ? `（库存 ${item.stock} → ${stock}）` : ''}`,
  });
  return (await present(ctx.tx, ctx.actor, [row], null))[0];
}

/**
 * A resident sees the active items offered to their community, each marked redeemable or not (and
 * why); staff see the items of the providers in their scope.
 */
export async function listItems({ actor, db }: QueryContext, q: z.infer<typeof itemQuery>) {
  const who = actor.personId ? await redeemerOf(db, actor.personId) : null;
  const staffScope = scopeCondition(actor, 'shop:manage', shopItem.orgPath);
  const forResident: SQL | undefined = who
    ? and(eq(shopItem.status, 'active'), sql`${who.communityId}::uuid = any(${shopItem.communityIds})`)
    : undefined;
  const where: (SQL | undefined)[] = [forResident ? or(staffScope, forResident) : staffScope];
  if (q.kind) where.push(eq(shopItem.kind, q.kind));
  if (q.status) where.push(eq(shopItem.status, q.status));
  if (q.providerId) where.push(eq(shopItem.providerId, q.providerId));
  if (q.q) where.push(ilike(shopItem.title, `%${q.q}%`));
  if (q.affordable && who) where.push(sql`${shopItem.pricePoints} <= ${who.balance}`);
  const cond = and(...where);
  const [rows, [{ n }]] = await Promise.all([
    db
      .select()
      .from(shopItem)
      .where(cond)
      .orderBy(asc(shopItem.pricePoints), asc(shopItem.title))
      .limit(q.pageSize)
      .offset((q.page - 1) * q.pageSize),
    db.select({ n: count() }).from(shopItem).where(cond),
  ]);
  return { items: await present(db, actor, rows, who), total: n, page: q.page, pageSize: q.pageSize };
}

export async function getItem({ actor, db }: QueryContext, id: string): Promise<ItemOut> {
  const item = await loadItem(db, id);
  const who = actor.personId ? await redeemerOf(db, actor.personId) : null;
  const visibleToResident = who && item.communityIds.includes(who.communityId);
  if (!visibleToResident) authorize(actor, 'shop:read', { orgPath: item.orgPath });
  return (await present(db, actor, [item], who))[0];
}
