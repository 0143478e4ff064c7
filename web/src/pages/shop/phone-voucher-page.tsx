import { CheckCircleFilled } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Descriptions, Flex, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { formatYuan, type RedemptionOut, shopApi, shopKeys } from '../../api/shop.ts';
import { formatDateTime } from '../../components/format.ts';
import { QueryState } from '../../components/query-state.tsx';
import { PhoneTitle } from '../points/phone-back.tsx';
import { CancelRedemptionModal } from './cancel-modal.tsx';
import { RedemptionStateTag, VoucherCode, VoucherQr } from './shop-parts.tsx';

/** While a voucher waits at the counter, look again now and then: the screen turns 已核销 by itself. */
const POLL_MS = 5_000;

/** /m/shop/redemptions/:id — the voucher: a big QR and its code for the counter, or what became of it. */
export function PhoneVoucherPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const redemption = useQuery({
    queryKey: shopKeys.redemption(id),
    queryFn: () => shopApi.redemption(id),
    refetchInterval: (q) => (q.state.data?.state === 'issued' ? POLL_MS : false),
  });
  return (
    <>
      <PhoneTitle title={t('shop.voucher')} back="/m/shop/redemptions" />
      <QueryState
        query={redemption}
        notFoundTitle={t('shop.redemptionNotFound')}
        notFoundExtra={
          <Link to="/m/shop/redemptions">
            <Button type="primary" size="large">
              {t('shop.tileMine')}
            </Button>
          </Link>
        }
      >
        {(r) => <Voucher redemption={r} />}
      </QueryState>
    </>
  );
}

function Voucher({ redemption: r }: { redemption: RedemptionOut }) {
  const { t, i18n } = useTranslation();
  const [cancelling, setCancelling] = useState(false);
  const lapsed = r.state === 'issued' && new Date(r.expiresAt).getTime() <= Date.now();
  const usable = r.state === 'issued' && !lapsed;
  return (
    <>
      <Card styles={{ body: { padding: 16 } }} data-testid="voucher">
        <div className="linli-phone-card-row">
          <div>
            <Typography.Title level={5} style={{ margin: 0, wordBreak: 'break-word' }}>
              {r.itemTitle}
              {r.quantity > 1 && ` ×${r.quantity}`}
            </Typography.Title>
            <div className="linli-muted">{r.providerName}</div>
          </div>
          <RedemptionStateTag state={r.state} />
        </div>
        <Flex vertical align="center" gap={8} style={{ marginTop: 16 }}>
          <div style={{ position: 'relative', width: 240, maxWidth: '100%' }}>
            <VoucherQr svg={r.qrSvg} code={r.voucherCode} dimmed={!usable} />
            {r.state === 'fulfilled' && (
              <div
                style={{
                  position: 'absolute',
                  inset: 0,
                  display: 'flex',
                  flexDirection: 'column',
                  alignItems: 'center',
                  justifyContent: 'center',
                  gap: 8,
                  color: '#389e0d',
                  fontSize: 18,
                  fontWeight: 600,
                }}
              >
                <CheckCircleFilled style={{ fontSize: 56 }} />
                {t('shop.state.fulfilled')}
              </div>
            )}
          </div>
          <VoucherCode code={r.voucherCode} size={30} />
          {usable ? (
            <Typography.Text type="secondary" style={{ textAlign: 'center' }}>
              {t('shop.voucherHint')}
            </Typography.Text>
          ) : null}
          <Tag
            color={usable ? 'blue' : 'default'}
            style={{ marginInlineEnd: 0 }}
            data-testid="voucher-expiry"
          >
            {t('shop.expiresAt', { time: formatDateTime(r.expiresAt, i18n.language) })}
          </Tag>
        </Flex>
      </Card>
      {lapsed && <Alert type="warning" showIcon title={t('shop.lapsed')} />}
      {r.state === 'cancelled' && <Alert type="info" showIcon title={t('shop.stateNote.cancelled')} />}
      {r.state === 'expired' && <Alert type="info" showIcon title={t('shop.stateNote.expired')} />}
      <Card styles={{ body: { padding: '8px 16px' } }}>
        <Descriptions column={1} size="small">
          <Descriptions.Item label={t('shop.points')}>{r.points}</Descriptions.Item>
          <Descriptions.Item label={t('shop.cashValue')}>{formatYuan(r.cashValueFen)}</Descriptions.Item>
          <Descriptions.Item label={t('shop.holder')}>
            {r.holderName}
            {r.proxy && (
              <Tag style={{ marginInlineStart: 8 }} color="purple">
                {t('shop.proxy')}
              </Tag>
            )}
          </Descriptions.Item>
          <Descriptions.Item label={t('shop.createdAt')}>
            {formatDateTime(r.createdAt, i18n.language)}
          </Descriptions.Item>
          {r.fulfilledAt && (
            <Descriptions.Item label={t('shop.fulfilledAt')}>
              {formatDateTime(r.fulfilledAt, i18n.language)}
            </Descriptions.Item>
          )}
        </Descriptions>
      </Card>
      {r.state === 'issued' && (
        <Button size="large" danger block onClick={() => setCancelling(true)} data-testid="cancel-redemption">
          {t('shop.cancel')}
        </Button>
      )}
      {cancelling && <CancelRedemptionModal redemption={r} onClose={() => setCancelling(false)} />}
    </>
  );
}
