import { RightOutlined, ShoppingOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Button, Card, Empty, Flex, Pagination, Segmented, Skeleton, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { REDEMPTION_STATES } from '../../../../common/contracts/shop.ts';
import { type RedemptionState, shopApi, shopKeys } from '../../api/shop.ts';
import { formatShortDateTime } from '../../components/format.ts';
import { QueryError } from '../../components/query-error.tsx';
import { useSearchState } from '../../components/use-search-state.ts';
import { PhoneTitle } from '../points/phone-back.tsx';
import { RedemptionStateTag } from './shop-parts.tsx';

const PAGE_SIZE = 20;

/** /m/shop/redemptions — 我的兑换: my vouchers, newest first, each opening its QR. */
export function PhoneRedemptionsPage() {
  const { t, i18n } = useTranslation();
  const { values, page, update } = useSearchState(['state'] as const);
  const state = REDEMPTION_STATES.find((s) => s === values.state);
  const filter = { mine: true, state, page, pageSize: PAGE_SIZE };
  const list = useQuery({
    queryKey: [...shopKeys.redemptions, 'mine', filter],
    queryFn: () => shopApi.redemptions(filter),
    placeholderData: keepPreviousData,
  });
  return (
    <>
      <PhoneTitle
        title={t('shop.tileMine')}
        back="/m/shop"
        extra={
          <Link to="/m/shop">
            <Button icon={<ShoppingOutlined />}>{t('shop.tileShop')}</Button>
          </Link>
        }
      />
      <Segmented
        block
        value={state ?? 'all'}
        onChange={(v) => update({ state: v === 'all' ? undefined : String(v) })}
        options={[
          { value: 'all', label: t('shop.allStates') },
          ...REDEMPTION_STATES.map((s: RedemptionState) => ({ value: s, label: t(`shop.state.${s}`) })),
        ]}
        data-testid="redemption-states"
      />
      {list.isError ? (
        <QueryError error={list.error} onRetry={() => list.refetch()} />
      ) : !list.data ? (
        <Skeleton active paragraph={{ rows: 6 }} />
      ) : list.data.items.length === 0 ? (
        <Card>
          <Empty description={t('shop.noRedemptions')}>
            <Link to="/m/shop">
              <Button type="primary">{t('shop.backToShop')}</Button>
            </Link>
          </Empty>
        </Card>
      ) : (
        <Card styles={{ body: { padding: 0 } }} data-testid="my-redemptions">
          {list.data.items.map((r) => (
            <Link
              key={r.id}
              to={`/m/shop/redemptions/${r.id}`}
              style={{ color: 'inherit', display: 'block', borderBottom: '1px solid #f0f0f0' }}
              data-testid="my-redemption"
            >
              <div className="linli-phone-card-row" style={{ padding: '12px 16px' }}>
                <div>
                  <div style={{ wordBreak: 'break-word' }}>
                    {r.itemTitle}
                    {r.quantity > 1 && ` ×${r.quantity}`}
                  </div>
                  <div className="linli-muted">
                    {r.providerName} · {formatShortDateTime(r.createdAt, i18n.language)}
                  </div>
                </div>
                <Flex vertical align="flex-end" gap={4}>
                  {/* Cancelled and expired ones were refunded: the points are struck through. */}
                  <Typography.Text
                    strong
                    delete={r.state === 'cancelled' || r.state === 'expired'}
                    type={r.state === 'cancelled' || r.state === 'expired' ? 'secondary' : undefined}
                    style={{
                      color: r.state === 'cancelled' || r.state === 'expired' ? undefined : '#cf1322',
                      whiteSpace: 'nowrap',
                    }}
                  >
                    -{r.points}
                  </Typography.Text>
                  <RedemptionStateTag state={r.state} />
                </Flex>
                <RightOutlined style={{ color: 'rgba(0,0,0,0.3)', alignSelf: 'center' }} />
              </div>
            </Link>
          ))}
        </Card>
      )}
      {(list.data?.total ?? 0) > PAGE_SIZE && (
        <Pagination
          simple
          align="center"
          current={page}
          pageSize={PAGE_SIZE}
          total={list.data?.total ?? 0}
          onChange={(p) => update({ page: p })}
        />
      )}
    </>
  );
}
