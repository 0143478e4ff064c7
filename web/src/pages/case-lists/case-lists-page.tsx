import { FileExcelOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Button, Card, DatePicker, Flex, Input, Select, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { CASE_KINDS, CASE_STATES, RESOLUTIONS } from '../../../../common/contracts/cases.ts';
import { formatShortDateTime } from '../../components/format.ts';
import { OrgUnitPicker } from '../../components/org-unit-picker.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { QueryError } from '../../components/query-error.tsx';
import { useSearchState } from '../../components/use-search-state.ts';
import {
  type CaseListName,
  type CaseListQuery,
  type CaseListRow,
  caseListKeys,
  caseListsApi,
} from './api.ts';

const FILTERS = [
  'orgUnitId',
  'state',
  'kind',
  'categoryCode',
  'from',
  'to',
  'overdue',
  'resolution',
  'q',
] as const;

export function DemandListPage() {
  return <CaseListPage list="demands" />;
}
export function TaskListPage() {
  return <CaseListPage list="tasks" />;
}

/** 民生诉求清单 / 治理任务清单: filters in the URL, pages from the server, the same filter in Excel. */
function CaseListPage({ list }: { list: CaseListName }) {
  const { t, i18n } = useTranslation();
  const { values, page, pageSize, update } = useSearchState(FILTERS);
  const q: CaseListQuery = {
    ...values,
    overdue: values.overdue as 'true' | 'false' | undefined,
    page,
    pageSize,
  } as CaseListQuery;
  const rows = useQuery({
    queryKey: caseListKeys.list(list, q),
    queryFn: () => caseListsApi.list(list, q),
    placeholderData: keepPreviousData,
  });
  const label = (k: string) => t(`caseLists.lists.${k}` as 'caseLists.lists.place');
  const when = (iso: string | null) => (iso ? formatShortDateTime(iso, i18n.language) : '—');

  const columns: ColumnsType<CaseListRow> = [
    { title: label('reportedAt'), dataIndex: 'reportedAt', width: 110, render: when },
    {
      title: label('place'),
      key: 'place',
      width: 160,
      render: (_, r) => (
        <span>
          {r.communityName}
          {r.place ? <Typography.Text type="secondary"> · {r.place}</Typography.Text> : null}
        </span>
      ),
    },
    {
      title: t('caseLists.lists.category'),
      key: 'category',
      width: 120,
      render: (_, r) => (
        <Flex vertical gap={2}>
          <span>{r.categoryName}</span>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t(`caseLists.kind.${r.kind}`)}
          </Typography.Text>
        </Flex>
      ),
    },
    {
      title: label('description'),
      dataIndex: 'description',
      ellipsis: true,
      render: (d: string, r) => <Link to={`/admin/cases/${r.id}`}>{d}</Link>,
    },
    {
      title: label('status'),
      key: 'state',
      width: 110,
      render: (_, r) => (
        <Flex gap={4} wrap>
          <Tag
            color={
              r.state === 'closed'
                ? 'green'
                : ['invalid', 'duplicate', 'withdrawn'].includes(r.state)
                  ? 'default'
                  : 'blue'
            }
          >
            {t(`caseLists.state.${r.state}`)}
          </Tag>
          {r.overdue ? <Tag color="red">{label('overdueTag')}</Tag> : null}
          {list === 'tasks' && r.matterLevel ? (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t(`caseLists.level.${r.matterLevel}` as 'caseLists.level.building')}
            </Typography.Text>
          ) : null}
        </Flex>
      ),
    },
    ...(list === 'demands'
      ? ([
          {
            title: label('reporter'),
            key: 'reporter',
            width: 110,
            render: (_, r) => (
              <Flex vertical gap={2}>
                <span>{r.reporterName}</span>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {t(`caseLists.via.${r.reportedVia}` as 'caseLists.via.resident', {
                    defaultValue: r.reportedVia,
                  })}
                </Typography.Text>
              </Flex>
            ),
          },
          {
            title: label('assignee'),
            key: 'assignee',
            width: 160,
            render: (_, r) => r.assigneeName ?? (r.departments.join('、') || '—'),
          },
        ] satisfies ColumnsType<CaseListRow>)
      : ([
          {
            title: `${label('assignee')} / ${label('departments')}`,
            key: 'assignee',
            width: 150,
            render: (_, r) => (
              <Flex vertical gap={2}>
                {r.assigneeName ? <span>{r.assigneeName}</span> : null}
                {r.departments.map((d) => (
                  <Tag key={d} color="orange" style={{ marginInlineEnd: 0, width: 'fit-content' }}>
                    {d}
                  </Tag>
                ))}
                {!r.assigneeName && r.departments.length === 0 ? '—' : null}
              </Flex>
            ),
          },
          { title: label('dueAt'), dataIndex: 'dueAt', width: 110, render: when },
        ] satisfies ColumnsType<CaseListRow>)),
    {
      title: label('result'),
      key: 'result',
      width: 100,
      render: (_, r) => (
        <Flex vertical gap={2}>
          {r.resolution ? <span>{t(`caseLists.resolution.${r.resolution}`)}</span> : '—'}
          {r.rating ? <Typography.Text type="secondary">{'★'.repeat(r.rating)}</Typography.Text> : null}
        </Flex>
      ),
    },
  ];

  return (
    <>
      <PageHeader
        title={t(list === 'demands' ? 'menu.caseDemands' : 'menu.caseTasks')}
        subTitle={label(list === 'demands' ? 'demandsHint' : 'tasksHint')}
        extra={
          <Button
            icon={<FileExcelOutlined />}
            href={caseListsApi.exportUrl(list, q)}
            download
            data-testid="case-list-export"
          >
            {label('export')}
          </Button>
        }
      />
      <Card style={{ marginBottom: 16 }} styles={{ body: { padding: 16 } }}>
        <Flex gap={12} wrap align="center">
          <OrgUnitPicker
            value={values.orgUnitId}
            onChange={(id) => update({ orgUnitId: id })}
            placeholder={label('unit')}
            style={{ width: 220 }}
          />
          <Select
            allowClear
            placeholder={label('allKinds')}
            value={values.kind}
            onChange={(v) => update({ kind: v })}
            style={{ width: 130 }}
            options={CASE_KINDS.filter((k) => list === 'tasks' || k === 'demand' || k === 'suggestion').map(
              (k) => ({
                value: k,
                label: t(`caseLists.kind.${k}`),
              }),
            )}
            data-testid="filter-kind"
          />
          <Select
            allowClear
            placeholder={label('allStates')}
            value={values.state}
            onChange={(v) => update({ state: v })}
            style={{ width: 130 }}
            options={CASE_STATES.map((s) => ({ value: s, label: t(`caseLists.state.${s}`) }))}
            data-testid="filter-state"
          />
          <DatePicker.RangePicker
            value={values.from && values.to ? [dayjs(values.from), dayjs(values.to)] : null}
            onChange={(r) => update({ from: r?.[0]?.format('YYYY-MM-DD'), to: r?.[1]?.format('YYYY-MM-DD') })}
            placeholder={[label('dates'), label('dates')]}
          />
          <Select
            allowClear
            placeholder={label('overdue')}
            value={values.overdue}
            onChange={(v) => update({ overdue: v })}
            style={{ width: 110 }}
            options={[
              { value: 'true', label: label('overdueYes') },
              { value: 'false', label: label('overdueNo') },
            ]}
            data-testid="filter-overdue"
          />
          <Select
            allowClear
            placeholder={label('allResolutions')}
            value={values.resolution}
            onChange={(v) => update({ resolution: v })}
            style={{ width: 130 }}
            options={RESOLUTIONS.map((r) => ({ value: r, label: t(`caseLists.resolution.${r}`) }))}
          />
          <Input.Search
            allowClear
            placeholder={label('search')}
            defaultValue={values.q}
            onSearch={(v) => update({ q: v.trim() || undefined })}
            style={{ width: 200 }}
            data-testid="filter-q"
          />
          <Button onClick={() => update(Object.fromEntries(FILTERS.map((f) => [f, undefined])))}>
            {label('reset')}
          </Button>
        </Flex>
      </Card>
      {rows.isError ? (
        <QueryError error={rows.error} onRetry={() => rows.refetch()} />
      ) : (
        <Table<CaseListRow>
          rowKey="id"
          size="middle"
          loading={rows.isFetching}
          dataSource={rows.data?.items ?? []}
          columns={columns}
          data-testid="case-list"
          pagination={{
            current: page,
            pageSize,
            total: rows.data?.total ?? 0,
            showSizeChanger: true,
            showTotal: (n) => t('caseLists.lists.total', { count: n }),
            onChange: (p, s) => update({ page: p, pageSize: s }),
          }}
        />
      )}
    </>
  );
}
