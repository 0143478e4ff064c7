import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../components/page-header.tsx';
import { VoucherCounter } from './voucher-counter.tsx';

/** /admin/shop/counter — the community's own counter (理发, 粮油 …) at the service centre's desk. */
export function CounterPage() {
  const { t } = useTranslation();
  return (
    <>
      <PageHeader title={t('menu.shopCounter')} subTitle={t('shop.counter.desktopHint')} />
      <div style={{ maxWidth: 560 }}>
        <VoucherCounter size="large" />
      </div>
    </>
  );
}
