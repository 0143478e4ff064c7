import { RollbackOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Button, Card, Empty, Flex, Select, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { REDEMPTION_STATES } from '../../../../common/contracts/shop.ts';
import { formatYuan, type RedemptionOut, type RedemptionState, shopApi, shopKeys } from '../../api/shop.ts';
import { formatDateTime } from '../../components/format.ts';
import { PageHeader } from '../../components/page-header.tsx';
import { QueryError } from '../../components/query-error.tsx';
import { useSearchState } from '../../components/use-search-state.ts';
import { CancelRedemptionModal } from './cancel-modal.tsx';
import { RedemptionStateTag } from './shop-parts.tsx';
import { useShopLabels } from './shop-labels.ts';

const MONO = 'ui-monospace, Menlo, Consolas, "Liberation Mono", monospace';

/** 兑换订单: every redemption in my scope, newest first; an issued one can be cancelled with a refund. */
export function OrdersPage() {
  const { t, i18n } = useTranslation();
  const labels = useShopLabels();
  const { values, page, pageSize, update } = useSearchState(['state', 'providerId'] as const);
  const [cancelling, setCancelling] = useState<RedemptionOut | null>(null);
  const state = REDEMPTION_STATES.find((s) => s === values.state);
  const filter = { state, providerId: values.providerId, page, pageSize };
  const list = useQuery({
    queryKey: [...shopKeys.redemptions, 'admin', filter],
    queryFn: () => shopApi.redemptions(filter),
    placeholderData: keepPreviousData,
  });
  const providers = useQuery({ queryKey: shopKeys.providers, queryFn: shopApi.providers });
  return (
    <>
      <PageHeader title={t('menu.shopOrders')} subTitle={t('shop.orders.hint')} />
      <Card>
        <Flex gap={12} wrap style={{ marginBottom: 16 }}>
          <Select
            allowClear
            value={state}
            onChange={(s?: RedemptionState) => update({ state: s })}
            placeholder={t('shop.counter.state')}
            options={REDEMPTION_STATES.map((s) => ({ value: s, label: labels.state(s) }))}
            style={{ width: 140 }}
            data-testid="orders-state"
          />
          <Select
            allowClear
            value={values.providerId}
            onChange={(p?: string) => update({ providerId: p })}
            placeholder={t('shop.provider')}
            options={(providers.data ?? []).map((p) => ({ value: p.id, label: p.name }))}
            style={{ width: 220 }}
          />
        </Flex>
        {list.isError ? (
          <QueryError error={list.error} onRetry={() => list.refetch()} />
        ) : (
          <Table<RedemptionOut>
            data-testid="orders-table"
            rowKey="id"
            loading={list.isFetching}
            dataSource={list.data?.items}
            locale={{ emptyText: <Empty description={t('shop.orders.none')} /> }}
            pagination={{
              current: page,
              pageSize,
              total: list.data?.total ?? 0,
              showSizeChanger: true,
              showTotal: (total) => t('common.total', { count: total }),
              onChange: (p, size) => update({ page: p, pageSize: size }),
            }}
            scroll={{ x: 1080 }}
            columns={[
              {
                title: t('shop.createdAt'),
                dataIndex: 'createdAt',
                width: 165,
                render: (v: string) => formatDateTime(v, i18n.language),
              },
              {
                title: t('shop.code'),
                dataIndex: 'voucherCode',
                width: 130,
                render: (c: string) => <span style={{ fontFamily: MONO, whiteSpace: 'nowrap' }}>{c}</span>,
              },
              {
                title: t('shop.counter.item'),
                key: 'item',
                render: (_, r) => (
                  <div>
                    <div>
                      {r.itemTitle}
                      {r.quantity > 1 && ` ×${r.quantity}`}
                    </div>
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {r.providerName}
                    </Typography.Text>
                  </div>
                ),
              },
              {
                title: t('shop.holder'),
                key: 'holder',
                width: 100,
                render: (_, r) => (
                  <>
                    {r.holderName}
                    {r.proxy && (
                      <Tag color="purple" style={{ marginInlineStart: 6 }}>
                        {t('shop.proxy')}
                      </Tag>
                    )}
                  </>
                ),
              },
              { title: t('shop.points'), dataIndex: 'points', width: 70, align: 'right' },
              {
                title: t('shop.cashValue'),
                dataIndex: 'cashValueFen',
                width: 100,
                align: 'right',
                render: (f: number) => formatYuan(f),
              },
              {
                title: t('shop.counter.state'),
                dataIndex: 'state',
                width: 80,
                render: (s: RedemptionState) => <RedemptionStateTag state={s} />,
              },
              {
                title: t('shop.orders.when'),
                key: 'when',
                width: 165,
                render: (_, r) =>
                  r.state === 'cancelled' || r.state === 'expired' ? (
                    <Typography.Text type="secondary">{t('shop.orders.refunded')}</Typography.Text>
                  ) : (
                    <div style={{ whiteSpace: 'nowrap' }}>
                      <div>{formatDateTime(r.fulfilledAt ?? r.expiresAt, i18n.language)}</div>
                      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                        {r.fulfilledAt ? t('shop.orders.fulfilled') : t('shop.orders.validUntil')}
                      </Typography.Text>
                    </div>
                  ),
              },
              {
                title: t('common.actions'),
                key: 'actions',
                width: 120,
                fixed: 'right',
                render: (_, r) =>
                  r.state === 'issued' &&
                  r.allowed.includes('shop:manage') && (
                    <Button
                      type="link"
                      size="small"
                      danger
                      icon={<RollbackOutlined />}
                      onClick={() => setCancelling(r)}
                      data-testid="order-cancel"
                    >
                      {t('shop.orders.cancel')}
                    </Button>
                  ),
              },
            ]}
          />
        )}
      </Card>
      {cancelling && <CancelRedemptionModal redemption={cancelling} onClose={() => setCancelling(null)} />}
    </>
  );
}
