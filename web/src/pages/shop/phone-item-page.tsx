import { ShoppingOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Descriptions, Flex, InputNumber, Modal, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { isApiError } from '../../api/client.ts';
import { pointsApi, pointsKeys } from '../../api/points.ts';
import { formatYuan, type ItemOut, newIdempotencyKey, shopApi, shopKeys } from '../../api/shop.ts';
import { useMe } from '../../app/session.ts';
import { formatDate } from '../../components/format.ts';
import { FormError } from '../../components/form-error.tsx';
import { QueryState } from '../../components/query-state.tsx';
import { PhoneTitle } from '../points/phone-back.tsx';
import { ItemKindTag, RedeemableBadge } from './shop-parts.tsx';
import { useShopLabels } from './shop-labels.ts';

/** /m/shop/items/:id — one item, and redeeming it after a confirmation that shows the balance after. */
export function PhoneItemPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const item = useQuery({ queryKey: shopKeys.item(id), queryFn: () => shopApi.item(id) });
  return (
    <>
      <PhoneTitle title={t('shop.itemDetail')} back="/m/shop" />
      <QueryState
        query={item}
        notFoundTitle={t('shop.itemNotFound')}
        notFoundExtra={
          <Link to="/m/shop">
            <Button type="primary" size="large">
              {t('shop.backToShop')}
            </Button>
          </Link>
        }
      >
        {(i) => <ItemDetail item={i} />}
      </QueryState>
    </>
  );
}

function ItemDetail({ item }: { item: ItemOut }) {
  const { t, i18n } = useTranslation();
  const labels = useShopLabels();
  const me = useMe();
  const account = useQuery({ queryKey: pointsKeys.me, queryFn: pointsApi.me, enabled: !!me.user.personId });
  const balance = account.data?.balance;
  // As many as the balance, the stock and the per-person limit allow (the server checks again).
  const most = Math.max(
    1,
    Math.min(
      item.limitPerPerson ?? 20,
      item.stock ?? 20,
      balance === undefined ? 1 : Math.floor(balance / item.pricePoints),
      20,
    ),
  );
  const [quantity, setQuantity] = useState(1);
  const [confirming, setConfirming] = useState<{ key: string; quantity: number } | null>(null);
  const ok = !!item.redeemable?.ok;
  const availability =
    item.availableFrom || item.availableTo
      ? `${item.availableFrom ? formatDate(item.availableFrom, i18n.language) : ''} – ${
          item.availableTo ? formatDate(item.availableTo, i18n.language) : ''
        }`
      : null;
  return (
    <>
      <Card data-testid="item-detail">
        <div className="linli-phone-card-row">
          <Typography.Title level={4} style={{ marginTop: 0, marginBottom: 4, wordBreak: 'break-word' }}>
            {item.title}
          </Typography.Title>
          <RedeemableBadge redeemable={item.redeemable} />
        </div>
        <Flex align="baseline" gap={6} wrap>
          <Typography.Text strong style={{ color: '#c8161d', fontSize: 28 }} data-testid="item-price">
            {item.pricePoints}
          </Typography.Text>
          <Typography.Text style={{ color: '#c8161d' }}>{t('shop.pointsUnit')}</Typography.Text>
          <ItemKindTag kind={item.kind} />
        </Flex>
        <Descriptions column={1} size="small" style={{ marginTop: 12 }}>
          <Descriptions.Item label={t('shop.provider')}>{item.provider.name}</Descriptions.Item>
          <Descriptions.Item label={t('shop.cashValue')}>{formatYuan(item.cashValueFen)}</Descriptions.Item>
          <Descriptions.Item label={t('shop.stock')}>
            {item.stock === null ? t('shop.stockUnlimited') : item.stock}
          </Descriptions.Item>
          <Descriptions.Item label={t('shop.perPerson')}>
            {labels.limit(item.limitPerPerson, item.limitPeriod)}
          </Descriptions.Item>
          <Descriptions.Item label={t('shop.participants')}>
            {item.participants.map((p) => labels.participant(p)).join('、')}
            {item.hardshipOnly && ` · ${t('shop.hardshipOnly')}`}
          </Descriptions.Item>
          {item.privilegeDays !== null && (
            <Descriptions.Item label={t('shop.privilege')}>
              {t('shop.privilegeDays', { days: item.privilegeDays })}
            </Descriptions.Item>
          )}
          <Descriptions.Item label={t('shop.validity')}>
            {t('shop.validDays', { days: item.voucherValidDays })}
          </Descriptions.Item>
          {availability && <Descriptions.Item label={t('shop.window')}>{availability}</Descriptions.Item>}
        </Descriptions>
        {item.description && (
          <Typography.Paragraph style={{ marginTop: 8, marginBottom: 0, whiteSpace: 'pre-wrap' }}>
            {item.description}
          </Typography.Paragraph>
        )}
      </Card>
      {!ok && item.redeemable?.reason && (
        <Alert type="warning" showIcon title={labels.reason(item.redeemable.reason)} data-testid="refusal" />
      )}
      {ok && most > 1 && (
        <Card styles={{ body: { padding: '10px 16px' } }}>
          <Flex justify="space-between" align="center">
            <span>{t('shop.quantity')}</span>
            <InputNumber
              min={1}
              max={most}
              value={quantity}
              onChange={(v) => setQuantity(Math.min(most, Math.max(1, Math.floor(v ?? 1))))}
              size="large"
              inputMode="numeric"
              data-testid="redeem-quantity"
            />
          </Flex>
        </Card>
      )}
      <Button
        type="primary"
        size="large"
        block
        icon={<ShoppingOutlined />}
        disabled={!ok}
        // One key per press: a retry of this confirmation reuses it, a new press makes a new one.
        onClick={() => setConfirming({ key: newIdempotencyKey(), quantity })}
        data-testid="redeem"
      >
        {t('shop.redeem')}
      </Button>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {t('shop.redeemNote', { days: item.voucherValidDays })}
      </Typography.Text>
      {confirming && (
        <RedeemModal
          item={item}
          balance={balance}
          quantity={confirming.quantity}
          idempotencyKey={confirming.key}
          onClose={() => setConfirming(null)}
        />
      )}
    </>
  );
}

function RedeemModal({
  item,
  balance,
  quantity,
  idempotencyKey,
  onClose,
}: {
  item: ItemOut;
  balance: number | undefined;
  quantity: number;
  idempotencyKey: string;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const cost = item.pricePoints * quantity;
  const redeem = useMutation({
    mutationFn: () => shopApi.redeem({ itemId: item.id, quantity, idempotencyKey }),
    // A reply lost on the way back is asked for again with the same key: the server answers with the
    // voucher it already issued instead of issuing a second.
    retry: (n, e) => isApiError(e) && e.code === 'network' && n < 2,
    onSuccess: async (r) => {
      qc.setQueryData(shopKeys.redemption(r.id), r);
      message.success(t('shop.redeemed', { balance: r.balanceAfter ?? '—' }));
      navigate(`/m/shop/redemptions/${r.id}`);
      await Promise.all([
        qc.invalidateQueries({ queryKey: shopKeys.items }),
        qc.invalidateQueries({ queryKey: shopKeys.redemptions, exact: true }),
        qc.invalidateQueries({ queryKey: pointsKeys.me }),
      ]);
    },
  });
  return (
    <Modal
      open
      title={t('shop.redeemTitle')}
      okText={t('shop.redeemConfirm')}
      cancelText={t('common.cancel')}
      onOk={() => redeem.mutate()}
      onCancel={onClose}
      confirmLoading={redeem.isPending}
      okButtonProps={{ size: 'large' }}
      cancelButtonProps={{ size: 'large' }}
      destroyOnHidden
      centered
    >
      <Descriptions column={1} size="small" data-testid="redeem-summary">
        <Descriptions.Item label={t('shop.redeemItem')}>
          {item.title}
          {quantity > 1 && ` ×${quantity}`}
        </Descriptions.Item>
        <Descriptions.Item label={t('shop.cost')}>
          <Typography.Text strong style={{ color: '#c8161d' }}>
            {cost}
          </Typography.Text>
        </Descriptions.Item>
        <Descriptions.Item label={t('shop.balanceNow')}>{balance ?? '—'}</Descriptions.Item>
        <Descriptions.Item label={t('shop.balanceAfter')}>
          <Typography.Text strong data-testid="redeem-balance-after">
            {balance === undefined ? '—' : balance - cost}
          </Typography.Text>
        </Descriptions.Item>
      </Descriptions>
      <FormError error={redeem.error} />
    </Modal>
  );
}
