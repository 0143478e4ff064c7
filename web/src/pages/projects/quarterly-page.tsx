import { FileExcelOutlined, PrinterOutlined } from '@ant-design/icons';
import { useMutation, useQuery } from '@tanstack/react-query';
import {
  Button,
  Card,
  Col,
  Descriptions,
  Empty,
  Flex,
  Row,
  Select,
  Statistic,
  Table,
  Typography,
} from 'antd';
import { useTranslation } from 'react-i18next';
import { type QuarterlyOut, projectKeys, projectsApi, yuan } from '../../api/projects.ts';
import { FormError } from '../../components/form-error.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { QueryState } from '../../components/query-state.tsx';
import { useSearchState } from '../../components/use-search-state.ts';
import { CategoryTag, currentYear, ProjectStateTag, useUnitChoice } from './projects-parts.tsx';

function currentQuarter(): string {
  const month = Number(
    new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', month: 'numeric' }).format(new Date()),
  );
  return `${currentYear()}-Q${Math.ceil(month / 3)}`;
}

/** 季总结: the projects due this quarter, by category and unit; printable and exported to Excel. */
export function QuarterlyPage() {
  const { t } = useTranslation();
  const { orgUnitId, picker } = useUnitChoice();
  const { values, update } = useSearchState(['quarter'] as const);
  const quarter = values.quarter ?? currentQuarter();
  const quarters = [currentYear(), currentYear() - 1].flatMap((y) => [4, 3, 2, 1].map((q) => `${y}-Q${q}`));
  const summary = useQuery({
    queryKey: [...projectKeys.quarterly, orgUnitId, quarter],
    queryFn: () => projectsApi.quarterly(orgUnitId!, quarter),
    enabled: !!orgUnitId,
  });
  const exportFile = useMutation({ mutationFn: () => projectsApi.exportQuarterly(orgUnitId!, quarter) });
  return (
    <>
      <PageHeader
        title={t('projects.quarterly.title')}
        subTitle={<span className="linli-no-print">{t('projects.quarterly.hint')}</span>}
        extra={
          <div className="linli-no-print">
            <Flex gap={8}>
              <Button
                icon={<FileExcelOutlined />}
                loading={exportFile.isPending}
                disabled={!summary.data}
                onClick={() => exportFile.mutate()}
                data-testid="quarterly-export"
              >
                {t('projects.quarterly.export')}
              </Button>
              <Button icon={<PrinterOutlined />} disabled={!summary.data} onClick={() => window.print()}>
                {t('projects.quarterly.print')}
              </Button>
            </Flex>
          </div>
        }
      />
      <FormError error={exportFile.error} />
      <Card className="linli-no-print" style={{ marginBottom: 16 }}>
        <Flex gap={12} wrap align="center">
          {picker}
          <Select
            value={quarter}
            onChange={(q: string) => update({ quarter: q })}
            options={quarters.map((q) => ({ value: q, label: q }))}
            style={{ width: 130 }}
            data-testid="quarterly-quarter"
          />
        </Flex>
      </Card>
      {orgUnitId ? (
        <QueryState query={summary}>{(s) => <SummaryView summary={s} />}</QueryState>
      ) : (
        <Empty description={t('projects.pickUnit')} />
      )}
    </>
  );
}

function SummaryView({ summary: s }: { summary: QuarterlyOut }) {
  const { t } = useTranslation();
  const groupColumns = (first: string, render?: (k: string) => React.ReactNode) => [
    {
      title: first,
      dataIndex: 'key',
      render: (k: string) => <span style={{ whiteSpace: 'nowrap' }}>{render ? render(k) : k}</span>,
    },
    { title: t('projects.quarterly.due'), dataIndex: 'due', align: 'right' as const, width: 90 },
    { title: t('projects.quarterly.done'), dataIndex: 'done', align: 'right' as const },
    { title: t('projects.quarterly.overdue'), dataIndex: 'overdue', align: 'right' as const },
    {
      title: t('projects.quarterly.budgetPlanned'),
      dataIndex: 'budgetPlannedFen',
      align: 'right' as const,
      render: yuan,
    },
    {
      title: t('projects.quarterly.budgetSpent'),
      dataIndex: 'budgetSpentFen',
      align: 'right' as const,
      render: yuan,
    },
  ];
  return (
    <div className="linli-projects-summary" data-testid="quarterly-summary">
      <Typography.Title level={4} style={{ textAlign: 'center' }}>
        {s.orgUnitName} {s.quarter} {t('projects.quarterly.title')}
      </Typography.Title>
      <Typography.Paragraph type="secondary" style={{ textAlign: 'center' }}>
        {t('projects.quarterly.period', { from: s.from, to: s.to, asOf: s.asOf })} ·{' '}
        {t('projects.quarterly.yearProgress', { done: s.totals.yearDone, total: s.totals.yearTotal })}
      </Typography.Paragraph>
      <Row gutter={[16, 16]} style={{ marginBottom: 16 }}>
        {(
          [
            ['due', s.totals.due],
            ['done', s.totals.done],
            ['doneOnTime', s.totals.doneOnTime],
            ['inProgress', s.totals.inProgress],
            ['overdue', s.totals.overdue],
          ] as const
        ).map(([k, v]) => (
          <Col key={k} xs={12} md={8} xl={4}>
            <Card size="small">
              <Statistic title={t(`projects.quarterly.${k}`)} value={v} />
            </Card>
          </Col>
        ))}
        <Col xs={12} md={8} xl={4}>
          <Card size="small">
            <Statistic title={t('projects.quarterly.ratingAverage')} value={s.totals.ratingAverage ?? '—'} />
          </Card>
        </Col>
      </Row>
      <Card size="small" style={{ marginBottom: 16 }}>
        <Descriptions size="small" column={2}>
          <Descriptions.Item label={t('projects.quarterly.budgetPlanned')}>
            {yuan(s.totals.budgetPlannedFen)}
          </Descriptions.Item>
          <Descriptions.Item label={t('projects.quarterly.budgetSpent')}>
            {yuan(s.totals.budgetSpentFen)}
          </Descriptions.Item>
        </Descriptions>
      </Card>
      <Row gutter={16}>
        <Col xs={24} xl={10}>
          <Card size="small" title={t('projects.quarterly.byCategory')} style={{ marginBottom: 16 }}>
            <Table
              size="small"
              rowKey="key"
              pagination={false}
              dataSource={s.byCategory}
              columns={groupColumns(t('projects.category'), (k) =>
                t(`projects.categories.${k as 'service'}`),
              )}
            />
          </Card>
        </Col>
        <Col xs={24} xl={14}>
          <Card size="small" title={t('projects.quarterly.byUnit')} style={{ marginBottom: 16 }}>
            <Table
              size="small"
              rowKey="key"
              pagination={false}
              dataSource={s.byUnit}
              columns={groupColumns(t('projects.responsibleUnit'))}
            />
          </Card>
        </Col>
      </Row>
      <Card size="small" title={t('projects.quarterly.list')}>
        <Table
          size="small"
          rowKey="number"
          pagination={false}
          dataSource={s.projects}
          columns={[
            { title: t('projects.number'), dataIndex: 'number', width: 56, align: 'right' },
            { title: t('projects.name'), dataIndex: 'title' },
            {
              title: t('projects.category'),
              dataIndex: 'category',
              width: 110,
              render: (c: QuarterlyOut['projects'][number]['category']) => <CategoryTag category={c} />,
            },
            { title: t('projects.responsibleUnit'), dataIndex: 'responsibleUnit', width: 160 },
            { title: t('projects.deadline'), dataIndex: 'deadline', width: 100 },
            {
              title: t('projects.state'),
              key: 'state',
              width: 140,
              render: (_, p) => <ProjectStateTag state={p.state} delayed={p.delayed} />,
            },
            { title: t('projects.budget'), dataIndex: 'budgetFen', width: 110, align: 'right', render: yuan },
          ]}
        />
      </Card>
    </div>
  );
}
