import { z } from 'zod';
import { allowed, paged, pageQuery, queryBool } from './common.ts';
import { PARTICIPANTS } from './points.ts';

export const ITEM_KINDS = ['service', 'goods', 'privilege'] as const;
export const PROVIDER_TYPES = ['community', 'partner_unit', 'merchant', 'property_company'] as const;
export const LIMIT_PERIODS = ['day', 'month', 'year', 'ever'] as const;
export const REDEMPTION_STATES = ['issued', 'fulfilled', 'cancelled', 'expired'] as const;
export type RedemptionState = (typeof REDEMPTION_STATES)[number];

export const providerOut = z.object({
  id: z.string(),
  refType: z.enum(PROVIDER_TYPES),
  refId: z.string(),
  name: z.string(),
  orgUnitId: z.string(),
});
export const providerCreate = z.object({ refType: z.enum(['community', 'partner_unit']), refId: z.uuid() });
export const providerList = z.object({ items: z.array(providerOut) });

export const itemIn = z.object({
  providerId: z.uuid(),
  kind: z.enum(ITEM_KINDS),
  title: z.string().trim().min(1).max(60),
  description: z.string().trim().max(2000).default(''),
  photoIds: z.array(z.uuid()).max(9).default([]),
  pricePoints: z.number().int().min(1).max(1_000_000),
  /** 兑换价值, integer fen: 3000 = ¥30.00. */
  cashValueFen: z.number().int().min(0).max(100_000_000),
  stock: z.number().int().min(0).max(1_000_000).nullable().default(null),
  limitPerPerson: z.number().int().min(1).max(1000).nullable().default(null),
  limitPeriod: z.enum(LIMIT_PERIODS).default('month'),
  participants: z.array(z.enum(PARTICIPANTS)).min(1).default(['resident', 'gig_worker', 'volunteer']),
  hardshipOnly: z.boolean().default(false),
  availableFrom: z.iso.datetime().nullable().default(null),
  availableTo: z.iso.datetime().nullable().default(null),
  communityIds: z.array(z.uuid()).min(1).max(100),
  privilegeDays: z.number().int().min(1).max(365).nullable().default(null),
  voucherValidDays: z.number().int().min(1).max(365).default(30),
});
export const itemUpdate = z.object({
  title: z.string().trim().min(1).max(60).optional(),
  description: z.string().trim().max(2000).optional(),
  pricePoints: z.number().int().min(1).max(1_000_000).optional(),
  cashValueFen: z.number().int().min(0).max(100_000_000).optional(),
  /** Adds to (or, negative, removes from) the stock; never sets it, so a restock cannot race a sale. */
  stockDelta: z.number().int().min(-1_000_000).max(1_000_000).optional(),
  limitPerPerson: z.number().int().min(1).max(1000).nullable().optional(),
  status: z.enum(['active', 'archived']).optional(),
  availableTo: z.iso.datetime().nullable().optional(),
});
export const itemOut = z.object({
  id: z.string(),
  provider: providerOut,
  kind: z.enum(ITEM_KINDS),
  title: z.string(),
  description: z.string(),
  photoIds: z.array(z.string()),
  pricePoints: z.number(),
  cashValueFen: z.number(),
  stock: z.number().nullable(),
  limitPerPerson: z.number().nullable(),
  limitPeriod: z.enum(LIMIT_PERIODS),
  participants: z.array(z.enum(PARTICIPANTS)),
  hardshipOnly: z.boolean(),
  availableFrom: z.string().nullable(),
  availableTo: z.string().nullable(),
  communityIds: z.array(z.string()),
  privilegeDays: z.number().nullable(),
  voucherValidDays: z.number(),
  status: z.enum(['active', 'archived']),
  /** For a resident: can they redeem one now, and if not, why (an error code). */
  redeemable: z.object({ ok: z.boolean(), reason: z.string().nullable() }).nullable(),
  allowed,
});
export type ItemOut = z.infer<typeof itemOut>;
export const itemQuery = pageQuery.extend({
  kind: z.enum(ITEM_KINDS).optional(),
  q: z.string().trim().max(60).optional(),
  affordable: queryBool.optional(),
  providerId: z.uuid().optional(),
  status: z.enum(['active', 'archived']).optional(),
});
export const itemPage = paged(itemOut);

export const redeemBody = z.object({
  itemId: z.uuid(),
  quantity: z.number().int().min(1).max(100).default(1),
  idempotencyKey: z.string().min(8).max(100),
  /** A grid worker redeeming on an elderly resident's behalf (代兑). */
  personId: z.uuid().optional(),
});
export const redemptionOut = z.object({
  id: z.string(),
  itemId: z.string(),
  itemTitle: z.string(),
  itemKind: z.enum(ITEM_KINDS),
  providerName: z.string(),
  quantity: z.number(),
  points: z.number(),
  cashValueFen: z.number(),
  state: z.enum(REDEMPTION_STATES),
  voucherCode: z.string(),
  /** The voucher as a QR code (SVG), for the provider to scan. */
  qrSvg: z.string(),
  holderName: z.string(),
  proxy: z.boolean(),
  expiresAt: z.iso.datetime(),
  fulfilledAt: z.iso.datetime().nullable(),
  createdAt: z.iso.datetime(),
  balanceAfter: z.number().nullable(),
  allowed,
});
export type RedemptionOut = z.infer<typeof redemptionOut>;
export const redemptionQuery = pageQuery.extend({
  state: z.enum(REDEMPTION_STATES).optional(),
  mine: queryBool.optional(),
  itemId: z.uuid().optional(),
  providerId: z.uuid().optional(),
});
export const redemptionPage = paged(redemptionOut);
export const cancelBody = z.object({ reason: z.string().trim().min(2).max(200) });

/** What the provider's counter sees: the item and a masked name, nothing more. */
export const voucherLookup = z.object({
  code: z
    .string()
    .trim()
    .toUpperCase()
    .regex(/^[A-Z0-9]{6,16}$/),
});
export const counterView = z.object({
  redemptionId: z.string(),
  itemTitle: z.string(),
  quantity: z.number(),
  holderName: z.string(),
  state: z.enum(REDEMPTION_STATES),
  expiresAt: z.iso.datetime(),
  fulfilledAt: z.iso.datetime().nullable(),
});

export const figuresQuery = z.object({
  orgUnitId: z.uuid().optional(),
  from: z
    .string()
    .regex(/^\d{4}-\d{2}$/)
    .optional(),
  to: z
    .string()
    .regex(/^\d{4}-\d{2}$/)
    .optional(),
});
const figureRow = z.object({
  key: z.string(),
  label: z.string(),
  count: z.number(),
  points: z.number(),
  cashValueFen: z.number(),
});
export const figuresOut = z.object({
  totals: z.object({ count: z.number(), points: z.number(), cashValueFen: z.number() }),
  byItem: z.array(figureRow),
  byProvider: z.array(figureRow),
  byCommunity: z.array(figureRow),
  byMonth: z.array(figureRow),
});
export const settlementQuery = z.object({ providerId: z.uuid(), month: z.string().regex(/^\d{4}-\d{2}$/) });
export const settlementOut = z.object({
  provider: providerOut,
  month: z.string(),
  lines: z.array(
    z.object({
      fulfilledAt: z.iso.datetime(),
      voucherCode: z.string(),
      itemTitle: z.string(),
      quantity: z.number(),
      points: z.number(),
      cashValueFen: z.number(),
      holderName: z.string(),
    }),
  ),
  totals: z.object({ count: z.number(), points: z.number(), cashValueFen: z.number() }),
});
