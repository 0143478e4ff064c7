import { HeartOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { can, useMe } from '../../app/session.ts';
import { Tile, TileSection } from '../../components/phone-tiles.tsx';

/** The phone home's 暖心实项目 entry: my community's projects this year, and rating the finished ones. */
export function PhoneProjectsTiles() {
  const { t } = useTranslation();
  const me = useMe();
  if (!can(me, 'projects:rate') || !me.user.personId) return null;
  return (
    <TileSection title={t('projects.phone.title')}>
      <Tile
        to="/m/projects"
        icon={<HeartOutlined />}
        label={t('projects.phone.tile')}
        testId="tile-projects"
      />
    </TileSection>
  );
}
