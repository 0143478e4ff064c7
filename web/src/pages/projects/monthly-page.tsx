import { useQuery } from '@tanstack/react-query';
import { Card, Empty, Flex, Select, Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { MonthlyOut } from '../../api/projects.ts';
import { projectKeys, projectsApi, yuan } from '../../api/projects.ts';
import { PageHeader } from '../../components/page-header.tsx';
import { QueryState } from '../../components/query-state.tsx';
import { useSearchState } from '../../components/use-search-state.ts';
import { currentYear, useUnitChoice } from './projects-parts.tsx';

type Row = MonthlyOut['months'][number];

/** 月研判: month by month, the projects due then and how they stand, with the money. */
export function MonthlyPage() {
  const { t } = useTranslation();
  const { orgUnitId, picker } = useUnitChoice();
  const { values, update } = useSearchState(['year'] as const);
  const year = Number(values.year) || currentYear();
  const review = useQuery({
    queryKey: [...projectKeys.monthly, orgUnitId, year],
    queryFn: () => projectsApi.monthly(orgUnitId!, year),
    enabled: !!orgUnitId,
  });
  return (
    <>
      <PageHeader title={t('projects.monthly.title')} subTitle={t('projects.monthly.hint')} />
      <Card style={{ marginBottom: 16 }}>
        <Flex gap={12} wrap align="center">
          {picker}
          <Select
            value={year}
            onChange={(y: number) => update({ year: y })}
            options={[currentYear() + 1, currentYear(), currentYear() - 1].map((y) => ({
              value: y,
              label: `${y}`,
            }))}
            style={{ width: 100 }}
          />
        </Flex>
      </Card>
      {orgUnitId ? (
        <QueryState query={review}>{(r) => <ReviewTable review={r} />}</QueryState>
      ) : (
        <Empty description={t('projects.pickUnit')} />
      )}
    </>
  );
}

function ReviewTable({ review: r }: { review: MonthlyOut }) {
  const { t } = useTranslation();
  const n = (v: number, color?: string) =>
    v ? <span style={{ color }}>{v}</span> : <span style={{ color: '#bbb' }}>0</span>;
  return (
    <Card
      title={`${r.orgUnitName} ${r.year}`}
      extra={
        <Typography.Text type="secondary">{t('projects.monthly.asOf', { date: r.asOf })}</Typography.Text>
      }
    >
      <Table<Row>
        data-testid="monthly-table"
        rowKey="month"
        size="small"
        pagination={false}
        dataSource={r.months}
        columns={[
          { title: t('projects.monthly.month'), dataIndex: 'month', width: 100 },
          { title: t('projects.monthly.due'), dataIndex: 'due', align: 'right', render: (v: number) => n(v) },
          {
            title: t('projects.monthly.done'),
            dataIndex: 'done',
            align: 'right',
            render: (v: number) => n(v, '#389e0d'),
          },
          {
            title: t('projects.monthly.inProgress'),
            dataIndex: 'inProgress',
            align: 'right',
            render: (v: number) => n(v, '#1677ff'),
          },
          {
            title: t('projects.monthly.planned'),
            dataIndex: 'planned',
            align: 'right',
            render: (v: number) => n(v),
          },
          {
            title: t('projects.monthly.overdue'),
            dataIndex: 'overdue',
            align: 'right',
            render: (v: number) => n(v, '#cf1322'),
          },
          {
            title: t('projects.monthly.completedInMonth'),
            dataIndex: 'completedInMonth',
            align: 'right',
            render: (v: number) => n(v),
          },
          {
            title: t('projects.monthly.budgetPlanned'),
            dataIndex: 'budgetPlannedFen',
            align: 'right',
            render: (v: number) => yuan(v),
          },
          {
            title: t('projects.monthly.budgetSpent'),
            dataIndex: 'budgetSpentFen',
            align: 'right',
            render: (v: number) => yuan(v),
          },
        ]}
        summary={() => (
          <Table.Summary.Row style={{ fontWeight: 600 }}>
            <Table.Summary.Cell index={0}>{t('projects.monthly.total')}</Table.Summary.Cell>
            <Table.Summary.Cell index={1} align="right">
              {r.total.due}
            </Table.Summary.Cell>
            <Table.Summary.Cell index={2} align="right">
              {r.total.done}
            </Table.Summary.Cell>
            <Table.Summary.Cell index={3} align="right">
              {r.total.inProgress}
            </Table.Summary.Cell>
            <Table.Summary.Cell index={4} align="right">
              {r.total.planned}
            </Table.Summary.Cell>
            <Table.Summary.Cell index={5} align="right">
              {r.total.overdue}
            </Table.Summary.Cell>
            <Table.Summary.Cell index={6} align="right">
              {r.total.completedInMonth}
            </Table.Summary.Cell>
            <Table.Summary.Cell index={7} align="right">
              {yuan(r.total.budgetPlannedFen)}
            </Table.Summary.Cell>
            <Table.Summary.Cell index={8} align="right">
              {yuan(r.total.budgetSpentFen)}
            </Table.Summary.Cell>
          </Table.Summary.Row>
        )}
      />
    </Card>
  );
}
