import { ClockCircleOutlined, HeartOutlined, ScanOutlined } from '@ant-design/icons';
import { Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { can, useMe } from '../../app/session.ts';

/** The phone home's 志愿服务 entry: find and join activities, check in, my hours and points. */
export function PhoneActivitiesTiles() {
  const { t } = useTranslation();
  const me = useMe();
  if (!can(me, 'volunteers:join')) return null;
  return (
    <section
      style={{ display: 'flex', flexDirection: 'column', gap: 8 }}
      aria-label={t('activities.tileTitle')}
    >
      <Typography.Title level={5} style={{ margin: 0 }}>
        {t('activities.tileTitle')}
      </Typography.Title>
      <div className="linli-tiles">
        <Link to="/m/activities" className="linli-tile" data-testid="tile-activities">
          <span className="linli-tile-icon">
            <HeartOutlined />
          </span>
          <span>{t('activities.tileFind')}</span>
        </Link>
        <Link to="/m/activities/scan" className="linli-tile" data-testid="tile-activity-scan">
          <span className="linli-tile-icon">
            <ScanOutlined />
          </span>
          <span>{t('activities.tileScan')}</span>
        </Link>
        <Link to="/m/activities/hours" className="linli-tile" data-testid="tile-activity-hours">
          <span className="linli-tile-icon">
            <ClockCircleOutlined />
          </span>
          <span>{t('activities.tileHours')}</span>
        </Link>
      </div>
    </section>
  );
}
