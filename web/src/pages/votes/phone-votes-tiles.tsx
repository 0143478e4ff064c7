import { CheckSquareOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { votesApi, votesKeys } from '../../api/votes.ts';
import { can, useMe } from '../../app/session.ts';
import { Tile, TileSection } from '../../components/phone-tiles.tsx';

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
    <TileSection title={t('votes.title')}>
      <Tile
        to="/m/votes"
        icon={<CheckSquareOutlined />}
        label={t('votes.tile')}
        badge={waiting}
        testId="tile-votes"
      />
    </TileSection>
  );
}
