import { Button, Result } from 'antd';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../api/client.ts';

/** A list that failed to load: the server's message and a retry, in place of the table. */
export function QueryError({ error, onRetry }: { error: Error; onRetry: () => void }) {
  const { t } = useTranslation();
  if (isApiError(error, 403))
    return <Result status="403" title={t('common.forbidden')} subTitle={error.message} />;
  return (
    <Result
      status="warning"
      title={t('common.loadFailed')}
      subTitle={error.message}
      extra={<Button onClick={onRetry}>{t('common.retry')}</Button>}
    />
  );
}
