import { useQuery } from '@tanstack/react-query';
import { Card, Col, DatePicker, Empty, Flex, Row, Statistic, Table, Tabs, Typography } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { type FigureRow, type FiguresOut, formatYuan, shopApi, shopKeys } from '../../api/shop.ts';
import { OrgUnitPicker } from '../../components/org-unit-picker.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { QueryState } from '../../components/query-state.tsx';
import { useSearchState } from '../../components/use-search-state.ts';
import { ItemsChart, MonthsChart } from './figures-chart.tsx';

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

/** 兑换统计: what points bought (兑换总价值), by item, provider, community and month. */
export function FiguresPage() {
  const { t } = useTranslation();
  const { values, update } = useSearchState(['orgUnitId', 'from', 'to'] as const);
  const from = values.from && MONTH.test(values.from) ? values.from : undefined;
  const to = values.to && MONTH.test(values.to) ? values.to : undefined;
  const params = { orgUnitId: values.orgUnitId, from, to };
  const figures = useQuery({
    queryKey: [...shopKeys.figures, params],
    queryFn: () => shopApi.figures(params),
  });
  return (
    <>
      <PageHeader title={t('menu.shopFigures')} subTitle={t('shop.figures.hint')} />
      <Card style={{ marginBottom: 16 }}>
        <Flex gap={16} wrap align="center">
          <OrgUnitPicker
            value={values.orgUnitId}
            onChange={(id) => update({ orgUnitId: id })}
            selectableKinds={['district', 'subdistrict', 'community']}
            placeholder={t('shop.figures.allUnits')}
            style={{ width: 260 }}
          />
          <DatePicker.RangePicker
            picker="month"
            allowEmpty={[true, true]}
            value={[from ? dayjs(`${from}-01`) : null, to ? dayjs(`${to}-01`) : null]}
            onChange={(range) =>
              update({ from: range?.[0]?.format('YYYY-MM'), to: range?.[1]?.format('YYYY-MM') })
            }
            placeholder={[t('shop.figures.fromMonth'), t('shop.figures.toMonth')]}
            data-testid="figures-months"
          />
        </Flex>
      </Card>
      <QueryState query={figures}>{(f) => <FiguresView figures={f} />}</QueryState>
    </>
  );
}

function FiguresView({ figures: f }: { figures: FiguresOut }) {
  const { t } = useTranslation();
  const valueName = t('shop.figures.cashValue');
  return (
    <div data-testid="figures">
      <Row gutter={[16, 16]} style={{ marginBottom: 16 }}>
        <Col xs={24} md={8}>
          <Card>
            <Statistic
              title={t('shop.figures.count')}
              value={f.totals.count}
              suffix={t('shop.figures.countUnit')}
              data-testid="figures-count"
            />
          </Card>
        </Col>
        <Col xs={24} md={8}>
          <Card>
            <Statistic
              title={t('shop.figures.points')}
              value={f.totals.points}
              suffix={t('shop.pointsUnit')}
              data-testid="figures-points"
            />
          </Card>
        </Col>
        <Col xs={24} md={8}>
          <Card>
            <Statistic
              title={valueName}
              value={formatYuan(f.totals.cashValueFen)}
              styles={{ content: { color: '#c8161d' } }}
              data-testid="figures-cash"
            />
          </Card>
        </Col>
      </Row>
      {f.totals.count === 0 ? (
        <Card>
          <Empty description={t('shop.figures.none')} />
        </Card>
      ) : (
        <>
          <Row gutter={[16, 16]} style={{ marginBottom: 16 }}>
            <Col xs={24} xl={12}>
              <Card title={t('shop.figures.byMonthChart')}>
                <MonthsChart rows={f.byMonth} valueName={valueName} pointsName={t('shop.figures.points')} />
              </Card>
            </Col>
            <Col xs={24} xl={12}>
              <Card title={t('shop.figures.byItemChart')}>
                <ItemsChart rows={f.byItem} valueName={valueName} />
              </Card>
            </Col>
          </Row>
          <Card>
            <Tabs
              items={[
                { key: 'item', label: t('shop.figures.byItem'), rows: f.byItem },
                { key: 'provider', label: t('shop.figures.byProvider'), rows: f.byProvider },
                { key: 'community', label: t('shop.figures.byCommunity'), rows: f.byCommunity },
                { key: 'month', label: t('shop.figures.byMonth'), rows: f.byMonth },
              ].map(({ key, label, rows }) => ({
                key,
                label,
                children: <FigureTable rows={rows} total={f.totals} testId={`figures-by-${key}`} />,
              }))}
            />
          </Card>
        </>
      )}
      <Typography.Paragraph type="secondary" style={{ marginTop: 12 }}>
        {t('shop.figures.note')}
      </Typography.Paragraph>
    </div>
  );
}

function FigureTable({
  rows,
  total,
  testId,
}: {
  rows: FigureRow[];
  total: FiguresOut['totals'];
  testId: string;
}) {
  const { t } = useTranslation();
  const share = (fen: number) =>
    total.cashValueFen > 0 ? `${((fen / total.cashValueFen) * 100).toFixed(1)}%` : '—';
  return (
    <Table<FigureRow>
      rowKey="key"
      size="middle"
      dataSource={rows}
      pagination={false}
      data-testid={testId}
      columns={[
        { title: t('shop.figures.name'), dataIndex: 'label' },
        { title: t('shop.figures.count'), dataIndex: 'count', width: 120, align: 'right' },
        { title: t('shop.figures.points'), dataIndex: 'points', width: 140, align: 'right' },
        {
          title: t('shop.figures.cashValue'),
          dataIndex: 'cashValueFen',
          width: 160,
          align: 'right',
          render: (fen: number) => formatYuan(fen),
        },
        {
          title: t('shop.figures.share'),
          key: 'share',
          width: 100,
          align: 'right',
          render: (_, r) => share(r.cashValueFen),
        },
      ]}
      summary={() => (
        <Table.Summary.Row>
          <Table.Summary.Cell index={0}>
            <Typography.Text strong>{t('shop.figures.total')}</Typography.Text>
          </Table.Summary.Cell>
          <Table.Summary.Cell index={1} align="right">
            <Typography.Text strong>{total.count}</Typography.Text>
          </Table.Summary.Cell>
          <Table.Summary.Cell index={2} align="right">
            <Typography.Text strong>{total.points}</Typography.Text>
          </Table.Summary.Cell>
          <Table.Summary.Cell index={3} align="right">
            <Typography.Text strong>{formatYuan(total.cashValueFen)}</Typography.Text>
          </Table.Summary.Cell>
          <Table.Summary.Cell index={4} align="right">
            {total.cashValueFen > 0 ? '100%' : '—'}
          </Table.Summary.Cell>
        </Table.Summary.Row>
      )}
    />
  );
}
