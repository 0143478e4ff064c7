import { MutationCache, QueryCache, QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { App as AntdApp, ConfigProvider } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../api/client.ts';
import { sessionKey } from './session.ts';

/** The party-building red used across Chinese government products. */
export const PRIMARY = '#c8161d';

function createQueryClient(): QueryClient {
  // A 401 from any call means the session ended (idle timeout, disabled, logged out elsewhere):
  // drop the cached user so the route guard sends the user to the login page.
  const onError = (e: unknown) => {
    if (isApiError(e, 401)) client.setQueryData(sessionKey, null);
  };
  const client: QueryClient = new QueryClient({
    queryCache: new QueryCache({ onError }),
    // Every command writes an audit event, so any successful write makes cached audit lists stale.
    mutationCache: new MutationCache({
      onError,
      onSuccess: () => client.invalidateQueries({ queryKey: ['audit-events'] }),
    }),
    defaultOptions: {
      queries: {
        staleTime: 30_000,
        refetchOnWindowFocus: false,
        // 4xx will not get better by asking again.
        retry: (n, e) => !(isApiError(e) && e.status >= 400 && e.status < 500) && n < 2,
      },
    },
  });
  return client;
}

const queryClient = createQueryClient();

export function Providers({ children }: { children: ReactNode }) {
  const { i18n } = useTranslation();
  return (
    <QueryClientProvider client={queryClient}>
      <ConfigProvider
        locale={i18n.language === 'en-US' ? enUS : zhCN}
        theme={{
          token: {
            colorPrimary: PRIMARY,
            colorLink: PRIMARY,
            borderRadius: 6,
            fontFamily:
              '-apple-system, BlinkMacSystemFont, "PingFang SC", "Hiragino Sans GB", "Microsoft YaHei", "Noto Sans CJK SC", "Noto Sans SC", "Helvetica Neue", Arial, sans-serif',
          },
        }}
      >
        <AntdApp>{children}</AntdApp>
      </ConfigProvider>
    </QueryClientProvider>
  );
}
