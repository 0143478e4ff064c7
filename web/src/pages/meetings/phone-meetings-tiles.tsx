import { CommentOutlined, ScanOutlined } from '@ant-design/icons';
import { Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { can, useMe } from '../../app/session.ts';

/** The phone home's 议事 entry: my meetings (invitations, registration, outcomes) and check-in. */
export function PhoneMeetingsTiles() {
  const { t } = useTranslation();
  const me = useMe();
  if (!can(me, 'meetings:attend')) return null;
  return (
    <section
      style={{ display: 'flex', flexDirection: 'column', gap: 8 }}
      aria-label={t('meetings.tileMeetings')}
    >
      <Typography.Title level={5} style={{ margin: 0 }}>
        {t('meetings.tileMeetings')}
      </Typography.Title>
      <div className="linli-tiles">
        <Link to="/m/meetings" className="linli-tile" data-testid="tile-meetings">
          <span className="linli-tile-icon">
            <CommentOutlined />
          </span>
          <span>{t('meetings.myMeetings')}</span>
        </Link>
        <Link to="/m/meetings/check-in" className="linli-tile" data-testid="tile-checkin">
          <span className="linli-tile-icon">
            <ScanOutlined />
          </span>
          <span>{t('meetings.checkIn')}</span>
        </Link>
      </div>
    </section>
  );
}
