import { IdcardOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { can, useMe } from '../../app/session.ts';
import { Tile } from '../../components/phone-tiles.tsx';

/** 我的志愿者档案 (residents who may join teams), a tile in the phone home's 志愿服务 section. */
export function VolunteerProfileTile() {
  const { t } = useTranslation();
  const me = useMe();
  if (!can(me, 'volunteers:join') || !me.user.personId) return null;
  return (
    <Tile
      to="/m/volunteer"
      icon={<IdcardOutlined />}
      label={t('volunteers.phone.tile')}
      hint={t('volunteers.phone.tileHint')}
      testId="tile-volunteer-profile"
    />
  );
}
