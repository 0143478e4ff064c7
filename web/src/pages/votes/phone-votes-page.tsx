import { RightOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Card, Empty, Flex, Skeleton, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { type MotionOut, votesApi, votesKeys } from '../../api/votes.ts';
import { formatShortDateTime } from '../../components/format.ts';
import { QueryError } from '../../components/query-error.tsx';
import { PhoneTitle } from '../points/phone-back.tsx';
import { MotionStateTag } from './vote-parts.tsx';

/** /m/votes — 我的表决: open motions my household may vote on, then the published results. */
export function PhoneVotesPage() {
  const { t } = useTranslation();
  const list = useQuery({
    queryKey: [...votesKeys.list, 'phone'],
    queryFn: () => votesApi.list({ pageSize: 50 }),
  });
  if (list.isError) return <QueryError error={list.error} onRetry={() => list.refetch()} />;
  const items = list.data?.items ?? [];
  const open = items.filter((m) => m.state === 'open' && m.myBallot && m.myBallot.state !== 'not_eligible');
  const results = items.filter((m) => m.state === 'published');
  return (
    <>
      <PhoneTitle title={t('votes.phoneTitle')} />
      {!list.data ? (
        <Skeleton active paragraph={{ rows: 6 }} />
      ) : (
        <>
          <Typography.Title level={5} style={{ margin: '4px 0 0' }}>
            {t('votes.open')}
          </Typography.Title>
          {open.length === 0 ? (
            <Card>
              <Empty description={t('votes.none')} />
            </Card>
          ) : (
            <div style={{ display: 'flex', flexDirection: 'column', gap: 8 }} data-testid="open-motions">
              {open.map((m) => (
                <MotionCard key={m.id} m={m} />
              ))}
            </div>
          )}
          <Typography.Title level={5} style={{ margin: '8px 0 0' }}>
            {t('votes.results')}
          </Typography.Title>
          {results.length === 0 ? (
            <Card>
              <Empty description={t('votes.noResults')} />
            </Card>
          ) : (
            <div style={{ display: 'flex', flexDirection: 'column', gap: 8 }} data-testid="published-motions">
              {results.map((m) => (
                <MotionCard key={m.id} m={m} />
              ))}
            </div>
          )}
        </>
      )}
    </>
  );
}

function MotionCard({ m }: { m: MotionOut }) {
  const { t, i18n } = useTranslation();
  const my = m.myBallot;
  return (
    <Link to={`/m/votes/${m.id}`} style={{ color: 'inherit', display: 'block' }} data-testid="motion-card">
      <Card styles={{ body: { padding: '12px 14px' } }}>
        <Flex justify="space-between" align="center" gap={8}>
          <div style={{ minWidth: 0, flex: 1 }}>
            <Typography.Text strong style={{ fontSize: 16, display: 'block' }}>
              {m.title}
            </Typography.Text>
            <Flex gap={6} wrap style={{ marginTop: 6 }} align="center">
              <MotionStateTag state={m.state} />
              {m.secret && <Tag style={{ marginInlineEnd: 0 }}>{t('votes.secret')}</Tag>}
              <Typography.Text type="secondary" style={{ fontSize: 13 }}>
                {m.scope.name} ·{' '}
                {m.state === 'open'
                  ? t('votes.closesAt', { time: formatShortDateTime(m.closesAt, i18n.language) })
                  : t('votes.closedAt', {
                      time: formatShortDateTime(m.closedAt ?? m.closesAt, i18n.language),
                    })}
              </Typography.Text>
            </Flex>
            {m.state === 'open' && my && (
              <Tag
                color={my.state === 'can_vote' ? 'orange' : my.state === 'voted' ? 'green' : 'default'}
                style={{ marginTop: 8 }}
                data-testid="my-ballot-state"
              >
                {my.state === 'not_eligible' && my.reason === 'minor'
                  ? t('votes.my.minor')
                  : my.state === 'voted' && m.electorate === 'members'
                    ? t('votes.my.votedMember')
                    : t(`votes.my.${my.state}`)}
              </Tag>
            )}
          </div>
          <RightOutlined style={{ color: '#bbb' }} />
        </Flex>
      </Card>
    </Link>
  );
}
