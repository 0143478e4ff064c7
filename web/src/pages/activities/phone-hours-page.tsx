import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Card, Empty, Flex, Pagination, Statistic, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { activitiesApi, activitiesKeys } from '../../api/activities.ts';
import { pointsApi, pointsKeys } from '../../api/points.ts';
import { formatDate } from '../../components/format.ts';
import { QueryState } from '../../components/query-state.tsx';
import { ClaimStateTag } from '../points/claim-parts.tsx';
import { PhoneTitle } from '../points/phone-back.tsx';
import { ActivityKindTag, hoursText } from './activity-parts.tsx';

const PAGE_SIZE = 10;

/**
 * /m/activities/hours — 我的时长与积分: this year's certified hours, and each record with the points
 * claim it raised (its state and points from the points module).
 */
export function PhoneHoursPage() {
  const { t, i18n } = useTranslation();
  const [page, setPage] = useState(1);
  const hours = useQuery({
    queryKey: [...activitiesKeys.hours, page],
    queryFn: () => activitiesApi.myHours({ page, pageSize: PAGE_SIZE }),
    placeholderData: keepPreviousData,
  });
  const claims = useQuery({
    queryKey: [...pointsKeys.claims, 'mine', 'hours'],
    queryFn: () => pointsApi.claims({ mine: true, pageSize: 200 }),
  });
  const claimById = new Map((claims.data?.items ?? []).map((c) => [c.id, c]));
  return (
    <>
      <PhoneTitle
        title={t('activities.hoursTitle')}
        extra={<Link to="/m/points">{t('myPoints.title')}</Link>}
      />
      <QueryState query={hours}>
        {(h) => (
          <>
            <Card data-testid="hours-year">
              <Typography.Text type="secondary">
                {t('activities.yearTotal', { year: h.year })}
              </Typography.Text>
              <Flex gap={24}>
                <Statistic
                  value={Math.round((h.yearMinutes / 60) * 10) / 10}
                  suffix={i18n.language === 'en-US' ? 'h' : '小时'}
                />
                <Statistic
                  value={h.yearActivities}
                  suffix={i18n.language === 'en-US' ? 'activities' : '场'}
                />
              </Flex>
            </Card>
            {h.items.length === 0 ? (
              <Card>
                <Empty description={t('activities.noHours')} />
              </Card>
            ) : (
              <Card styles={{ body: { padding: 0 } }} data-testid="hours-list">
                {h.items.map((r) => {
                  const c = r.claimId ? claimById.get(r.claimId) : undefined;
                  return (
                    <Link
                      key={r.id}
                      to={c ? `/m/points/claims/${c.id}` : `/m/activities/${r.activityId}`}
                      style={{ color: 'inherit', display: 'block', borderBottom: '1px solid #f0f0f0' }}
                      data-testid="hours-row"
                    >
                      <div className="linli-phone-card-row" style={{ padding: '12px 16px' }}>
                        <div style={{ minWidth: 0 }}>
                          <Flex gap={6} align="center" wrap>
                            <ActivityKindTag kind={r.kind} />
                            <Typography.Text strong>{r.activityTitle}</Typography.Text>
                          </Flex>
                          <div className="linli-muted">
                            {formatDate(`${r.deedDate}T12:00:00+08:00`, i18n.language)} ·{' '}
                            {hoursText(r.minutes, i18n.language)}
                          </div>
                        </div>
                        <Flex vertical align="end" gap={4} data-testid="hours-claim">
                          {c ? (
                            <>
                              <ClaimStateTag state={c.state} />
                              <span>{t('activities.pointsOf', { points: c.points })}</span>
                            </>
                          ) : r.claimId ? (
                            <span className="linli-muted">{t('activities.claimPending')}</span>
                          ) : (
                            <span className="linli-muted">
                              {t(
                                `activities.claimSkipped.${(r.claimSkipped ?? 'not_found') as 'not_found'}`,
                                {
                                  defaultValue: t('activities.claimSkipped.not_found'),
                                },
                              )}
                            </span>
                          )}
                        </Flex>
                      </div>
                    </Link>
                  );
                })}
              </Card>
            )}
            {h.total > PAGE_SIZE && (
              <Pagination
                align="center"
                current={page}
                pageSize={PAGE_SIZE}
                total={h.total}
                onChange={setPage}
                showSizeChanger={false}
              />
            )}
          </>
        )}
      </QueryState>
    </>
  );
}
