import { CheckSquareOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Badge, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { votesApi, votesKeys } from '../../api/votes.ts';
import { can, useMe } from '../../app/session.ts';

/** The phone home's 表决 entry, with how many open motions still wait for my household's vote. */
export function PhoneVotesTiles() {
  const { t } = useTranslation();
  const me = useMe();
  const enabled = can(me, 'votes:cast') && !!me.user.personId;
  const open = useQuery({
    queryKey: [...votesKeys.list, 'mine'],
    queryFn: () => votesApi.list({ mine: true, pageSize: 50 }),
    enabled,
  });
  if (!enabled) return null;
  const waiting = (open.data?.items ?? []).filter((m) => m.myBallot?.state === 'can_vote').length;
  return (
    <section style={{ display: 'flex', flexDirection: 'column', gap: 8 }} aria-label={t('votes.title')}>
      <Typography.Title level={5} style={{ margin: 0 }}>
        {t('votes.title')}
      </Typography.Title>
      <div className="linli-tiles">
        <Link to="/m/votes" className="linli-tile" data-testid="tile-votes">
          <span className="linli-tile-icon">
            <Badge count={waiting} size="small" offset={[4, -2]}>
              <CheckSquareOutlined />
            </Badge>
          </span>
          <span>{t('votes.tile')}</span>
        </Link>
      </div>
    </section>
  );
}
