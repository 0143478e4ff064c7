import { CommentOutlined, ScanOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { can, useMe } from '../../app/session.ts';
import { Tile, TileSection } from '../../components/phone-tiles.tsx';

/** The phone home's 议事 entry: my meetings (invitations, registration, outcomes) and check-in. */
export function PhoneMeetingsTiles() {
  const { t } = useTranslation();
  const me = useMe();
  if (!can(me, 'meetings:attend')) return null;
  return (
    <TileSection title={t('meetings.tileMeetings')}>
      <Tile
        to="/m/meetings"
        icon={<CommentOutlined />}
        label={t('meetings.myMeetings')}
        testId="tile-meetings"
      />
      <Tile
        to="/m/meetings/check-in"
        icon={<ScanOutlined />}
        label={t('meetings.checkIn')}
        testId="tile-checkin"
      />
    </TileSection>
  );
}
