import type { z } from 'zod';
import type {
  counterView,
  figuresOut,
  figuresQuery,
  ItemOut,
  itemIn,
  itemPage,
  itemQuery,
  itemUpdate,
  providerCreate,
  providerList,
  providerOut,
  RedemptionOut,
  RedemptionState,
  redeemBody,
  redemptionPage,
  redemptionQuery,
  settlementOut,
  settlementQuery,
} from '../../../common/contracts/shop.ts';
import { api, withQuery } from './client.ts';

export type { ItemOut, RedemptionOut, RedemptionState };
export type ItemInput = z.input<typeof itemIn>;
export type ItemPatch = z.input<typeof itemUpdate>;
export type ItemQuery = Partial<z.input<typeof itemQuery>>;
export type ItemPage = z.infer<typeof itemPage>;
export type ItemKind = ItemOut['kind'];
export type LimitPeriod = ItemOut['limitPeriod'];
export type RedeemInput = z.input<typeof redeemBody>;
export type RedemptionPage = z.infer<typeof redemptionPage>;
export type RedemptionQuery = Partial<z.input<typeof redemptionQuery>>;
export type CounterView = z.infer<typeof counterView>;
export type ProviderOut = z.infer<typeof providerOut>;
export type ProviderInput = z.input<typeof providerCreate>;
export type FiguresOut = z.infer<typeof figuresOut>;
export type FigureRow = FiguresOut['byItem'][number];
export type FiguresQuery = z.input<typeof figuresQuery>;
export type SettlementOut = z.infer<typeof settlementOut>;
export type SettlementQuery = z.input<typeof settlementQuery>;

/** Query keys: one prefix per resource, so a write can invalidate everything that shows it. */
export const shopKeys = {
  all: ['shop'] as const,
  items: ['shop', 'items'] as const,
  item: (id: string) => ['shop', 'items', id] as const,
  redemptions: ['shop', 'redemptions'] as const,
  redemption: (id: string) => ['shop', 'redemptions', id] as const,
  providers: ['shop', 'providers'] as const,
  figures: ['shop', 'figures'] as const,
  settlements: ['shop', 'settlements'] as const,
};

/**
 * A key that names one press of the redeem button. The server answers a repeat of the same key and
 * body with the first result, so a double tap or a retry after a lost reply never buys twice.
 * crypto.randomUUID exists only in secure contexts; a community server is often reached over plain
 * HTTP, where getRandomValues still works.
 */
export function newIdempotencyKey(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

/**
 * What a counter clerk typed, as the server reads it: upper case, no spaces or dashes, and the
 * letters Crockford's alphabet leaves out read as the digits they look like (I, L → 1; O → 0).
 */
export function normaliseVoucherCode(typed: string): string {
  return typed
    .toUpperCase()
    .replace(/[^0-9A-Z]/g, '')
    .replace(/[IL]/g, '1')
    .replace(/O/g, '0');
}

export const VOUCHER_CODE_LENGTH = 10;

/** "¥1,234.50" from integer fen. */
export function formatYuan(fen: number): string {
  return `¥${(fen / 100).toLocaleString('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
}

/** The settlement statement as an Excel file: a plain link, so the session cookie authorises it. */
export const settlementExportUrl = (q: SettlementQuery) => withQuery('/api/shop/settlements/export', q);

export const shopApi = {
  items: (q: ItemQuery) => api.get<ItemPage>('/api/shop/items', q),
  item: (id: string) => api.get<ItemOut>(`/api/shop/items/${id}`),
  createItem: (body: ItemInput) => api.post<ItemOut>('/api/shop/items', body),
  updateItem: (id: string, body: ItemPatch) => api.patch<ItemOut>(`/api/shop/items/${id}`, body),

  providers: () => api.get<z.infer<typeof providerList>>('/api/shop/providers').then((r) => r.items),
  registerProvider: (body: ProviderInput) => api.post<ProviderOut>('/api/shop/providers', body),

  redeem: (body: RedeemInput) => api.post<RedemptionOut>('/api/shop/redemptions', body),
  redemptions: (q: RedemptionQuery) => api.get<RedemptionPage>('/api/shop/redemptions', q),
  redemption: (id: string) => api.get<RedemptionOut>(`/api/shop/redemptions/${id}`),
  cancel: (id: string, reason: string) =>
    api.post<RedemptionOut>(`/api/shop/redemptions/${id}/cancel`, { reason }),

  voucher: (code: string) => api.get<CounterView>(`/api/shop/vouchers/${encodeURIComponent(code)}`),
  fulfil: (code: string) => api.post<CounterView>(`/api/shop/vouchers/${encodeURIComponent(code)}/fulfil`),

  figures: (q: FiguresQuery) => api.get<FiguresOut>('/api/shop/figures', q),
  settlement: (q: SettlementQuery) => api.get<SettlementOut>('/api/shop/settlements', q),
};
