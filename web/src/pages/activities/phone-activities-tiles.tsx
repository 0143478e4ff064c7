import { ClockCircleOutlined, HeartOutlined, ScanOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { can, useMe } from '../../app/session.ts';
import { Tile, TileSection } from '../../components/phone-tiles.tsx';
import { VolunteerProfileTile } from '../volunteers/phone-volunteer-tiles.tsx';

/** The phone home's 志愿服务 entry: find and join activities, check in, my hours and points, my profile. */
export function PhoneActivitiesTiles() {
  const { t } = useTranslation();
  const me = useMe();
  if (!can(me, 'volunteers:join')) return null;
  return (
    <TileSection title={t('activities.tileTitle')}>
      <Tile
        to="/m/activities"
        icon={<HeartOutlined />}
        label={t('activities.tileFind')}
        testId="tile-activities"
      />
      <Tile
        to="/m/activities/scan"
        icon={<ScanOutlined />}
        label={t('activities.tileScan')}
        testId="tile-activity-scan"
      />
      <Tile
        to="/m/activities/hours"
        icon={<ClockCircleOutlined />}
        label={t('activities.tileHours')}
        testId="tile-activity-hours"
      />
      <VolunteerProfileTile />
    </TileSection>
  );
}
