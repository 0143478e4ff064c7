import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ItemKind, ItemOut, RedemptionState } from '../../api/shop.ts';
import type { zhCN } from '../../i18n/zh-CN.ts';
import { ITEM_KIND_COLORS, REDEMPTION_STATE_COLORS, useShopLabels } from './shop-labels.ts';

type BadgeKey = keyof typeof zhCN.shop.badge;
// Runtime key set (the type above is compile-time only).
const BADGE_KEYS: Record<BadgeKey, true> = {
  ok: true,
  insufficient_points: true,
  limit_reached: true,
  out_of_stock: true,
  item_hardship_only: true,
  item_not_for_participant: true,
  item_not_for_community: true,
  item_unavailable: true,
};

/** 可兑换 / 积分不足 / 已达上限 …: what the server said about redeeming one of the item now. */
export function RedeemableBadge({ redeemable }: { redeemable: ItemOut['redeemable'] }) {
  const { t } = useTranslation();
  const labels = useShopLabels();
  if (!redeemable) return null;
  const key = redeemable.ok ? 'ok' : (redeemable.reason ?? '');
  const text = key in BADGE_KEYS ? t(`shop.badge.${key as BadgeKey}`) : labels.reason(key);
  return (
    <Tag
      color={redeemable.ok ? 'success' : key === 'insufficient_points' ? 'warning' : 'default'}
      style={{ marginInlineEnd: 0 }}
      data-testid="redeemable"
    >
      {text}
    </Tag>
  );
}

export function RedemptionStateTag({ state }: { state: RedemptionState }) {
  const labels = useShopLabels();
  return (
    <Tag color={REDEMPTION_STATE_COLORS[state]} style={{ marginInlineEnd: 0 }} data-testid="redemption-state">
      {labels.state(state)}
    </Tag>
  );
}

export function ItemKindTag({ kind }: { kind: ItemKind }) {
  const labels = useShopLabels();
  return (
    <Tag color={ITEM_KIND_COLORS[kind]} style={{ marginInlineEnd: 0 }}>
      {labels.kind(kind)}
    </Tag>
  );
}

/**
 * The voucher's QR code, drawn from the server's SVG as an image (black on white, with its quiet
 * zone), so it stays square and sharp at any size. `dimmed` greys out a voucher that can no longer
 * be used, so nobody scans it by mistake.
 */
export function VoucherQr({
  svg,
  code,
  size = 240,
  dimmed,
}: {
  svg: string;
  code: string;
  size?: number;
  dimmed?: boolean;
}) {
  const { t } = useTranslation();
  return (
    <img
      src={`data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`}
      alt={t('shop.qrAlt', { code })}
      width={size}
      height={size}
      style={{
        display: 'block',
        maxWidth: '100%',
        height: 'auto',
        aspectRatio: '1 / 1',
        background: '#fff',
        imageRendering: 'pixelated',
        opacity: dimmed ? 0.2 : 1,
      }}
      data-testid="voucher-qr"
    />
  );
}

/** The code in two groups of five, for reading aloud; the text itself is the code, unbroken. */
export function VoucherCode({ code, size = 28 }: { code: string; size?: number }) {
  const half = Math.ceil(code.length / 2);
  return (
    <div
      style={{
        display: 'flex',
        justifyContent: 'center',
        gap: '0.5em',
        fontSize: size,
        fontWeight: 600,
        letterSpacing: '0.12em',
        lineHeight: 1.2,
        fontFamily: 'ui-monospace, "SFMono-Regular", Menlo, Consolas, "Liberation Mono", monospace',
      }}
      data-testid="voucher-code"
    >
      <span>{code.slice(0, half)}</span>
      <span>{code.slice(half)}</span>
    </div>
  );
}
