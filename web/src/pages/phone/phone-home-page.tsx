import { RightOutlined, SearchOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Card, Empty, Input, List, Pagination, Result, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { orgApi, orgKeys } from '../../api/org.ts';
import { hasRole, isCounterStaff, useMe } from '../../app/session.ts';
import { QueryError } from '../../components/query-error.tsx';
import { QueryState } from '../../components/query-state.tsx';
import { PhoneCasesTiles } from '../cases/phone-cases-tiles.tsx';
import { PhoneMeetingsTiles } from '../meetings/phone-meetings-tiles.tsx';
import { PhonePointsTiles } from '../points/phone-points-tiles.tsx';
import { PhoneProjectsTiles } from '../projects/phone-projects-tiles.tsx';
import { PhoneShopTiles } from '../shop/phone-shop-tiles.tsx';
import { PhoneVotesTiles } from '../votes/phone-votes-tiles.tsx';
import { PhoneToolboxTiles } from '../toolbox/phone-toolbox-tiles.tsx';
import { PhoneActivitiesTiles } from '../activities/phone-activities-tiles.tsx';
import { PhonePartnerProjectsTiles } from '../partner-projects/phone-tiles.tsx';
import { PhoneVenuesTiles } from '../venues/phone-venues-tiles.tsx';
import { HouseholdCard } from './household-card.tsx';

/** The phone home: "我的家" for a resident, household search for a grid worker (both if both). */
export function PhoneHomePage() {
  const { t } = useTranslation();
  const me = useMe();
  const homes = me.roles.filter((r) => r.role === 'resident' && r.householdId).map((r) => r.householdId!);
  const worker = hasRole(me, 'grid_worker');
  return (
    <>
      <Typography.Text type="secondary">{t('phone.hello', { name: me.user.displayName })}</Typography.Text>
      <PhonePointsTiles />
      <PhoneCasesTiles />
      <PhoneShopTiles />
      <PhoneProjectsTiles />
      <PhoneMeetingsTiles />
      <PhoneVotesTiles />
      <PhoneActivitiesTiles />
      <PhonePartnerProjectsTiles />
      <PhoneToolboxTiles />
      <PhoneVenuesTiles />
      {worker && <WorkerSearch />}
      {homes.map((id) => (
        <MyHome key={id} householdId={id} />
      ))}
      {!worker && homes.length === 0 && !isCounterStaff(me) && (
        <Card>
          <Result status="info" title={t('phone.noHousehold')} subTitle={t('phone.noHouseholdHint')} />
        </Card>
      )}
    </>
  );
}

function MyHome({ householdId }: { householdId: string }) {
  const { t } = useTranslation();
  const household = useQuery({
    queryKey: orgKeys.household(householdId),
    queryFn: () => orgApi.household(householdId),
  });
  return (
    <section aria-label={t('phone.myHome')} style={{ display: 'flex', flexDirection: 'column', gap: 12 }}>
      <Typography.Title level={4} style={{ margin: 0 }}>
        {t('phone.myHome')}
      </Typography.Title>
      <QueryState query={household} notFoundTitle={t('household.notFound')}>
        {(h) => <HouseholdCard household={h} />}
      </QueryState>
    </section>
  );
}

const PAGE_SIZE = 10;

function WorkerSearch() {
  const { t } = useTranslation();
  const [q, setQ] = useState('');
  const [page, setPage] = useState(1);
  const filter = { q: q || undefined, page, pageSize: PAGE_SIZE };
  const list = useQuery({
    queryKey: [...orgKeys.households, 'phone', filter],
    queryFn: () => orgApi.households(filter),
    placeholderData: keepPreviousData,
  });
  return (
    <section style={{ display: 'flex', flexDirection: 'column', gap: 12 }}>
      <Typography.Title level={4} style={{ margin: 0 }}>
        {t('phone.householdsInScope')}
      </Typography.Title>
      <Input.Search
        size="large"
        allowClear
        prefix={<SearchOutlined />}
        placeholder={t('household.searchPlaceholder')}
        enterButton={t('common.search')}
        onSearch={(v) => {
          setQ(v.trim());
          setPage(1);
        }}
        data-testid="phone-search"
      />
      <Card styles={{ body: { padding: 0 } }}>
        {list.isError ? (
          <QueryError error={list.error} onRetry={() => list.refetch()} />
        ) : (
          <List
            className="linli-touch-list"
            loading={list.isFetching}
            dataSource={list.data?.items}
            locale={{ emptyText: <Empty description={q ? t('household.noMatch') : t('household.none')} /> }}
            renderItem={(h) => (
              <Link to={`/m/households/${h.id}`} style={{ color: 'inherit', display: 'block' }}>
                <List.Item extra={<RightOutlined style={{ color: 'rgba(0,0,0,0.3)' }} />}>
                  <List.Item.Meta
                    title={h.address}
                    description={h.members.map((m) => m.name).join('、') || t('household.noMembers')}
                  />
                </List.Item>
              </Link>
            )}
          />
        )}
      </Card>
      {(list.data?.total ?? 0) > PAGE_SIZE && (
        <Pagination
          simple
          align="center"
          current={page}
          pageSize={PAGE_SIZE}
          total={list.data?.total ?? 0}
          onChange={setPage}
        />
      )}
    </section>
  );
}
