import { PlusOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Button, Card, Empty, Flex, Select, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { MOTION_STATES } from '../../../../common/contracts/votes.ts';
import { type MotionOut, type MotionState, votesApi, votesKeys } from '../../api/votes.ts';
import { can, useMe } from '../../app/session.ts';
import { formatDateTime } from '../../components/format.ts';
import { PageHeader } from '../../components/page-header.tsx';
import { QueryError } from '../../components/query-error.tsx';
import { useSearchState } from '../../components/use-search-state.ts';
import { MotionFormModal } from './motion-form-modal.tsx';
import { MotionStateTag, RuleTag } from './vote-parts.tsx';

/** 民主表决: the motions in my scope, open ones first; staff draft new ones here. */
export function VotesPage() {
  const { t, i18n } = useTranslation();
  const me = useMe();
  const navigate = useNavigate();
  const [creating, setCreating] = useState(false);
  const { values, page, pageSize, update } = useSearchState(['state'] as const);
  const state = MOTION_STATES.find((s) => s === values.state);
  const filter = { state, page, pageSize };
  const list = useQuery({
    queryKey: [...votesKeys.list, 'admin', filter],
    queryFn: () => votesApi.list(filter),
    placeholderData: keepPreviousData,
  });
  return (
    <>
      <PageHeader
        title={t('menu.votes')}
        subTitle={t('votes.admin.hint')}
        extra={
          can(me, 'votes:manage') && (
            <Button
              type="primary"
              icon={<PlusOutlined />}
              onClick={() => setCreating(true)}
              data-testid="motion-create"
            >
              {t('votes.admin.create')}
            </Button>
          )
        }
      />
      <Card>
        <Flex gap={12} wrap style={{ marginBottom: 16 }}>
          <Select
            allowClear
            value={state}
            onChange={(s?: MotionState) => update({ state: s })}
            placeholder={t('common.state', { defaultValue: '状态' })}
            options={MOTION_STATES.map((s) => ({ value: s, label: t(`votes.state.${s}`) }))}
            style={{ width: 140 }}
          />
        </Flex>
        {list.isError ? (
          <QueryError error={list.error} onRetry={() => list.refetch()} />
        ) : (
          <Table<MotionOut>
            data-testid="motions-table"
            rowKey="id"
            loading={list.isFetching}
            dataSource={list.data?.items}
            locale={{ emptyText: <Empty /> }}
            pagination={{
              current: page,
              pageSize,
              total: list.data?.total ?? 0,
              showTotal: (total) => t('votes.admin.total', { count: total }),
              onChange: (p, size) => update({ page: p, pageSize: size }),
            }}
            scroll={{ x: 1000 }}
            columns={[
              {
                title: t('votes.admin.titleField'),
                dataIndex: 'title',
                render: (v: string, m) => (
                  <Flex vertical gap={2}>
                    <Link to={`/admin/votes/${m.id}`}>{v}</Link>
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {m.scope.name}
                    </Typography.Text>
                  </Flex>
                ),
              },
              {
                title: t('votes.admin.ruleField'),
                dataIndex: 'rule',
                width: 220,
                render: (r) => <RuleTag rule={r} />,
              },
              {
                title: t('votes.admin.electorateField'),
                width: 150,
                render: (_, m) => (
                  <Flex gap={4} wrap>
                    <Tag style={{ marginInlineEnd: 0 }}>{t(`votes.electorate.${m.electorate}`)}</Tag>
                    {m.secret && <Tag color="gold">{t('votes.secret')}</Tag>}
                  </Flex>
                ),
              },
              {
                title: t('votes.admin.voted'),
                width: 110,
                render: (_, m) => (m.state === 'draft' ? '—' : `${m.votedCount}/${m.electorateCount}`),
              },
              {
                title: t('votes.admin.closesAtField'),
                dataIndex: 'closesAt',
                width: 170,
                render: (v: string) => formatDateTime(v, i18n.language),
              },
              {
                title: '',
                dataIndex: 'state',
                width: 90,
                render: (s: MotionState) => <MotionStateTag state={s} />,
              },
            ]}
            onRow={(m) => ({ onDoubleClick: () => navigate(`/admin/votes/${m.id}`) })}
          />
        )}
      </Card>
      <MotionFormModal
        open={creating}
        onClose={() => setCreating(false)}
        onCreated={(id) => navigate(`/admin/votes/${id}`)}
      />
    </>
  );
}
