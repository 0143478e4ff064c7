import { GiftOutlined, ScanOutlined, ShoppingOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { can, useMe } from '../../app/session.ts';
import { Tile, TileSection } from '../../components/phone-tiles.tsx';

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
    <TileSection title={t('shop.title')}>
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
    </TileSection>
  );
}
