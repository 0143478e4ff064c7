import { StarOutlined, TeamOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { partnerProjectKeys, partnerProjectsApi } from '../../api/partner-projects.ts';
import { can, useMe } from '../../app/session.ts';

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
    <section
      style={{ display: 'flex', flexDirection: 'column', gap: 8 }}
      aria-label={t('partnerProjects.title')}
    >
      <Typography.Title level={5} style={{ margin: 0 }}>
        {t('partnerProjects.title')}
      </Typography.Title>
      <div className="linli-tiles">
        <Link to="/m/partner-projects" className="linli-tile" data-testid="tile-partner-projects">
          <span className="linli-tile-icon">
            <TeamOutlined />
          </span>
          <span>{t('partnerProjects.tileProjects')}</span>
          {n > 0 && <span className="linli-muted">{t('partnerProjects.tileJoined', { count: n })}</span>}
        </Link>
        <Link to="/m/partner-projects/partner" className="linli-tile" data-testid="tile-partner">
          <span className="linli-tile-icon">
            <StarOutlined />
          </span>
          <span>{t('partnerProjects.tilePartner')}</span>
        </Link>
      </div>
    </section>
  );
}
