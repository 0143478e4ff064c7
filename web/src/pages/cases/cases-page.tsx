import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Card, Checkbox, Flex, Segmented, Select, Table } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { CASE_STATES } from '../../../../common/contracts/cases.ts';
import { can, useMe } from '../../app/session.ts';
import { formatDateTime } from '../../components/format.ts';
import { OrgUnitPicker } from '../../components/org-unit-picker.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { QueryError } from '../../components/query-error.tsx';
import { useSearchState } from '../../components/use-search-state.ts';
import { CaseKindTag, CaseStateTag, OverdueTag } from './case-parts.tsx';
import { type CaseOut, type CaseQuery, type CaseState, caseKeys, casesApi } from './cases-api.ts';

type Queue = 'handle' | 'check' | 'all';

/** 事项: the handler's queue (待处理), the check queue, or every case in scope; overdue rows in red. */
export function CasesPage() {
  const { t, i18n } = useTranslation();
  const me = useMe();
  const { values, page, pageSize, update } = useSearchState([
    'queue',
    'state',
    'orgUnitId',
    'overdue',
  ] as const);
  const queues: Queue[] = [
    ...(can(me, 'cases:handle') ? (['handle'] as const) : []),
    ...(can(me, 'cases:check') ? (['check'] as const) : []),
    'all',
  ];
  const queue = queues.includes(values.queue as Queue) ? (values.queue as Queue) : queues[0];
  const state = CASE_STATES.includes(values.state as CaseState) ? (values.state as CaseState) : undefined;
  const filter: CaseQuery = {
    queue: queue === 'all' ? undefined : queue,
    state,
    orgUnitId: values.orgUnitId,
    overdue: values.overdue === '1' ? true : undefined,
    page,
    pageSize,
  };
  const list = useQuery({
    queryKey: caseKeys.list(filter),
    queryFn: () => casesApi.list(filter),
    placeholderData: keepPreviousData,
  });
  const empty =
    queue === 'handle'
      ? t('cases.list.emptyHandle')
      : queue === 'check'
        ? t('cases.list.emptyCheck')
        : t('cases.list.empty');
  return (
    <>
      <PageHeader title={t('menu.cases')} subTitle={t('cases.list.hint')} />
      <Card>
        <Flex gap={12} wrap style={{ marginBottom: 16 }} align="center">
          <Segmented<Queue>
            value={queue}
            onChange={(q) => update({ queue: q })}
            options={queues.map((q) => ({ value: q, label: t(`cases.queue.${q}`) }))}
            data-testid="cases-queue"
          />
          <Select
            allowClear
            value={state}
            placeholder={t('cases.list.filterState')}
            onChange={(s?: string) => update({ state: s })}
            options={CASE_STATES.map((s) => ({ value: s, label: t(`cases.state.${s}`) }))}
            style={{ width: 160 }}
            data-testid="cases-state-filter"
          />
          <OrgUnitPicker
            value={values.orgUnitId}
            onChange={(id) => update({ orgUnitId: id })}
            placeholder={t('org.filterByUnit')}
            style={{ width: 260 }}
          />
          <Checkbox
            checked={values.overdue === '1'}
            onChange={(e) => update({ overdue: e.target.checked ? '1' : undefined })}
            data-testid="cases-overdue-filter"
          >
            {t('cases.list.overdueOnly')}
          </Checkbox>
        </Flex>
        {list.isError ? (
          <QueryError error={list.error} onRetry={() => list.refetch()} />
        ) : (
          <Table<CaseOut>
            rowKey="id"
            size="middle"
            loading={list.isFetching}
            dataSource={list.data?.items}
            locale={{ emptyText: empty }}
            onRow={(c) =>
              ({
                style: c.overdue ? { background: '#fff1f0' } : undefined,
                'data-testid': 'case-row',
              }) as object
            }
            scroll={{ x: 1100 }}
            pagination={{
              current: page,
              pageSize,
              total: list.data?.total ?? 0,
              showSizeChanger: true,
              showTotal: (total) => t('common.total', { count: total }),
              onChange: (p, size) => update({ page: p, pageSize: size }),
            }}
            columns={[
              {
                title: t('cases.field.createdAt'),
                dataIndex: 'createdAt',
                width: 170,
                render: (v: string) => formatDateTime(v, i18n.language),
              },
              {
                title: t('cases.field.category'),
                width: 190,
                render: (_, c) => (
                  <Flex gap={6} wrap align="center">
                    <CaseKindTag kind={c.kind} />
                    {c.categoryName}
                  </Flex>
                ),
              },
              {
                title: t('cases.field.description'),
                dataIndex: 'description',
                ellipsis: true,
                render: (v: string, c) => (
                  <Link to={`/admin/cases/${c.id}`} data-testid="case-link">
                    {v}
                  </Link>
                ),
              },
              { title: t('cases.field.place'), dataIndex: 'place', width: 220, ellipsis: true },
              {
                title: t('cases.field.level'),
                dataIndex: 'matterLevel',
                width: 120,
                render: (v: CaseOut['matterLevel']) => (v ? t(`cases.level.${v}`) : '—'),
              },
              {
                title: t('cases.field.assignee'),
                dataIndex: 'assigneeName',
                width: 130,
                ellipsis: true,
                render: (v: string | null) => v ?? '—',
              },
              {
                title: t('cases.field.state'),
                width: 170,
                render: (_, c) => (
                  <Flex gap={4} wrap>
                    <CaseStateTag state={c.state} />
                    {c.overdue && <OverdueTag />}
                  </Flex>
                ),
              },
            ]}
          />
        )}
      </Card>
    </>
  );
}
