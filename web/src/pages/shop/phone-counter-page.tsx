import { Result, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { isCounterStaff, useMe } from '../../app/session.ts';
import { PhoneTitle } from '../points/phone-back.tsx';
import { canUseCounter } from './phone-shop-tiles.tsx';
import { VoucherCounter } from './voucher-counter.tsx';

/** /m/shop/counter — 兑换核销 on the provider's phone: the home page of a provider's counter staff. */
export function PhoneCounterPage() {
  const { t } = useTranslation();
  const me = useMe();
  if (!canUseCounter(me))
    return (
      <div data-testid="forbidden">
        <Result status="403" title={t('common.forbidden')} subTitle={t('common.forbiddenHint')} />
      </div>
    );
  return (
    <>
      {isCounterStaff(me) ? (
        // Their home page: no way back to go, only who is at the counter.
        <div>
          <Typography.Title level={4} style={{ margin: 0 }}>
            {t('shop.counter.title')}
          </Typography.Title>
          <div className="linli-muted">{me.user.displayName}</div>
        </div>
      ) : (
        <PhoneTitle title={t('shop.counter.title')} />
      )}
      <VoucherCounter />
    </>
  );
}
