import { PrinterOutlined, SendOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Empty, Flex, Table, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { type PostingSummary, pointsApi, pointsKeys } from '../../api/points.ts';
import { can, useMe } from '../../app/session.ts';
import { errorText } from '../../components/error-text.ts';
import { formatDateTime } from '../../components/format.ts';
import { PageHeader } from '../../components/page-header.tsx';
import { QueryError } from '../../components/query-error.tsx';
import { useCommunityChoice } from './use-community-choice.tsx';

/** 公示管理: a community's postings; the committee may publish the month's posting at once. */
export function PostingsPage() {
  const { t, i18n } = useTranslation();
  const { message, modal } = App.useApp();
  const me = useMe();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const { communityId, picker } = useCommunityChoice(t('postings.pickCommunity'));
  const list = useQuery({
    queryKey: [...pointsKeys.postings, communityId],
    queryFn: () => pointsApi.postings(communityId!),
    enabled: !!communityId,
  });
  const publish = useMutation({
    mutationFn: () => pointsApi.publish(communityId!),
    onSuccess: async (p) => {
      message.success(t('postings.published', { period: p.period }));
      await qc.invalidateQueries({ queryKey: pointsKeys.all });
      navigate(`/admin/points/postings/${p.id}`);
    },
    onError: (e) => message.error(errorText(e)),
  });
  const confirmPublish = () =>
    modal.confirm({
      title: t('postings.publishConfirm'),
      content: t('postings.publishHint'),
      okText: t('postings.publishNow'),
      cancelText: t('common.cancel'),
      onOk: () => publish.mutateAsync().catch(() => undefined),
    });

  return (
    <>
      <PageHeader
        title={t('menu.pointsPostings')}
        subTitle={t('postings.hint')}
        extra={
          communityId && (
            <>
              <Link to={`/board/${communityId}`} target="_blank">
                <Button icon={<PrinterOutlined />}>{t('postings.printBoard')}</Button>
              </Link>
              {can(me, 'points:manage') && (
                <Button
                  type="primary"
                  icon={<SendOutlined />}
                  loading={publish.isPending}
                  onClick={confirmPublish}
                  data-testid="publish-now"
                >
                  {t('postings.publishNow')}
                </Button>
              )}
            </>
          )
        }
      />
      <Card>
        <Flex gap={12} wrap style={{ marginBottom: 16 }}>
          {picker}
        </Flex>
        {!communityId ? (
          <Empty description={t('postings.pickCommunityFirst')} />
        ) : list.isError ? (
          <QueryError error={list.error} onRetry={() => list.refetch()} />
        ) : (
          <Table<PostingSummary>
            rowKey="id"
            loading={list.isFetching}
            dataSource={list.data}
            pagination={false}
            locale={{ emptyText: <Empty description={t('postings.none')} /> }}
            columns={[
              {
                title: t('postings.period'),
                dataIndex: 'period',
                render: (period: string, p) => (
                  <Link to={`/admin/points/postings/${p.id}`} data-testid="posting-link">
                    {t('posting.period', { period })}
                  </Link>
                ),
              },
              {
                title: t('points.stateLabel'),
                dataIndex: 'state',
                render: (s: PostingSummary['state']) => (
                  <Tag color={s === 'open' ? 'purple' : 'default'}>{t(`points.postingState.${s}`)}</Tag>
                ),
              },
              {
                title: t('postings.opensAt'),
                dataIndex: 'opensAt',
                render: (v: string) => formatDateTime(v, i18n.language),
              },
              {
                title: t('postings.closesAt'),
                dataIndex: 'closesAt',
                render: (v: string) => formatDateTime(v, i18n.language),
              },
              {
                title: t('postings.objections'),
                dataIndex: 'objections',
                align: 'right',
                render: (n: number) => (n > 0 ? <Tag color="orange">{n}</Tag> : n),
              },
              {
                title: t('common.actions'),
                key: 'actions',
                render: (_, p) => (
                  <Flex gap={12}>
                    <Link to={`/admin/points/postings/${p.id}`}>{t('common.detail')}</Link>
                    <Link to={`/board/${p.communityId}/postings/${p.id}`} target="_blank">
                      {t('postings.publicPage')}
                    </Link>
                  </Flex>
                ),
              },
            ]}
          />
        )}
      </Card>
    </>
  );
}
