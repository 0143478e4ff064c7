import { RightOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Card, DatePicker, Empty, Flex, Pagination, Segmented, Select, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ACTIVITY_KINDS } from '../../../../common/contracts/activities.ts';
import { type ActivityKind, activitiesApi, activitiesKeys } from '../../api/activities.ts';
import { QueryState } from '../../components/query-state.tsx';
import { PhoneTitle } from '../points/phone-back.tsx';
import { ActivityKindTag, ActivityStateTag, activityTime, PlacesText } from './activity-parts.tsx';

const PAGE_SIZE = 10;

/** /m/activities — 志愿活动: find and join (coming up, by kind and day), or my sign-ups. */
export function PhoneActivitiesPage() {
  const { t, i18n } = useTranslation();
  const [tab, setTab] = useState<'upcoming' | 'mine'>('upcoming');
  const [kind, setKind] = useState<ActivityKind>();
  const [day, setDay] = useState<Dayjs | null>(null);
  const [page, setPage] = useState(1);
  const date = day?.format('YYYY-MM-DD');
  const filter = {
    upcoming: tab === 'upcoming' ? true : undefined,
    mine: tab === 'mine' ? true : undefined,
    kind,
    from: date,
    to: date,
    page,
    pageSize: PAGE_SIZE,
  };
  const list = useQuery({
    queryKey: [...activitiesKeys.list, 'phone', filter],
    queryFn: () => activitiesApi.list(filter),
    placeholderData: keepPreviousData,
  });
  return (
    <>
      <PhoneTitle title={t('activities.title')} />
      <Segmented
        block
        size="large"
        value={tab}
        onChange={(v) => {
          setTab(v as 'upcoming' | 'mine');
          setPage(1);
        }}
        options={[
          { value: 'upcoming', label: t('activities.upcoming') },
          { value: 'mine', label: t('activities.mine') },
        ]}
        data-testid="activities-tab"
      />
      <Flex gap={8}>
        <Select
          allowClear
          size="large"
          style={{ flex: 1 }}
          value={kind}
          placeholder={t('activities.allKinds')}
          onChange={(k?: ActivityKind) => {
            setKind(k);
            setPage(1);
          }}
          options={ACTIVITY_KINDS.map((k) => ({ value: k, label: t(`activities.kind.${k}`) }))}
          data-testid="activities-kind"
        />
        <DatePicker
          size="large"
          style={{ flex: 1 }}
          value={day}
          onChange={(d) => {
            setDay(d);
            setPage(1);
          }}
          inputReadOnly
        />
      </Flex>
      <QueryState query={list}>
        {(p) =>
          p.items.length === 0 ? (
            <Card>
              <Empty description={tab === 'mine' ? t('activities.noneMine') : t('activities.noneUpcoming')} />
            </Card>
          ) : (
            <>
              <Card styles={{ body: { padding: 0 } }} data-testid="activities-list">
                {p.items.map((a) => (
                  <Link
                    key={a.id}
                    to={`/m/activities/${a.id}`}
                    style={{ color: 'inherit', display: 'block', borderBottom: '1px solid #f0f0f0' }}
                    data-testid="activity-row"
                  >
                    <div className="linli-phone-card-row" style={{ padding: '12px 16px' }}>
                      <div style={{ minWidth: 0 }}>
                        <Flex gap={6} align="center" wrap>
                          <ActivityKindTag kind={a.kind} />
                          <Typography.Text strong>{a.title}</Typography.Text>
                        </Flex>
                        <div className="linli-muted">{activityTime(a, i18n.language)}</div>
                        <div className="linli-muted">
                          {a.place || a.organiserName} · {a.orgUnitName}
                        </div>
                        <PlacesText a={a} />
                      </div>
                      <span style={{ display: 'flex', alignItems: 'center', gap: 6 }}>
                        {a.state !== 'open' && <ActivityStateTag state={a.state} />}
                        <RightOutlined />
                      </span>
                    </div>
                  </Link>
                ))}
              </Card>
              {p.total > PAGE_SIZE && (
                <Pagination
                  align="center"
                  current={page}
                  pageSize={PAGE_SIZE}
                  total={p.total}
                  onChange={setPage}
                  showSizeChanger={false}
                />
              )}
            </>
          )
        }
      </QueryState>
    </>
  );
}
