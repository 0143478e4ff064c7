import { IdcardOutlined } from '@ant-design/icons';
import { Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { can, useMe } from '../../app/session.ts';

/** The phone home's entry to 我的志愿者档案 (residents who may join teams). */
export function PhoneVolunteerTiles() {
  const { t } = useTranslation();
  const me = useMe();
  if (!can(me, 'volunteers:join') || !me.user.personId) return null;
  return (
    <section
      style={{ display: 'flex', flexDirection: 'column', gap: 8 }}
      aria-label={t('volunteers.phone.section')}
    >
      <Typography.Title level={5} style={{ margin: 0 }}>
        {t('volunteers.phone.section')}
      </Typography.Title>
      <div className="linli-tiles">
        <Link to="/m/volunteer" className="linli-tile" data-testid="tile-volunteer-profile">
          <span className="linli-tile-icon">
            <IdcardOutlined />
          </span>
          <span>{t('volunteers.phone.tile')}</span>
          <span className="linli-muted">{t('volunteers.phone.tileHint')}</span>
        </Link>
      </div>
    </section>
  );
}
