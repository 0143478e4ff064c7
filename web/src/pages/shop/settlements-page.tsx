import { FileExcelOutlined, PrinterOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Button, Card, Col, DatePicker, Empty, Flex, Row, Select, Statistic, Table, Typography } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { formatYuan, type SettlementOut, settlementExportUrl, shopApi, shopKeys } from '../../api/shop.ts';
import { formatDateTime, todayInShanghai } from '../../components/format.ts';
import { PageHeader } from '../../components/page-header.tsx';
import { QueryState } from '../../components/query-state.tsx';
import { useSearchState } from '../../components/use-search-state.ts';

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;
const MONO = 'ui-monospace, Menlo, Consolas, "Liberation Mono", monospace';
type Line = SettlementOut['lines'][number];

/**
 * 结算单: what a provider fulfilled in a month (by 核销 time), the statement the community and the
 * provider sign; on screen, printed, or as the Excel file the finance office keeps.
 */
export function SettlementsPage() {
  const { t } = useTranslation();
  const { values, update } = useSearchState(['providerId', 'month'] as const);
  const providers = useQuery({ queryKey: shopKeys.providers, queryFn: shopApi.providers });
  const providerId = values.providerId ?? providers.data?.[0]?.id;
  const month = values.month && MONTH.test(values.month) ? values.month : todayInShanghai().slice(0, 7);
  const params = { providerId: providerId ?? '', month };
  const settlement = useQuery({
    queryKey: [...shopKeys.settlements, params],
    queryFn: () => shopApi.settlement(params),
    enabled: !!providerId,
  });
  return (
    <>
      <PageHeader
        title={t('menu.shopSettlements')}
        subTitle={t('shop.settlements.hint')}
        extra={
          <div className="linli-no-print" style={{ display: 'flex', gap: 8 }}>
            <Button
              icon={<FileExcelOutlined />}
              href={providerId ? settlementExportUrl(params) : undefined}
              disabled={!settlement.data}
              download
              data-testid="settlement-export"
            >
              {t('shop.settlements.export')}
            </Button>
            <Button icon={<PrinterOutlined />} disabled={!settlement.data} onClick={() => window.print()}>
              {t('shop.settlements.print')}
            </Button>
          </div>
        }
      />
      <Card className="linli-no-print" style={{ marginBottom: 16 }}>
        <Flex gap={16} wrap align="center">
          <Select
            value={providerId}
            onChange={(p: string) => update({ providerId: p })}
            loading={providers.isPending}
            placeholder={t('shop.items.pickProvider')}
            options={(providers.data ?? []).map((p) => ({ value: p.id, label: p.name }))}
            style={{ width: 260 }}
            data-testid="settlement-provider"
          />
          <DatePicker
            picker="month"
            allowClear={false}
            value={dayjs(`${month}-01`)}
            onChange={(d) => update({ month: d?.format('YYYY-MM') })}
            data-testid="settlement-month"
          />
        </Flex>
      </Card>
      {providerId ? (
        <QueryState query={settlement}>{(s) => <Statement settlement={s} />}</QueryState>
      ) : (
        <Card>
          <Empty description={providers.isPending ? undefined : t('shop.settlements.noProviders')} />
        </Card>
      )}
    </>
  );
}

function Statement({ settlement: s }: { settlement: SettlementOut }) {
  const { t, i18n } = useTranslation();
  const [y, m] = s.month.split('-');
  return (
    <Card data-testid="settlement">
      <Typography.Title level={4} style={{ textAlign: 'center', marginTop: 0 }}>
        {t('shop.settlements.title', { provider: s.provider.name, year: y, month: Number(m) })}
      </Typography.Title>
      <Row gutter={16} style={{ marginBottom: 16 }}>
        <Col span={8}>
          <Statistic
            title={t('shop.settlements.count')}
            value={s.totals.count}
            data-testid="settlement-count"
          />
        </Col>
        <Col span={8}>
          <Statistic title={t('shop.figures.points')} value={s.totals.points} />
        </Col>
        <Col span={8}>
          <Statistic
            title={t('shop.settlements.amount')}
            value={formatYuan(s.totals.cashValueFen)}
            styles={{ content: { color: '#c8161d' } }}
            data-testid="settlement-amount"
          />
        </Col>
      </Row>
      <Table<Line>
        rowKey="voucherCode"
        size="middle"
        dataSource={s.lines}
        pagination={false}
        locale={{ emptyText: <Empty description={t('shop.settlements.none')} /> }}
        columns={[
          {
            title: t('shop.settlements.no'),
            key: 'no',
            width: 60,
            render: (_, _l, i) => i + 1,
          },
          {
            title: t('shop.fulfilledAt'),
            dataIndex: 'fulfilledAt',
            width: 180,
            render: (v: string) => formatDateTime(v, i18n.language),
          },
          {
            title: t('shop.code'),
            dataIndex: 'voucherCode',
            width: 130,
            render: (c: string) => <span style={{ fontFamily: MONO }}>{c}</span>,
          },
          { title: t('shop.counter.item'), dataIndex: 'itemTitle' },
          { title: t('shop.quantity'), dataIndex: 'quantity', width: 70, align: 'right' },
          { title: t('shop.points'), dataIndex: 'points', width: 90, align: 'right' },
          {
            title: t('shop.settlements.amount'),
            dataIndex: 'cashValueFen',
            width: 130,
            align: 'right',
            render: (f: number) => formatYuan(f),
          },
          { title: t('shop.holder'), dataIndex: 'holderName', width: 100 },
        ]}
        summary={() =>
          s.lines.length > 0 && (
            <Table.Summary.Row>
              <Table.Summary.Cell index={0} colSpan={4}>
                <Typography.Text strong>{t('shop.figures.total')}</Typography.Text>
              </Table.Summary.Cell>
              <Table.Summary.Cell index={4} align="right">
                {s.lines.reduce((n, l) => n + l.quantity, 0)}
              </Table.Summary.Cell>
              <Table.Summary.Cell index={5} align="right">
                <Typography.Text strong>{s.totals.points}</Typography.Text>
              </Table.Summary.Cell>
              <Table.Summary.Cell index={6} align="right">
                <Typography.Text strong>{formatYuan(s.totals.cashValueFen)}</Typography.Text>
              </Table.Summary.Cell>
              <Table.Summary.Cell index={7} />
            </Table.Summary.Row>
          )
        }
      />
      <Flex justify="space-between" style={{ marginTop: 32 }} wrap gap={16}>
        <span>{t('shop.settlements.signProvider')}</span>
        <span>{t('shop.settlements.signCommunity')}</span>
        <span>{t('shop.settlements.signDate')}</span>
      </Flex>
    </Card>
  );
}
