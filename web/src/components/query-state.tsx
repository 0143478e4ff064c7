import type { UseQueryResult } from '@tanstack/react-query';
import { Button, Result, Skeleton } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../api/client.ts';

type Props<T> = {
  query: UseQueryResult<T>;
  children: (data: T) => ReactNode;
  /** What a 404 means here, e.g. "找不到该住户". */
  notFoundTitle?: string;
  notFoundExtra?: ReactNode;
};

/**
 * Loading, error and data states of one query in one place. A 404 is its own state: the server answers
 * 404 for rows outside the actor's scope, and the user should read "not found", not "error".
 */
export function QueryState<T>({ query, children, notFoundTitle, notFoundExtra }: Props<T>) {
  const { t } = useTranslation();
  if (query.isPending) return <Skeleton active paragraph={{ rows: 6 }} />;
  if (query.isError) {
    const e = query.error;
    if (isApiError(e, 404))
      return (
        <div data-testid="not-found">
          <Result
            status="404"
            title={notFoundTitle ?? t('common.notFound')}
            subTitle={t('common.notFoundHint')}
            extra={notFoundExtra}
          />
        </div>
      );
    if (isApiError(e, 403)) return <Result status="403" title={t('common.forbidden')} subTitle={e.message} />;
    return (
      <Result
        status="warning"
        title={t('common.loadFailed')}
        subTitle={e.message}
        extra={<Button onClick={() => query.refetch()}>{t('common.retry')}</Button>}
      />
    );
  }
  return children(query.data);
}
