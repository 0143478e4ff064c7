import { CheckOutlined } from '@ant-design/icons';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Empty, Flex, List, Segmented, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { type InboxItem, inboxApi, inboxKeys } from '../../api/inbox.ts';
import { errorText } from '../../components/error-text.ts';
import { formatShortDateTime } from '../../components/format.ts';
import { QueryError } from '../../components/query-error.tsx';
import { useSearchState } from '../../components/use-search-state.ts';

/** The inbox's state, shared by the desktop and phone pages: filter and page live in the URL. */
export function useInbox() {
  const { values, page, update } = useSearchState(['show'] as const);
  const unreadOnly = values.show === 'unread';
  const q = { page, pageSize: 20, ...(unreadOnly ? { unread: true } : {}) };
  const list = useQuery({
    queryKey: inboxKeys.list(q),
    queryFn: () => inboxApi.list(q),
    placeholderData: keepPreviousData,
  });
  return { list, unreadOnly, page, update };
}

/** "All / unread" and "mark all read", above the list. */
export function InboxToolbar({
  unreadOnly,
  onShow,
}: {
  unreadOnly: boolean;
  onShow: (unread: boolean) => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const unread = useQuery({ queryKey: inboxKeys.unread, queryFn: inboxApi.unreadCount });
  const readAll = useMutation({
    mutationFn: inboxApi.readAll,
    onSuccess: (r) => {
      void message.success(t('inbox.markedAll', { count: r.marked }));
      void qc.invalidateQueries({ queryKey: inboxKeys.all });
    },
    onError: (e) => void message.error(errorText(e)),
  });
  return (
    <Flex justify="space-between" align="center" gap={8} wrap>
      <Segmented
        value={unreadOnly ? 'unread' : 'all'}
        onChange={(v) => onShow(v === 'unread')}
        options={[
          { value: 'all', label: t('inbox.all') },
          {
            value: 'unread',
            label: unread.data?.count ? `${t('inbox.unread')} ${unread.data.count}` : t('inbox.unread'),
          },
        ]}
        data-testid="inbox-filter"
      />
      <Button
        icon={<CheckOutlined />}
        onClick={() => readAll.mutate()}
        loading={readAll.isPending}
        disabled={!unread.data?.count}
        data-testid="inbox-read-all"
      >
        {t('inbox.markAllRead')}
      </Button>
    </Flex>
  );
}

/**
 * The notices, urgent unread first (the server orders them). Unread ones are bold with a red edge;
 * opening one marks it read, then goes to what it is about.
 */
export function InboxList({
  list,
  unreadOnly,
  page,
  onPage,
}: {
  list: ReturnType<typeof useInbox>['list'];
  unreadOnly: boolean;
  page: number;
  onPage: (page: number) => void;
}) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const read = useMutation({
    mutationFn: (n: InboxItem) => (n.readAt ? Promise.resolve(n) : inboxApi.read(n.id)),
    onSuccess: (n) => {
      void qc.invalidateQueries({ queryKey: inboxKeys.all });
      if (n.link) void navigate(n.link);
    },
    onError: (e) => void message.error(errorText(e)),
  });
  if (list.isError) return <QueryError error={list.error} onRetry={() => list.refetch()} />;
  const data = list.data;
  return (
    <List<InboxItem>
      loading={list.isPending || list.isPlaceholderData}
      dataSource={data?.items ?? []}
      locale={{
        emptyText: <Empty description={unreadOnly ? t('inbox.emptyUnread') : t('inbox.empty')} />,
      }}
      pagination={
        data && data.total > data.pageSize
          ? {
              current: page,
              pageSize: data.pageSize,
              total: data.total,
              onChange: onPage,
              showSizeChanger: false,
              size: 'small',
              showTotal: (total) => t('inbox.total', { total }),
            }
          : false
      }
      data-testid="inbox-list"
      renderItem={(n) => {
        const unread = !n.readAt;
        return (
          <List.Item
            key={n.id}
            onClick={() => read.mutate(n)}
            onKeyDown={(e) => {
              if (e.key === 'Enter' || e.key === ' ') read.mutate(n);
            }}
            tabIndex={0}
            role="button"
            data-testid="inbox-item"
            data-unread={unread}
            data-kind={n.kind}
            style={{
              cursor: 'pointer',
              paddingInline: 12,
              background: unread && n.urgent ? '#fff1f0' : undefined,
              borderInlineStart: `3px solid ${unread ? (n.urgent ? '#cf1322' : '#c8161d55') : 'transparent'}`,
            }}
          >
            <Flex vertical gap={2} style={{ minWidth: 0, flex: 1 }}>
              <Flex align="flex-start" gap={6} wrap={false} style={{ minWidth: 0 }}>
                {n.urgent && (
                  <Tag color="red" style={{ marginInlineEnd: 0 }} data-testid="inbox-urgent">
                    {t('inbox.urgent')}
                  </Tag>
                )}
                <Typography.Text
                  strong={unread}
                  type={unread ? undefined : 'secondary'}
                  style={{ flex: 1, minWidth: 0, overflowWrap: 'anywhere' }}
                  data-testid="inbox-title"
                >
                  {n.title}
                </Typography.Text>
              </Flex>
              {n.body && (
                <Typography.Paragraph type="secondary" ellipsis={{ rows: 2 }} style={{ marginBottom: 0 }}>
                  {n.body}
                </Typography.Paragraph>
              )}
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {formatShortDateTime(n.createdAt, i18n.language)}
                {n.readAt ? ` · ${t('inbox.read')}` : ''}
              </Typography.Text>
            </Flex>
          </List.Item>
        );
      }}
    />
  );
}
