import { GiftOutlined, RightOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Button, Card, Empty, Flex, Pagination, Segmented, Skeleton, Switch, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { pointsApi, pointsKeys } from '../../api/points.ts';
import { formatYuan, type ItemKind, type ItemOut, shopApi, shopKeys } from '../../api/shop.ts';
import { useMe } from '../../app/session.ts';
import { QueryError } from '../../components/query-error.tsx';
import { useSearchState } from '../../components/use-search-state.ts';
import { PhoneTitle } from '../points/phone-back.tsx';
import { ItemKindTag, RedeemableBadge } from './shop-parts.tsx';
import { useShopLabels } from './shop-labels.ts';

const PAGE_SIZE = 20;
const KINDS: readonly ItemKind[] = ['service', 'goods', 'privilege'];

/** /m/shop — 积分超市: what my community's shop offers, cheapest first, and whether I can have it. */
export function PhoneShopPage() {
  const { t } = useTranslation();
  const me = useMe();
  const { values, page, update } = useSearchState(['affordable', 'kind'] as const);
  const affordable = values.affordable === '1';
  const kind = KINDS.find((k) => k === values.kind);
  const filter = { affordable: affordable || undefined, kind, page, pageSize: PAGE_SIZE };
  const items = useQuery({
    queryKey: [...shopKeys.items, 'phone', filter],
    queryFn: () => shopApi.items(filter),
    placeholderData: keepPreviousData,
  });
  const account = useQuery({ queryKey: pointsKeys.me, queryFn: pointsApi.me, enabled: !!me.user.personId });
  return (
    <>
      <PhoneTitle
        title={t('shop.title')}
        extra={
          <Link to="/m/shop/redemptions">
            <Button icon={<GiftOutlined />} data-testid="go-redemptions">
              {t('shop.tileMine')}
            </Button>
          </Link>
        }
      />
      <Card className="linli-balance-card" styles={{ body: { padding: '12px 16px' } }}>
        <Flex justify="space-between" align="center" gap={8}>
          <Typography.Text style={{ color: 'rgba(255,255,255,0.85)' }}>{t('shop.balance')}</Typography.Text>
          <span className="linli-balance" style={{ fontSize: 28, marginTop: 0 }} data-testid="shop-balance">
            {account.data?.balance ?? '—'}
            <span className="linli-balance-unit">{t('phone.pointsUnit')}</span>
          </span>
        </Flex>
      </Card>
      <Card styles={{ body: { padding: '10px 12px', display: 'flex', flexDirection: 'column', gap: 10 } }}>
        <Segmented
          block
          value={kind ?? 'all'}
          onChange={(v) => update({ kind: v === 'all' ? undefined : String(v) })}
          options={[
            { value: 'all', label: t('shop.allKinds') },
            ...KINDS.map((k) => ({ value: k, label: t(`shop.kind.${k}`) })),
          ]}
          data-testid="shop-kinds"
        />
        <Flex justify="space-between" align="center">
          <label htmlFor="shop-affordable">{t('shop.affordableOnly')}</label>
          <Switch
            id="shop-affordable"
            checked={affordable}
            onChange={(on) => update({ affordable: on ? '1' : undefined })}
            data-testid="affordable-switch"
          />
        </Flex>
      </Card>
      {items.isError ? (
        <QueryError error={items.error} onRetry={() => items.refetch()} />
      ) : !items.data ? (
        <Skeleton active paragraph={{ rows: 6 }} />
      ) : items.data.items.length === 0 ? (
        <Card>
          <Empty description={affordable ? t('shop.noAffordable') : t('shop.noItems')} />
        </Card>
      ) : (
        <div style={{ display: 'flex', flexDirection: 'column', gap: 8 }} data-testid="shop-items">
          {items.data.items.map((item) => (
            <ItemCard key={item.id} item={item} />
          ))}
        </div>
      )}
      {(items.data?.total ?? 0) > PAGE_SIZE && (
        <Pagination
          simple
          align="center"
          current={page}
          pageSize={PAGE_SIZE}
          total={items.data?.total ?? 0}
          onChange={(p) => update({ page: p })}
        />
      )}
    </>
  );
}

function ItemCard({ item }: { item: ItemOut }) {
  const { t } = useTranslation();
  const labels = useShopLabels();
  const stock =
    item.stock === null
      ? null
      : item.stock === 0
        ? t('shop.soldOut')
        : t('shop.stockLeft', { count: item.stock });
  return (
    <Link
      to={`/m/shop/items/${item.id}`}
      style={{ color: 'inherit', display: 'block' }}
      data-testid="shop-item"
    >
      <Card styles={{ body: { padding: '12px 14px' } }}>
        <div className="linli-phone-card-row">
          <div>
            <Typography.Text strong style={{ fontSize: 16, wordBreak: 'break-word' }}>
              {item.title}
            </Typography.Text>
            <div className="linli-muted" style={{ marginTop: 2 }}>
              {item.provider.name}
            </div>
          </div>
          <RightOutlined style={{ color: 'rgba(0,0,0,0.3)', alignSelf: 'center' }} />
        </div>
        <Flex align="baseline" gap={8} wrap style={{ marginTop: 8 }}>
          <Typography.Text strong style={{ color: '#c8161d', fontSize: 20 }} data-testid="item-price">
            {item.pricePoints}
          </Typography.Text>
          <Typography.Text style={{ color: '#c8161d' }}>{t('shop.pointsUnit')}</Typography.Text>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('shop.worth', { value: formatYuan(item.cashValueFen) })}
          </Typography.Text>
        </Flex>
        <Flex align="center" gap={6} wrap style={{ marginTop: 6 }}>
          <ItemKindTag kind={item.kind} />
          <RedeemableBadge redeemable={item.redeemable} />
          <span className="linli-muted">
            {[labels.limit(item.limitPerPerson, item.limitPeriod), stock].filter(Boolean).join(' · ')}
          </span>
        </Flex>
      </Card>
    </Link>
  );
}
