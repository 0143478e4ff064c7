import { ShopOutlined } from '@ant-design/icons';
import { Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { can, useMe } from '../../app/session.ts';

/** The phone home's entry to 服务场所. */
export function PhoneVenuesTiles() {
  const { t } = useTranslation();
  const me = useMe();
  if (!can(me, 'meetings:read') && !can(me, 'volunteers:read')) return null;
  return (
    <section style={{ display: 'flex', flexDirection: 'column', gap: 8 }} aria-label={t('venues.phoneTitle')}>
      <Typography.Title level={5} style={{ margin: 0 }}>
        {t('venues.tileTitle')}
      </Typography.Title>
      <div className="linli-tiles">
        <Link to="/m/venues" className="linli-tile" data-testid="tile-venues">
          <span className="linli-tile-icon">
            <ShopOutlined />
          </span>
          <span>{t('venues.phoneTitle')}</span>
        </Link>
      </div>
    </section>
  );
}
