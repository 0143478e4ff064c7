import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Checkbox, Empty, Flex, Input, Modal, Select, Table, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { TASK_STATES, type TaskState } from '../../../../common/contracts/meetings.ts';
import { meetingsApi, meetingsKeys, type TaskOut } from '../../api/meetings.ts';
import { errorText } from '../../components/error-text.ts';
import { PageHeader } from '../../components/page-header.tsx';
import { QueryError } from '../../components/query-error.tsx';
import { useSearchState } from '../../components/use-search-state.ts';
import { TaskStateTag } from './meetings-parts.tsx';

/** 会议任务: decisions turned into work, tracked to done; overdue ones stand out. */
export function TasksPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const { values, page, pageSize, update } = useSearchState(['state', 'overdue'] as const);
  const state = TASK_STATES.find((s) => s === values.state);
  const overdue = values.overdue === 'true';
  const filter = { state, overdue: overdue || undefined, page, pageSize };
  const list = useQuery({
    queryKey: [...meetingsKeys.tasks, filter],
    queryFn: () => meetingsApi.tasks(filter),
    placeholderData: keepPreviousData,
  });
  const [completing, setCompleting] = useState<TaskOut | null>(null);
  const [result, setResult] = useState('');
  const complete = useMutation({
    mutationFn: (a: { id: string; result: string }) => meetingsApi.completeTask(a.id, a.result),
    onSuccess: async () => {
      setCompleting(null);
      setResult('');
      await qc.invalidateQueries({ queryKey: meetingsKeys.all });
    },
    onError: (e) => message.error(errorText(e)),
  });
  return (
    <>
      <PageHeader title={t('menu.meetingTasks')} subTitle={t('meetings.tasksHint')} />
      <Card>
        <Flex gap={12} wrap align="center" style={{ marginBottom: 16 }}>
          <Select
            allowClear
            value={state}
            onChange={(s?: TaskState) => update({ state: s })}
            placeholder={t('meetings.stateLabel')}
            options={TASK_STATES.map((s) => ({ value: s, label: t(`meetings.taskState.${s}`) }))}
            style={{ width: 140 }}
          />
          <Checkbox
            checked={overdue}
            onChange={(e) => update({ overdue: e.target.checked ? 'true' : undefined })}
            data-testid="overdue-only"
          >
            {t('meetings.overdueOnly')}
          </Checkbox>
        </Flex>
        {list.isError ? (
          <QueryError error={list.error} onRetry={() => list.refetch()} />
        ) : (
          <Table<TaskOut>
            data-testid="tasks-table"
            rowKey="id"
            loading={list.isFetching}
            dataSource={list.data?.items}
            locale={{ emptyText: <Empty description={t('meetings.noTasks')} /> }}
            pagination={{
              current: page,
              pageSize,
              total: list.data?.total ?? 0,
              showSizeChanger: true,
              showTotal: (total) => t('common.total', { count: total }),
              onChange: (p, size) => update({ page: p, pageSize: size }),
            }}
            scroll={{ x: 960 }}
            columns={[
              {
                title: t('meetings.decisionText'),
                key: 'title',
                render: (_, r) => (
                  <div>
                    <div>{r.title}</div>
                    <Link to={`/admin/meetings/${r.meetingId}`}>
                      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                        {r.meetingTitle}
                      </Typography.Text>
                    </Link>
                  </div>
                ),
              },
              { title: t('meetings.owner'), dataIndex: 'ownerName', width: 160 },
              { title: t('meetings.dueOn'), dataIndex: 'dueOn', width: 110 },
              {
                title: t('meetings.stateLabel'),
                key: 's',
                width: 90,
                render: (_, r) => <TaskStateTag task={r} />,
              },
              { title: t('meetings.result'), dataIndex: 'result', render: (v: string | null) => v ?? '—' },
              {
                title: t('common.actions'),
                key: 'a',
                width: 80,
                render: (_, r) =>
                  r.allowed.length > 0 && (
                    <Button size="small" onClick={() => setCompleting(r)}>
                      {t('meetings.complete')}
                    </Button>
                  ),
              },
            ]}
          />
        )}
      </Card>
      {completing && (
        <Modal
          open
          title={`${t('meetings.complete')}：${completing.title}`}
          onCancel={() => setCompleting(null)}
          okButtonProps={{ disabled: result.trim().length < 2, loading: complete.isPending }}
          onOk={() => complete.mutate({ id: completing.id, result: result.trim() })}
          destroyOnHidden
        >
          <Input.TextArea
            rows={3}
            value={result}
            onChange={(e) => setResult(e.target.value)}
            placeholder={t('meetings.result')}
          />
        </Modal>
      )}
    </>
  );
}
