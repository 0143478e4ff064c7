import { StarOutlined, TeamOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { partnerProjectKeys, partnerProjectsApi } from '../../api/partner-projects.ts';
import { can, useMe } from '../../app/session.ts';
import { Tile, TileSection } from '../../components/phone-tiles.tsx';

/** The phone home's 幸福家园合伙人 entry: the cooperative projects, and my partner status. */
export function PhonePartnerProjectsTiles() {
  const { t } = useTranslation();
  const me = useMe();
  const resident = can(me, 'partner_projects:join') && !!me.user.personId;
  const mine = useQuery({
    queryKey: [...partnerProjectKeys.projects, 'mine', 'count'],
    queryFn: () => partnerProjectsApi.projects({ mine: true, pageSize: 1 }),
    enabled: resident,
  });
  if (!resident) return null;
  const n = mine.data?.total ?? 0;
  return (
    <TileSection title={t('partnerProjects.title')}>
      <Tile
        to="/m/partner-projects"
        icon={<TeamOutlined />}
        label={t('partnerProjects.tileProjects')}
        hint={n > 0 ? t('partnerProjects.tileJoined', { count: n }) : null}
        testId="tile-partner-projects"
      />
      <Tile
        to="/m/partner-projects/partner"
        icon={<StarOutlined />}
        label={t('partnerProjects.tilePartner')}
        testId="tile-partner"
      />
    </TileSection>
  );
}
