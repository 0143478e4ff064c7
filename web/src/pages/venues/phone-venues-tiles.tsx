import { ShopOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { can, useMe } from '../../app/session.ts';
import { Tile, TileSection } from '../../components/phone-tiles.tsx';

/** The phone home's entry to 服务场所. */
export function PhoneVenuesTiles() {
  const { t } = useTranslation();
  const me = useMe();
  if (!can(me, 'meetings:read') && !can(me, 'volunteers:read')) return null;
  return (
    <TileSection title={t('venues.tileTitle')}>
      <Tile to="/m/venues" icon={<ShopOutlined />} label={t('venues.phoneTitle')} testId="tile-venues" />
    </TileSection>
  );
}
