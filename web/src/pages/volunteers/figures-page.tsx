import { useQuery } from '@tanstack/react-query';
import { Card, Col, DatePicker, Empty, Flex, Row, Skeleton, Statistic, Table, Typography } from 'antd';
import dayjs from 'dayjs';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { type FiguresOut, volunteersApi, volunteersKeys } from '../../api/volunteers.ts';
import { OrgUnitPicker } from '../../components/org-unit-picker.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { QueryError } from '../../components/query-error.tsx';
import { useSearchState } from '../../components/use-search-state.ts';

type Counts = { activities: number; participants: number; hours: number };

/** A number with a plain bar behind it, scaled to the column's largest value. */
function Bar({ value, max, color = '#d4380d' }: { value: number; max: number; color?: string }) {
  const width = max > 0 ? Math.max(2, Math.round((value / max) * 100)) : 0;
  return (
    <Flex align="center" gap={8}>
      <div style={{ flex: 1, background: '#f5f5f5', height: 10, borderRadius: 2, minWidth: 60 }}>
        <div style={{ width: `${width}%`, background: color, height: 10, borderRadius: 2 }} />
      </div>
      <span style={{ minWidth: 48, textAlign: 'right' }}>{value}</span>
    </Flex>
  );
}

/** 志愿服务统计: activities, participants, hours and service visits by month, team, venue and level. */
export function VolunteerFiguresPage() {
  const { t } = useTranslation();
  const { values, update } = useSearchState(['orgUnitId', 'from', 'to'] as const);
  const q = { orgUnitId: values.orgUnitId, from: values.from, to: values.to };
  const figures = useQuery({ queryKey: volunteersKeys.figures(q), queryFn: () => volunteersApi.figures(q) });
  const f = figures.data;
  return (
    <>
      <PageHeader title={t('menu.volunteerFigures')} subTitle={t('volunteers.figures.hint')} />
      <Flex vertical gap={16}>
        <Card>
          <Flex gap={12} wrap align="center">
            <span>{t('volunteers.figures.unit')}</span>
            <OrgUnitPicker
              value={values.orgUnitId}
              onChange={(id) => update({ orgUnitId: id })}
              selectableKinds={['district', 'subdistrict', 'community', 'compound']}
              allowClear
              style={{ width: 240 }}
            />
            <span>{t('volunteers.figures.range')}</span>
            <DatePicker.RangePicker
              picker="month"
              allowClear={false}
              value={f ? [dayjs(`${f.from}-01`), dayjs(`${f.to}-01`)] : undefined}
              onChange={(r) =>
                r?.[0] && r[1] && update({ from: r[0].format('YYYY-MM'), to: r[1].format('YYYY-MM') })
              }
              data-testid="figures-range"
            />
          </Flex>
        </Card>
        {figures.isError ? (
          <QueryError error={figures.error} onRetry={() => figures.refetch()} />
        ) : !f ? (
          <Skeleton active paragraph={{ rows: 8 }} />
        ) : (
          <FiguresBody f={f} />
        )}
      </Flex>
    </>
  );
}

function FiguresBody({ f }: { f: FiguresOut }) {
  const { t } = useTranslation();
  const maxOf = (rows: Counts[], k: keyof Counts) => Math.max(0, ...rows.map((r) => r[k]));
  const countCols = (rows: Counts[]) => [
    {
      title: t('volunteers.figures.activities'),
      key: 'a',
      render: (_: unknown, r: Counts) => <Bar value={r.activities} max={maxOf(rows, 'activities')} />,
    },
    {
      title: t('volunteers.figures.participants'),
      key: 'p',
      render: (_: unknown, r: Counts) => (
        <Bar value={r.participants} max={maxOf(rows, 'participants')} color="#fa8c16" />
      ),
    },
    {
      title: t('volunteers.figures.hours'),
      key: 'h',
      render: (_: unknown, r: Counts) => <Bar value={r.hours} max={maxOf(rows, 'hours')} color="#389e0d" />,
    },
  ];
  const empty = { emptyText: <Empty description={t('volunteers.figures.none')} /> };
  const maxVisits = Math.max(0, ...f.byMonth.map((r) => r.visits ?? 0));
  const section = (title: string, node: ReactNode) => (
    <Card title={title} size="small">
      {node}
    </Card>
  );
  return (
    <>
      <Row gutter={16}>
        {(
          [
            ['activities', f.totals.activities],
            ['participants', f.totals.participants],
            ['hours', f.totals.hours],
            ['visits', f.totals.visits ?? 0],
          ] as const
        ).map(([k, v]) => (
          <Col xs={12} md={6} key={k}>
            <Card>
              <Statistic title={t(`volunteers.figures.${k}`)} value={v} data-testid={`figure-${k}`} />
            </Card>
          </Col>
        ))}
      </Row>
      {section(
        t('volunteers.figures.byMonth'),
        <Table
          rowKey="month"
          size="small"
          pagination={false}
          dataSource={f.byMonth}
          locale={empty}
          data-testid="figures-by-month"
          columns={[
            { title: t('volunteers.figures.month'), dataIndex: 'month', width: 100 },
            ...countCols(f.byMonth),
            {
              title: t('volunteers.figures.visits'),
              key: 'v',
              render: (_: unknown, r: FiguresOut['byMonth'][number]) => (
                <Bar value={r.visits ?? 0} max={maxVisits} color="#1677ff" />
              ),
            },
          ]}
        />,
      )}
      <Row gutter={16}>
        <Col xs={24} xl={12}>
          {section(
            t('volunteers.figures.byTeam'),
            <Table
              rowKey="teamId"
              size="small"
              pagination={false}
              dataSource={f.byTeam}
              locale={empty}
              columns={[{ title: t('volunteers.figures.team'), dataIndex: 'name' }, ...countCols(f.byTeam)]}
            />,
          )}
        </Col>
        <Col xs={24} xl={12}>
          {section(
            t('volunteers.figures.byLevel'),
            <Table
              rowKey="level"
              size="small"
              pagination={false}
              dataSource={f.byLevel}
              locale={empty}
              columns={[
                {
                  title: t('volunteers.figures.level'),
                  key: 'level',
                  render: (_: unknown, r: FiguresOut['byLevel'][number]) => t(`volunteers.level.${r.level}`),
                },
                ...countCols(f.byLevel),
              ]}
            />,
          )}
        </Col>
      </Row>
      {section(
        t('volunteers.figures.byVenue'),
        <Table
          rowKey="venueId"
          size="small"
          pagination={false}
          dataSource={f.byVenue}
          locale={empty}
          columns={[
            { title: t('volunteers.figures.venue'), dataIndex: 'name' },
            ...countCols(f.byVenue),
            {
              title: t('volunteers.figures.visits'),
              key: 'v',
              render: (_: unknown, r: FiguresOut['byVenue'][number]) => (
                <Bar
                  value={r.visits ?? 0}
                  max={Math.max(0, ...f.byVenue.map((x) => x.visits ?? 0))}
                  color="#1677ff"
                />
              ),
            },
          ]}
        />,
      )}
      <Typography.Text type="secondary">
        {f.from} — {f.to}
      </Typography.Text>
    </>
  );
}
