import { GiftOutlined, ScanOutlined, ShoppingOutlined } from '@ant-design/icons';
import { Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { can, useMe } from '../../app/session.ts';

/** Who may open the counter: a provider's staff, or community shop staff at the community's own counter. */
export function canUseCounter(me: ReturnType<typeof useMe>): boolean {
  return can(me, 'shop:fulfil') || can(me, 'shop:manage');
}

/**
 * The phone home's 积分超市 entry: the shop and my vouchers for someone with points of their own, the
 * counter for a provider's staff. (A grid worker without an account of their own has no catalogue.)
 */
export function PhoneShopTiles() {
  const { t } = useTranslation();
  const me = useMe();
  const shopper = can(me, 'shop:redeem') && !!me.user.personId;
  const counter = can(me, 'shop:fulfil');
  if (!shopper && !counter) return null;
  return (
    <section style={{ display: 'flex', flexDirection: 'column', gap: 8 }} aria-label={t('shop.title')}>
      <Typography.Title level={5} style={{ margin: 0 }}>
        {t('shop.title')}
      </Typography.Title>
      <div className="linli-tiles">
        {shopper && (
          <>
            <Tile to="/m/shop" icon={<ShoppingOutlined />} label={t('shop.tileShop')} testId="tile-shop" />
            <Tile
              to="/m/shop/redemptions"
              icon={<GiftOutlined />}
              label={t('shop.tileMine')}
              testId="tile-redemptions"
            />
          </>
        )}
        {counter && (
          <Tile
            to="/m/shop/counter"
            icon={<ScanOutlined />}
            label={t('shop.tileCounter')}
            testId="tile-counter"
          />
        )}
      </div>
    </section>
  );
}

function Tile({ to, icon, label, testId }: { to: string; icon: ReactNode; label: string; testId: string }) {
  return (
    <Link to={to} className="linli-tile" data-testid={testId}>
      <span className="linli-tile-icon">{icon}</span>
      <span>{label}</span>
    </Link>
  );
}
