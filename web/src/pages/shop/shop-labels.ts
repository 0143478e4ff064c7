import { useTranslation } from 'react-i18next';
import { ERRORS, type ErrorCode } from '../../../../common/errors.ts';
import type { ItemKind, LimitPeriod, RedemptionState } from '../../api/shop.ts';
import type { zhCN } from '../../i18n/zh-CN.ts';

type Participant = keyof typeof zhCN.points.participant;

export const REDEMPTION_STATE_COLORS: Record<RedemptionState, string> = {
  issued: 'blue',
  fulfilled: 'green',
  cancelled: 'default',
  expired: 'orange',
};

export const ITEM_KIND_COLORS: Record<ItemKind, string> = {
  service: 'geekblue',
  goods: 'gold',
  privilege: 'purple',
};

/** Display names of the shop's literal unions, in the current language. */
export function useShopLabels() {
  const { t, i18n } = useTranslation();
  const en = i18n.language === 'en-US';
  return {
    kind: (k: ItemKind) => t(`shop.kind.${k}`),
    state: (s: RedemptionState) => t(`shop.state.${s}`),
    participant: (p: Participant) => t(`points.participant.${p}`),
    /** "每人每月限 1 份", or "不限" without a limit. */
    limit: (count: number | null, period: LimitPeriod) =>
      count === null ? t('shop.noLimit') : t(`shop.limit.${period}`, { count }),
    /**
     * Why an item cannot be redeemed: `redeemable.reason` is one of the server's error codes, whose
     * messages the web shares with the server.
     */
    reason: (code: string) =>
      code in ERRORS ? (en ? ERRORS[code as ErrorCode].en : ERRORS[code as ErrorCode].zh) : code,
  };
}
