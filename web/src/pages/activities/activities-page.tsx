import { PlusOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Button, Card, DatePicker, Empty, Flex, Input, Select, Table, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ACTIVITY_KINDS, ACTIVITY_STATES } from '../../../../common/contracts/activities.ts';
import {
  type ActivityKind,
  type ActivityState,
  type ActivitySummary,
  activitiesApi,
  activitiesKeys,
} from '../../api/activities.ts';
import { can, useMe } from '../../app/session.ts';
import { PageHeader } from '../../components/page-header.tsx';
import { QueryError } from '../../components/query-error.tsx';
import { useSearchState } from '../../components/use-search-state.ts';
import { ActivityFormModal } from './activity-form.tsx';
import { ActivityKindTag, ActivityStateTag, activityTime } from './activity-parts.tsx';

/** 志愿活动 (desktop): every activity in my scope, newest first, with search and filters; publish one. */
export function ActivitiesPage() {
  const { t, i18n } = useTranslation();
  const me = useMe();
  const { values, page, pageSize, update } = useSearchState(['q', 'kind', 'state', 'from', 'to'] as const);
  const [creating, setCreating] = useState(false);
  const kind = ACTIVITY_KINDS.find((k) => k === values.kind);
  const state = ACTIVITY_STATES.find((s) => s === values.state);
  const filter = { q: values.q, kind, state, from: values.from, to: values.to, page, pageSize };
  const list = useQuery({
    queryKey: [...activitiesKeys.list, filter],
    queryFn: () => activitiesApi.list(filter),
    placeholderData: keepPreviousData,
  });
  return (
    <>
      <PageHeader
        title={t('menu.volunteerActivities')}
        subTitle={t('activities.hint')}
        extra={
          can(me, 'volunteers:manage') && (
            <Button
              type="primary"
              icon={<PlusOutlined />}
              onClick={() => setCreating(true)}
              data-testid="activity-create"
            >
              {t('activities.create')}
            </Button>
          )
        }
      />
      <Card>
        <Flex gap={12} wrap style={{ marginBottom: 16 }}>
          <Input.Search
            allowClear
            defaultValue={values.q}
            placeholder={t('activities.searchPlaceholder')}
            onSearch={(q) => update({ q })}
            style={{ width: 240 }}
            data-testid="activities-search"
          />
          <Select
            allowClear
            value={kind}
            onChange={(k?: ActivityKind) => update({ kind: k })}
            placeholder={t('activities.allKinds')}
            options={ACTIVITY_KINDS.map((k) => ({ value: k, label: t(`activities.kind.${k}`) }))}
            style={{ width: 150 }}
          />
          <Select
            allowClear
            value={state}
            onChange={(s?: ActivityState) => update({ state: s })}
            placeholder={t('activities.stateFilter')}
            options={ACTIVITY_STATES.map((s) => ({ value: s, label: t(`activities.state.${s}`) }))}
            style={{ width: 130 }}
          />
          <DatePicker.RangePicker
            value={values.from && values.to ? [dayjs(values.from), dayjs(values.to)] : null}
            onChange={(r) => update({ from: r?.[0]?.format('YYYY-MM-DD'), to: r?.[1]?.format('YYYY-MM-DD') })}
          />
        </Flex>
        {list.isError ? (
          <QueryError error={list.error} onRetry={() => list.refetch()} />
        ) : (
          <Table<ActivitySummary>
            data-testid="activities-table"
            rowKey="id"
            loading={list.isFetching}
            dataSource={list.data?.items}
            locale={{ emptyText: <Empty description={t('activities.none')} /> }}
            pagination={{
              current: page,
              pageSize,
              total: list.data?.total ?? 0,
              showSizeChanger: true,
              showTotal: (total) => t('common.total', { count: total }),
              onChange: (p, size) => update({ page: p, pageSize: size }),
            }}
            scroll={{ x: 1000 }}
            columns={[
              {
                title: t('activities.columns.time'),
                key: 'time',
                width: 190,
                render: (_, a) => activityTime(a, i18n.language),
              },
              {
                title: t('activities.columns.title'),
                key: 'title',
                render: (_, a) => (
                  <div>
                    <Link to={`/admin/activities/${a.id}`}>{a.title}</Link>
                    <div>
                      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                        {a.organiserName} · {a.orgUnitName}
                      </Typography.Text>
                    </div>
                  </div>
                ),
              },
              {
                title: t('activities.columns.kind'),
                dataIndex: 'kind',
                width: 110,
                render: (k: ActivityKind) => <ActivityKindTag kind={k} />,
              },
              {
                title: t('activities.columns.places'),
                key: 'places',
                width: 130,
                render: (_, a) => (
                  <span>
                    {a.confirmed}/{a.capacity}
                    {a.waiting > 0 && <Typography.Text type="warning">{` +${a.waiting}`}</Typography.Text>}
                  </span>
                ),
              },
              {
                title: t('activities.columns.state'),
                dataIndex: 'state',
                width: 100,
                render: (s: ActivityState) => <ActivityStateTag state={s} />,
              },
            ]}
          />
        )}
      </Card>
      {creating && <ActivityFormModal onClose={() => setCreating(false)} />}
    </>
  );
}
