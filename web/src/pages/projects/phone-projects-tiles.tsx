import { HeartOutlined } from '@ant-design/icons';
import { Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { can, useMe } from '../../app/session.ts';

/** The phone home's 暖心实项目 entry: my community's projects this year, and rating the finished ones. */
export function PhoneProjectsTiles() {
  const { t } = useTranslation();
  const me = useMe();
  if (!can(me, 'projects:rate') || !me.user.personId) return null;
  return (
    <section
      style={{ display: 'flex', flexDirection: 'column', gap: 8 }}
      aria-label={t('projects.phone.title')}
    >
      <Typography.Title level={5} style={{ margin: 0 }}>
        {t('projects.phone.title')}
      </Typography.Title>
      <div className="linli-tiles">
        <Link to="/m/projects" className="linli-tile" data-testid="tile-projects">
          <span className="linli-tile-icon">
            <HeartOutlined />
          </span>
          <span>{t('projects.phone.tile')}</span>
        </Link>
      </div>
    </section>
  );
}
