import { useQuery } from '@tanstack/react-query';
import { Alert, Card, Col, DatePicker, Flex, Row, Select, Statistic, Table } from 'antd';
import dayjs from 'dayjs';
import { BarChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useMemo, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { CASE_KINDS } from '../../../../common/contracts/cases.ts';
import { OrgUnitPicker } from '../../components/org-unit-picker.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { QueryState } from '../../components/query-state.tsx';
import { useSearchState } from '../../components/use-search-state.ts';
import { type CaseFigures, caseListKeys, caseListsApi, type FiguresQuery } from './api.ts';

echarts.use([BarChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

type Tally = CaseFigures['totals'];
const COLORS = { resolvedLocally: '#389e0d', escalated: '#d46b08', open: '#1677ff' };

/** 分级处置: found, resolved locally, escalated, open — the seed's sentence, by community, month, category. */
export function CaseFiguresPage() {
  const { t } = useTranslation();
  const { values, update } = useSearchState(['orgUnitId', 'from', 'to', 'kind'] as const);
  const q: FiguresQuery = {
    orgUnitId: values.orgUnitId,
    from: values.from,
    to: values.to,
    kind: values.kind as FiguresQuery['kind'],
  };
  const figures = useQuery({ queryKey: caseListKeys.figures(q), queryFn: () => caseListsApi.figures(q) });
  return (
    <>
      <PageHeader title={t('caseLists.figures.title')} subTitle={t('caseLists.figures.hint')} />
      <Card style={{ marginBottom: 16 }} styles={{ body: { padding: 16 } }}>
        <Flex gap={12} wrap align="center">
          <OrgUnitPicker
            value={values.orgUnitId}
            onChange={(id) => update({ orgUnitId: id })}
            placeholder={t('caseLists.lists.unit')}
            style={{ width: 220 }}
          />
          <DatePicker.RangePicker
            value={values.from && values.to ? [dayjs(values.from), dayjs(values.to)] : null}
            onChange={(r) => update({ from: r?.[0]?.format('YYYY-MM-DD'), to: r?.[1]?.format('YYYY-MM-DD') })}
          />
          <Select
            allowClear
            placeholder={t('caseLists.figures.allKinds')}
            value={values.kind}
            onChange={(v) => update({ kind: v })}
            style={{ width: 140 }}
            options={CASE_KINDS.map((k) => ({ value: k, label: t(`caseLists.kind.${k}`) }))}
            data-testid="figures-kind"
          />
        </Flex>
      </Card>
      <QueryState query={figures}>{(f) => <Figures f={f} />}</QueryState>
    </>
  );
}

function Figures({ f }: { f: CaseFigures }) {
  const { t } = useTranslation();
  const ft = (k: string) => t(`caseLists.figures.${k}` as 'caseLists.figures.found');
  const tallyColumns = [
    { title: ft('found'), dataIndex: 'found', width: 100, align: 'right' as const },
    { title: ft('resolvedLocally'), dataIndex: 'resolvedLocally', width: 100, align: 'right' as const },
    { title: ft('escalated'), dataIndex: 'escalated', width: 100, align: 'right' as const },
    { title: ft('open'), dataIndex: 'open', width: 100, align: 'right' as const },
  ];
  return (
    <Flex vertical gap={16}>
      <Alert
        type="info"
        showIcon
        data-testid="figures-headline"
        title={t('caseLists.figures.headline', {
          from: f.from,
          to: f.to,
          unit: f.orgUnitName,
          found: f.totals.found,
          local: f.totals.resolvedLocally,
          escalated: f.totals.escalated,
          open: f.totals.open,
        })}
      />
      <Row gutter={16}>
        {(['found', 'resolvedLocally', 'escalated', 'open'] as const).map((k) => (
          <Col span={6} key={k}>
            <Card>
              <Statistic
                title={ft(k)}
                value={f.totals[k]}
                styles={{ content: { color: k === 'found' ? undefined : COLORS[k] } }}
                data-testid={`figures-${k}`}
              />
            </Card>
          </Col>
        ))}
      </Row>
      <Card title={ft('byMonth')}>
        <MonthsChart
          rows={f.byMonth}
          labels={{ resolvedLocally: ft('resolvedLocally'), escalated: ft('escalated'), open: ft('open') }}
        />
      </Card>
      <Row gutter={16}>
        <Col span={12}>
          <Card title={ft('byCommunity')} styles={{ body: { padding: 0 } }}>
            <Table<Tally & { id: string; name: string }>
              rowKey="id"
              size="small"
              pagination={false}
              dataSource={f.byCommunity}
              columns={[{ title: ft('community'), dataIndex: 'name' }, ...tallyColumns]}
            />
          </Card>
        </Col>
        <Col span={12}>
          <Card title={ft('byCategory')} styles={{ body: { padding: 0 } }}>
            <Table<Tally & { code: string; name: string }>
              rowKey="code"
              size="small"
              pagination={false}
              dataSource={f.byCategory}
              columns={[{ title: ft('category'), dataIndex: 'name' }, ...tallyColumns]}
            />
          </Card>
        </Col>
      </Row>
    </Flex>
  );
}

/** Each month's cases as one stacked bar: resolved locally, escalated (to departments), and the rest still open. */
function MonthsChart({
  rows,
  labels,
}: {
  rows: CaseFigures['byMonth'];
  labels: Record<keyof typeof COLORS, string>;
}) {
  const option = useMemo(
    () => ({
      grid: { left: 8, right: 8, top: 36, bottom: 8, containLabel: true },
      tooltip: { trigger: 'axis' },
      legend: { top: 0 },
      xAxis: { type: 'category', data: rows.map((r) => r.month), axisTick: { show: false } },
      yAxis: { type: 'value', minInterval: 1, splitLine: { lineStyle: { color: '#f0f0f0' } } },
      series: [
        { key: 'resolvedLocally', data: rows.map((r) => r.resolvedLocally) },
        { key: 'escalated', data: rows.map((r) => r.escalated) },
        // Open and not with departments: the local work still in hand.
        { key: 'open', data: rows.map((r) => Math.max(0, r.found - r.resolvedLocally - r.escalated)) },
      ].map((s) => ({
        name: labels[s.key as keyof typeof COLORS],
        type: 'bar',
        stack: 'total',
        data: s.data,
        itemStyle: { color: COLORS[s.key as keyof typeof COLORS] },
        barMaxWidth: 36,
      })),
    }),
    [rows, labels],
  );
  const el = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!el.current) return;
    const chart = echarts.init(el.current);
    chart.setOption(option);
    const resize = new ResizeObserver(() => chart.resize());
    resize.observe(el.current);
    return () => {
      resize.disconnect();
      chart.dispose();
    };
  }, [option]);
  return <div ref={el} style={{ height: 280 }} data-testid="figures-chart" />;
}
