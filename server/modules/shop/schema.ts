import { boolean, index, integer, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { createdAt, id, textArray } from '../../db/columns.ts';

/**
 * Who offers items: the community itself, a partner unit, and later a merchant or a property
 * company. `ref_type` + `ref_id` point at the owning module's row; provider staff are users granted
 * the provider_staff role with this provider.
 */
export const shopProvider = pgTable(
  'shop_provider',
  {
    id: id(),
    districtId: uuid('district_id').notNull(),
    orgUnitId: uuid('org_unit_id').notNull(),
    orgPath: text('org_path').notNull(),
    refType: text('ref_type').notNull(), // community | partner_unit | merchant | property_company
    refId: uuid('ref_id').notNull(),
    name: text('name').notNull(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('shop_provider_ref_idx').on(t.refType, t.refId)],
);

/** 积分超市 item: a service, goods with stock, or a privilege (a stall-fee waiver for N days). */
export const shopItem = pgTable(
  'shop_item',
  {
    id: id(),
    districtId: uuid('district_id').notNull(),
    providerId: uuid('provider_id')
      .notNull()
      .references(() => shopProvider.id),
    orgPath: text('org_path').notNull(),
    kind: text('kind').notNull(), // service | goods | privilege
    title: text('title').notNull(),
    description: text('description').notNull().default(''),
    photoIds: textArray('photo_ids'),
    pricePoints: integer('price_points').notNull(),
    cashValueFen: integer('cash_value_fen').notNull(),
    /** Null: unlimited. */
    stock: integer('stock'),
    limitPerPerson: integer('limit_per_person'),
    limitPeriod: text('limit_period').notNull().default('month'), // day | month | year | ever
    participants: text('participants').array().notNull(),
    hardshipOnly: boolean('hardship_only').notNull().default(false),
    availableFrom: timestamp('available_from', { withTimezone: true }),
    availableTo: timestamp('available_to', { withTimezone: true }),
    /** Communities whose residents may redeem it. */
    communityIds: uuid('community_ids').array().notNull(),
    privilegeDays: integer('privilege_days'),
    voucherValidDays: integer('voucher_valid_days').notNull().default(30),
    status: text('status').notNull().default('active'), // active | archived
    createdAt: createdAt(),
  },
  (t) => [index('shop_item_path_idx').on(t.orgPath)],
);

/** A redemption and its voucher: issued → fulfilled (核销), or cancelled / expired with a refund. */
export const redemption = pgTable(
  'redemption',
  {
    id: id(),
    districtId: uuid('district_id').notNull(),
    itemId: uuid('item_id')
      .notNull()
      .references(() => shopItem.id),
    providerId: uuid('provider_id').notNull(),
    accountId: uuid('account_id').notNull(),
    personId: uuid('person_id').notNull(),
    householdId: uuid('household_id'),
    communityId: uuid('community_id').notNull(),
    orgPath: text('org_path').notNull(),
    quantity: integer('quantity').notNull(),
    points: integer('points').notNull(),
    cashValueFen: integer('cash_value_fen').notNull(),
    idempotencyKey: text('idempotency_key').notNull(),
    /** Hash of the request body: the same key with another body is refused. */
    requestHash: text('request_hash').notNull(),
    voucherCode: text('voucher_code').notNull(),
    state: text('state').notNull(),
    /** The grid worker who redeemed on an elderly resident's behalf (代兑). */
    proxyUserId: uuid('proxy_user_id'),
    createdBy: uuid('created_by'),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    fulfilledAt: timestamp('fulfilled_at', { withTimezone: true }),
    fulfilledBy: uuid('fulfilled_by'),
    closedAt: timestamp('closed_at', { withTimezone: true }),
    closedReason: text('closed_reason'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    uniqueIndex('redemption_idem_idx').on(t.accountId, t.idempotencyKey),
    uniqueIndex('redemption_voucher_idx').on(t.voucherCode),
    index('redemption_item_idx').on(t.itemId, t.accountId),
    index('redemption_expiry_idx').on(t.state, t.expiresAt),
    index('redemption_provider_idx').on(t.providerId, t.fulfilledAt),
  ],
);
