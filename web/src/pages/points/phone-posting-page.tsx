import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Empty, Flex, Skeleton, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { type PostingOut, type PostingSummary, pointsApi, pointsKeys } from '../../api/points.ts';
import { can, useMe } from '../../app/session.ts';
import { formatDate } from '../../components/format.ts';
import { QueryState } from '../../components/query-state.tsx';
import { KindTag } from './claim-parts.tsx';
import { ObjectionModal } from './objection-modal.tsx';
import { PhoneTitle } from './phone-back.tsx';
import { signed } from './points-labels.ts';
import { useMyCommunity } from './use-my-community.ts';

type Row = PostingOut['rows'][number];

/** 积分公示 on the phone: the community's open posting, masked, with 提出异议 on each row. */
export function PhonePostingPage() {
  const { t } = useTranslation();
  const { community, isPending } = useMyCommunity();
  const list = useQuery({
    queryKey: [...pointsKeys.postings, community?.id],
    queryFn: () => pointsApi.postings(community!.id),
    enabled: !!community,
  });
  const items = list.data ?? [];
  const current = items.find((p) => p.state === 'open');
  const past = items.filter((p) => p !== current);
  return (
    <>
      <PhoneTitle
        title={t('posting.title')}
        extra={
          community && (
            <Link to={`/board/${community.id}`}>
              <Button type="link" style={{ paddingInline: 4 }} data-testid="open-board">
                {t('posting.openBoard')}
              </Button>
            </Link>
          )
        }
      />
      {isPending || (community && list.isPending) ? (
        <Skeleton active />
      ) : (
        <QueryState query={list}>
          {() =>
            current ? (
              <CurrentPosting summary={current} />
            ) : (
              <Card>
                <Empty description={t('posting.none')} />
              </Card>
            )
          }
        </QueryState>
      )}
      {past.length > 0 && community && <PastPostings communityId={community.id} items={past} />}
    </>
  );
}

function CurrentPosting({ summary }: { summary: PostingSummary }) {
  const { t, i18n } = useTranslation();
  const me = useMe();
  const posting = useQuery({
    queryKey: pointsKeys.posting(summary.id),
    queryFn: () => pointsApi.posting(summary.id),
  });
  const mine = { mine: true, pageSize: 100 };
  const myClaims = useQuery({
    queryKey: [...pointsKeys.claims, mine],
    queryFn: () => pointsApi.claims(mine),
    enabled: !!me.user.personId,
  });
  const objections = useQuery({
    queryKey: [...pointsKeys.objections, { postingId: summary.id }],
    queryFn: () => pointsApi.objections({ postingId: summary.id }),
    enabled: can(me, 'points:object'),
  });
  const [objecting, setObjecting] = useState<Row | null>(null);
  const myIds = new Set((myClaims.data?.items ?? []).map((c) => c.id));
  const objected = new Set((objections.data ?? []).map((o) => o.claimId));
  const open = summary.state === 'open' && new Date(summary.closesAt) > new Date();
  const mayObject = can(me, 'points:object') && open;
  return (
    <QueryState query={posting}>
      {(p) => (
        <>
          <Card data-testid="phone-posting">
            <Typography.Title level={5} style={{ marginTop: 0 }}>
              {p.communityName} · {t('posting.period', { period: p.period })}
            </Typography.Title>
            <div className="linli-muted">
              {t('posting.window', {
                from: formatDate(p.opensAt, i18n.language),
                to: formatDate(p.closesAt, i18n.language),
              })}
            </div>
            <Alert type="info" title={t('posting.hint')} style={{ marginTop: 12 }} />
          </Card>
          <Card
            title={t('posting.rows', { count: p.rows.length })}
            styles={{ body: { padding: 0 } }}
            data-testid="posting-rows"
          >
            {p.rows.map((r) => (
              <div
                key={r.claimId}
                style={{ padding: '12px 16px', borderBottom: '1px solid #f0f0f0' }}
                data-testid="posting-row"
              >
                <div className="linli-phone-card-row">
                  <div>
                    <div>
                      <Typography.Text strong delete={r.revoked} data-testid="posting-row-name">
                        {r.name}
                      </Typography.Text>
                      {myIds.has(r.claimId) && (
                        <Tag color="red" style={{ marginLeft: 6 }}>
                          {t('myPoints.title')}
                        </Tag>
                      )}
                      {r.revoked && (
                        <Tag color="volcano" style={{ marginLeft: 6 }}>
                          {t('posting.revoked')}
                        </Tag>
                      )}
                    </div>
                    <div style={{ wordBreak: 'break-word' }}>{r.ruleTitle}</div>
                    <div className="linli-muted">
                      {r.deedDate} · {t(`points.participant.${r.participant}`)}
                    </div>
                  </div>
                  <Flex vertical align="flex-end" gap={4}>
                    <Typography.Text strong style={{ color: r.points < 0 ? '#cf1322' : '#389e0d' }}>
                      {signed(r.points)}
                    </Typography.Text>
                    <KindTag kind={r.kind} />
                  </Flex>
                </div>
                {mayObject && !r.revoked && (
                  <div style={{ marginTop: 8, textAlign: 'right' }}>
                    {objected.has(r.claimId) ? (
                      <Tag>{t('posting.objected')}</Tag>
                    ) : (
                      <Button size="small" danger onClick={() => setObjecting(r)} data-testid="object-button">
                        {t('posting.object')}
                      </Button>
                    )}
                  </div>
                )}
              </div>
            ))}
          </Card>
          {objecting && <ObjectionModal row={objecting} onClose={() => setObjecting(null)} />}
        </>
      )}
    </QueryState>
  );
}

function PastPostings({ communityId, items }: { communityId: string; items: PostingSummary[] }) {
  const { t, i18n } = useTranslation();
  return (
    <Card title={t('posting.past')} styles={{ body: { padding: 0 } }}>
      {items.map((p) => (
        <Link
          key={p.id}
          to={`/board/${communityId}/postings/${p.id}`}
          style={{ color: 'inherit', display: 'block', borderBottom: '1px solid #f0f0f0' }}
        >
          <div className="linli-phone-card-row" style={{ padding: '12px 16px' }}>
            <div>
              {t('posting.period', { period: p.period })}
              <div className="linli-muted">
                {t('posting.window', {
                  from: formatDate(p.opensAt, i18n.language),
                  to: formatDate(p.closesAt, i18n.language),
                })}
              </div>
            </div>
            <Tag>{t(`points.postingState.${p.state}`)}</Tag>
          </div>
        </Link>
      ))}
    </Card>
  );
}
