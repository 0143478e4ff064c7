import { createHash, randomInt } from 'node:crypto';
import { and, asc, count, desc, eq, gte, lte, type SQL, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type {
  RedemptionOut,
  RedemptionState,
  redeemBody,
  redemptionQuery,
} from '../../../common/contracts/shop.ts';
import { maskName } from '../../../common/masking.ts';
import { type Db, type Executor, readAll } from '../../db/client.ts';
import {
  type Actor,
  allowedActions,
  authorize,
  can,
  scopeCondition,
  SYSTEM_ACTOR,
} from '../../platform/access.ts';
import { recordAudit } from '../../platform/audit.ts';
import { now } from '../../platform/clock.ts';
import type { CommandContext, QueryContext } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import { qrSvg } from '../../platform/qr.ts';
import { homeOf, loadPerson } from '../org/index.ts';
import { ensurePersonAccount, entryByKey, lockAccount, postEntry } from '../points/index.ts';
import { loadItem } from './items.ts';
import { providersById, staffedProviders } from './providers.ts';
import { requireRedeemer } from './redeemer.ts';
import { refusalFor } from './rules.ts';
import { redemption, shopItem } from './schema.ts';

export type RedemptionRow = typeof redemption.$inferSelect;

/** The steps of a redemption, in order; tests inject a failure after each to prove all-or-nothing. */
export const REDEEM_STEPS = [
  'account_locked',
  'item_checked',
  'points_debited',
  'stock_reserved',
  'voucher_issued',
  'audited',
] as const;
export type RedeemStep = (typeof REDEEM_STEPS)[number];
export type RedeemHooks = { after?: (step: RedeemStep) => void | Promise<void> };

// Crockford's base32 without I, L, O, U: nothing a counter clerk can misread.
const VOUCHER_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
function voucherCode(): string {
  return Array.from({ length: 10 }, () => VOUCHER_ALPHABET[randomInt(32)]).join('');
}

function requestHash(body: { itemId: string; quantity: number; personId?: string }): string {
  return createHash('sha256')
    .update(JSON.stringify([body.itemId, body.quantity, body.personId ?? null]))
    .digest('hex');
}

/** 70 and over, or registered as elderly living alone: who a grid worker may redeem for (代兑). */
const ELDERLY_AGE = 70;
function isElderly(p: { birthYear: number | null; tags: string[] }): boolean {
  return (
    p.tags.includes('elderly_alone') ||
    (p.birthYear !== null && now().getUTCFullYear() - p.birthYear >= ELDERLY_AGE)
  );
}

/**
 * 积分兑换: one transaction debits the points, reserves the stock and issues the voucher. The
 * account's row lock is taken first, so a person's redemptions queue up (no overdraft, no double
 * spend on one key); the item's row lock then serialises stock across people. Same key and same body
 * → the first result again; same key, other body → idempotency_key_reused.
 */
export async function redeem(
  ctx: CommandContext,
  body: z.infer<typeof redeemBody>,
  hooks: RedeemHooks = {},
): Promise<RedemptionOut> {
  const personId = body.personId ?? ctx.actor.personId;
  if (!personId) throw new AppError('validation_failed', { field: 'personId' });
  const person = await loadPerson(ctx.tx, personId);
  const home = await homeOf(ctx.tx, personId);
  if (!home) throw new AppError('validation_failed', { reason: 'person has no household' });
  const target = { orgPath: person.orgPath, householdIds: [home.householdId] };
  const proxy = personId !== ctx.actor.personId;
  if (proxy) {
    // Only a grid worker, for an elderly resident they serve.
    authorize(ctx.actor, 'points:check', target);
    if (!isElderly(person)) throw new AppError('proxy_not_allowed');
  } else {
    authorize(ctx.actor, 'shop:redeem', target);
  }
  const account = await ensurePersonAccount(ctx.tx, personId);
  await lockAccount(ctx.tx, account.id);
  await hooks.after?.('account_locked');

  const hash = requestHash({ ...body, personId });
  const [previous] = await ctx.tx
    .select()
    .from(redemption)
    .where(and(eq(redemption.accountId, account.id), eq(redemption.idempotencyKey, body.idempotencyKey)));
  if (previous) {
    if (previous.requestHash !== hash) throw new AppError('idempotency_key_reused');
    // The first reply again, balance after the debit included.
    const debit = await entryByKey(ctx.tx, `redeem:${previous.id}`);
    return presentRedemption(ctx.tx, ctx.actor, previous, debit?.balanceAfter ?? null);
  }

  // Checked without the item's lock: in a flash sale the losers learn "sold out" without queueing
  // behind the winners. The stock itself is taken below with a conditional update.
  const item = await loadItem(ctx.tx, body.itemId);
  const who = await requireRedeemer(ctx.tx, personId);
  const refusal = await refusalFor(ctx.tx, item, who, body.quantity);
  if (refusal) throw new AppError(refusal as 'out_of_stock');
  await hooks.after?.('item_checked');

  const id = crypto.randomUUID();
  const points = item.pricePoints * body.quantity;
  const { entry } = await postEntry(ctx.tx, {
    accountId: account.id,
    kind: 'redeem',
    amount: -points,
    causeType: 'redemption',
    causeId: id,
    idempotencyKey: `redeem:${id}`,
    actorUserId: ctx.actor.userId,
    note: `兑换「${item.title}」×${body.quantity}`,
  });
  await hooks.after?.('points_debited');

  if (item.stock !== null) {
    // The row lock lasts from here to commit only; if the stock ran out since the check above,
    // nothing is updated and the whole redemption (the debit too) rolls back.
    const reserved = await ctx.tx
      .update(shopItem)
      .set({ stock: sql`${shopItem.stock} - ${body.quantity}` })
      .where(and(eq(shopItem.id, item.id), gte(shopItem.stock, body.quantity)))
      .returning({ stock: shopItem.stock });
    if (reserved.length === 0) throw new AppError('out_of_stock');
  }
  await hooks.after?.('stock_reserved');

  const at = now();
  const [row] = await ctx.tx
    .insert(redemption)
    .values({
      id,
      districtId: item.districtId,
      itemId: item.id,
      providerId: item.providerId,
      accountId: account.id,
      personId,
      householdId: home.householdId,
      communityId: home.communityId,
      orgPath: home.orgPath,
      quantity: body.quantity,
      points,
      cashValueFen: item.cashValueFen * body.quantity,
      idempotencyKey: body.idempotencyKey,
      requestHash: hash,
      voucherCode: voucherCode(),
      state: 'issued',
      proxyUserId: proxy ? ctx.actor.userId : null,
      createdBy: ctx.actor.userId,
      expiresAt: new Date(at.getTime() + item.voucherValidDays * 86_400_000),
      createdAt: at,
    })
    .returning();
  await hooks.after?.('voucher_issued');

  await recordAudit(ctx, {
    action: 'shop.redeemed',
    subjectType: 'redemption',
    subjectId: id,
    orgPath: home.orgPath,
    orgUnitId: home.buildingId,
    summary: `${proxy ? '代为' : ''}兑换「${item.title}」×${body.quantity}，${points} 积分`,
  });
  await hooks.after?.('audited');
  return presentRedemption(ctx.tx, ctx.actor, row, entry.balanceAfter);
}

async function loadRedemption(db: Executor, id: string, lock = false): Promise<RedemptionRow> {
  const q = db.select().from(redemption).where(eq(redemption.id, id));
  const [row] = lock ? await q.for('update') : await q;
  if (!row) throw new AppError('not_found');
  return row;
}

function redemptionTarget(r: RedemptionRow) {
  return { orgPath: r.orgPath, householdIds: r.householdId ? [r.householdId] : [] };
}

/** Refund and put the stock back: what cancelling and expiring share. Keyed, so it happens once. */
async function closeWithRefund(
  ctx: CommandContext,
  r: RedemptionRow,
  state: 'cancelled' | 'expired',
  reason: string,
) {
  await postEntry(ctx.tx, {
    accountId: r.accountId,
    kind: 'refund',
    amount: r.points,
    causeType: 'redemption',
    causeId: r.id,
    idempotencyKey: `refund:${r.id}`,
    actorUserId: ctx.actor.userId,
    note: reason,
  });
  const item = await loadItem(ctx.tx, r.itemId, true);
  if (item.stock !== null) {
    await ctx.tx
      .update(shopItem)
      .set({ stock: item.stock + r.quantity })
      .where(eq(shopItem.id, item.id));
  }
  const [row] = await ctx.tx
    .update(redemption)
    .set({ state, closedAt: now(), closedReason: reason })
    .where(eq(redemption.id, r.id))
    .returning();
  await recordAudit(ctx, {
    action: state === 'cancelled' ? 'shop.redemption_cancelled' : 'shop.voucher_expired',
    subjectType: 'redemption',
    subjectId: r.id,
    orgPath: r.orgPath,
    summary: `${state === 'cancelled' ? '取消兑换' : '兑换券过期'}，退回 ${r.points} 积分：${reason}`,
  });
  return row;
}

/** Before fulfilment, the holder (or whoever redeemed for them, or shop staff) may cancel: a refund. */
export async function cancelRedemption(ctx: CommandContext, id: string, reason: string) {
  const r = await loadRedemption(ctx.tx, id, true);
  const mine =
    r.personId === ctx.actor.personId || (r.proxyUserId !== null && r.proxyUserId === ctx.actor.userId);
  if (!mine) authorize(ctx.actor, 'shop:manage', redemptionTarget(r));
  if (r.state !== 'issued') throw new AppError('voucher_not_issued');
  return presentRedemption(ctx.tx, ctx.actor, await closeWithRefund(ctx, r, 'cancelled', reason));
}

/**
 * Vouchers past their date are refunded. Each is locked and re-read before it is closed, and the
 * refund is keyed by the voucher, so repeated and concurrent runs refund each exactly once.
 */
export async function expireVouchers(db: Db, at: Date = now()): Promise<number> {
  const due = await db
    .select({ id: redemption.id })
    .from(redemption)
    .where(and(eq(redemption.state, 'issued'), lte(redemption.expiresAt, at)))
    .orderBy(asc(redemption.expiresAt))
    .limit(5000);
  let expired = 0;
  for (const { id } of due) {
    const done = await db.transaction(async (tx) => {
      const r = await loadRedemption(tx, id, true);
      if (r.state !== 'issued' || r.expiresAt > at) return false;
      await closeWithRefund({ actor: SYSTEM_ACTOR, tx }, r, 'expired', '兑换券逾期未使用，积分自动退回');
      return true;
    });
    if (done) expired++;
  }
  return expired;
}

/**
 * The provider's counter: a voucher is found only by the staff of the provider it was issued by
 * (or community shop staff for the community's own counter). Anyone else gets "no such voucher".
 */
async function voucherForCounter(db: Executor, actor: Actor, code: string, lock: boolean) {
  const q = db.select().from(redemption).where(eq(redemption.voucherCode, code.toUpperCase()));
  const [r] = lock ? await q.for('update') : await q;
  if (!r) throw new AppError('voucher_not_found');
  const providers = await providersById(db, [r.providerId]);
  const provider = providers.get(r.providerId)!;
  const staffs = staffedProviders(actor).includes(r.providerId);
  const communityCounter =
    provider.refType === 'community' && can(actor, 'shop:manage', { orgPath: provider.orgPath });
  if (!staffs && !communityCounter) throw new AppError('voucher_not_found');
  return r;
}

async function counterView(db: Executor, r: RedemptionRow) {
  const [item, person] = await readAll(db, [() => loadItem(db, r.itemId), () => loadPerson(db, r.personId)]);
  return {
    redemptionId: r.id,
    itemTitle: item.title,
    quantity: r.quantity,
    holderName: maskName(person.name),
    state: r.state as RedemptionState,
    expiresAt: r.expiresAt.toISOString(),
    fulfilledAt: r.fulfilledAt?.toISOString() ?? null,
  };
}

export async function lookupVoucher({ actor, db }: QueryContext, code: string) {
  return counterView(db, await voucherForCounter(db, actor, code, false));
}

/** 核销: the provider confirms the service was given or the goods handed over. */
export async function fulfilVoucher(ctx: CommandContext, code: string) {
  const r = await voucherForCounter(ctx.tx, ctx.actor, code, true);
  if (r.state !== 'issued') throw new AppError('voucher_not_issued');
  if (r.expiresAt <= now()) throw new AppError('voucher_expired');
  const [row] = await ctx.tx
    .update(redemption)
    .set({ state: 'fulfilled', fulfilledAt: now(), fulfilledBy: ctx.actor.userId })
    .where(eq(redemption.id, r.id))
    .returning();
  await recordAudit(ctx, {
    action: 'shop.voucher_fulfilled',
    subjectType: 'redemption',
    subjectId: r.id,
    orgPath: r.orgPath,
    summary: `核销兑换券 ${r.voucherCode}`,
  });
  return counterView(ctx.tx, row);
}

export async function getRedemption({ actor, db }: QueryContext, id: string) {
  const r = await loadRedemption(db, id);
  const mine = r.personId === actor.personId || (r.proxyUserId !== null && r.proxyUserId === actor.userId);
  if (!mine) authorize(actor, 'shop:manage', redemptionTarget(r));
  return presentRedemption(db, actor, r);
}

export async function listRedemptions({ actor, db }: QueryContext, q: z.infer<typeof redemptionQuery>) {
  const where: (SQL | undefined)[] = [];
  if (q.mine || !actor.grants.some((g) => g.role !== 'resident')) {
    where.push(
      actor.personId
        ? eq(redemption.personId, actor.personId)
        : eq(redemption.proxyUserId, actor.userId ?? ''),
    );
  } else {
    where.push(scopeCondition(actor, 'shop:manage', redemption.orgPath));
  }
  if (q.state) where.push(eq(redemption.state, q.state));
  if (q.itemId) where.push(eq(redemption.itemId, q.itemId));
  if (q.providerId) where.push(eq(redemption.providerId, q.providerId));
  const cond = and(...where);
  const [rows, [{ n }]] = await Promise.all([
    db
      .select()
      .from(redemption)
      .where(cond)
      .orderBy(desc(redemption.createdAt))
      .limit(q.pageSize)
      .offset((q.page - 1) * q.pageSize),
    db.select({ n: count() }).from(redemption).where(cond),
  ]);
  const items = [];
  for (const r of rows) items.push(await presentRedemption(db, actor, r));
  return { items, total: n, page: q.page, pageSize: q.pageSize };
}

export async function presentRedemption(
  db: Executor,
  actor: Actor,
  r: RedemptionRow,
  balanceAfter: number | null = null,
): Promise<RedemptionOut> {
  const [item, person, providers] = await readAll(db, [
    () => loadItem(db, r.itemId),
    () => loadPerson(db, r.personId),
    () => providersById(db, [r.providerId]),
  ]);
  return {
    id: r.id,
    itemId: r.itemId,
    itemTitle: item.title,
    itemKind: item.kind as RedemptionOut['itemKind'],
    providerName: providers.get(r.providerId)?.name ?? '',
    quantity: r.quantity,
    points: r.points,
    cashValueFen: r.cashValueFen,
    state: r.state as RedemptionState,
    voucherCode: r.voucherCode,
    qrSvg: await qrSvg(r.voucherCode),
    holderName: person.name,
    proxy: r.proxyUserId !== null,
    expiresAt: r.expiresAt.toISOString(),
    fulfilledAt: r.fulfilledAt?.toISOString() ?? null,
    createdAt: r.createdAt.toISOString(),
    balanceAfter,
    allowed: allowedActions(actor, redemptionTarget(r), ['shop:manage']),
  };
}
