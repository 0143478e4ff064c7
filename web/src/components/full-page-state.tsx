import { Button, Result, Spin } from 'antd';
import { useTranslation } from 'react-i18next';

export function FullPageLoading() {
  return (
    <div className="linli-fill-center" style={{ minHeight: '100vh' }}>
      <Spin size="large" />
    </div>
  );
}

export function FullPageError({ error, onRetry }: { error: Error; onRetry: () => void }) {
  const { t } = useTranslation();
  return (
    <div className="linli-fill-center" style={{ minHeight: '100vh' }}>
      <Result
        status="warning"
        title={t('common.loadFailed')}
        subTitle={error.message}
        extra={
          <Button type="primary" onClick={onRetry}>
            {t('common.retry')}
          </Button>
        }
      />
    </div>
  );
}
