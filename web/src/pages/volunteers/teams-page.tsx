import { PlusOutlined } from '@ant-design/icons';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Flex, Form, Input, Modal, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { type TeamOut, volunteersApi, volunteersKeys } from '../../api/volunteers.ts';
import { can, useMe } from '../../app/session.ts';
import { errorText } from '../../components/error-text.ts';
import { OrgUnitPicker } from '../../components/org-unit-picker.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { QueryError } from '../../components/query-error.tsx';
import { useSearchState } from '../../components/use-search-state.ts';
import { usePagedTable } from './volunteers-parts.tsx';

/** 志愿服务队: the teams in scope, searchable, with leaders, members and posts; staff create teams. */
export function TeamsPage() {
  const { t } = useTranslation();
  const me = useMe();
  const { values, page, pageSize, update } = useSearchState(['q', 'orgUnitId'] as const);
  const [creating, setCreating] = useState(false);
  const filter = { q: values.q, orgUnitId: values.orgUnitId, page, pageSize };
  const list = useQuery({
    queryKey: volunteersKeys.teams(filter),
    queryFn: () => volunteersApi.teams(filter),
    placeholderData: keepPreviousData,
  });
  const filtered = !!(values.q || values.orgUnitId);
  const table = usePagedTable(
    list,
    { page, pageSize, update },
    filtered ? t('volunteers.teams.noMatch') : t('volunteers.teams.none'),
  );
  return (
    <>
      <PageHeader
        title={t('menu.volunteerTeams')}
        subTitle={t('volunteers.teams.hint')}
        extra={
          can(me, 'volunteers:manage') && (
            <Button
              type="primary"
              icon={<PlusOutlined />}
              onClick={() => setCreating(true)}
              data-testid="add-team"
            >
              {t('volunteers.teams.add')}
            </Button>
          )
        }
      />
      <Card>
        <Flex gap={12} wrap align="center" style={{ marginBottom: 16 }}>
          <Input.Search
            key={values.q ?? ''}
            defaultValue={values.q}
            placeholder={t('volunteers.teams.searchPlaceholder')}
            allowClear
            enterButton={t('common.search')}
            onSearch={(q) => update({ q: q.trim() })}
            style={{ maxWidth: 300 }}
            data-testid="team-search"
          />
          <OrgUnitPicker
            value={values.orgUnitId}
            onChange={(id) => update({ orgUnitId: id })}
            selectableKinds={['community', 'compound']}
            allowClear
            placeholder={t('volunteers.teams.orgUnit')}
            style={{ width: 240 }}
          />
        </Flex>
        {list.isError ? (
          <QueryError error={list.error} onRetry={() => list.refetch()} />
        ) : (
          <Table<TeamOut>
            data-testid="teams-table"
            {...table}
            columns={[
              {
                title: t('volunteers.teams.name'),
                key: 'name',
                render: (_, x) => (
                  <Space size={4} wrap>
                    <Link to={`/admin/volunteers/teams/${x.id}`} data-testid="team-link">
                      <Typography.Text strong>{x.name}</Typography.Text>
                    </Link>
                    {!x.active && <Tag>{t('volunteers.teams.inactive')}</Tag>}
                  </Space>
                ),
              },
              {
                title: t('volunteers.teams.unit'),
                key: 'unit',
                width: 200,
                render: (_, x) => (
                  <Space size={4}>
                    {x.orgUnitName}
                    <Tag color={x.level === 'community' ? 'red' : 'blue'}>
                      {t(`volunteers.level.${x.level}`)}
                    </Tag>
                  </Space>
                ),
              },
              {
                title: t('volunteers.teams.leaders'),
                key: 'leaders',
                width: 180,
                render: (_, x) => x.leaders.join('、') || '—',
              },
              { title: t('volunteers.teams.posts'), dataIndex: 'postCount', width: 80, align: 'right' },
              { title: t('volunteers.teams.members'), dataIndex: 'memberCount', width: 80, align: 'right' },
            ]}
          />
        )}
      </Card>
      <CreateTeamModal open={creating} onClose={() => setCreating(false)} />
    </>
  );
}

function CreateTeamModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const [form] = Form.useForm<{ orgUnitId: string; name: string; description?: string }>();
  const create = useMutation({
    mutationFn: volunteersApi.createTeam,
    onSuccess: async (team) => {
      message.success(t('volunteers.teams.created', { name: team.name }));
      await qc.invalidateQueries({ queryKey: volunteersKeys.all });
      onClose();
      form.resetFields();
      navigate(`/admin/volunteers/teams/${team.id}`);
    },
    onError: (e) => message.error(errorText(e)),
  });
  return (
    <Modal
      open={open}
      title={t('volunteers.teams.add')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={create.isPending}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" onFinish={(v) => create.mutate(v)}>
        <Form.Item
          name="orgUnitId"
          label={t('volunteers.teams.orgUnit')}
          rules={[{ required: true, message: t('form.required') }]}
        >
          <OrgUnitPicker selectableKinds={['community', 'compound']} />
        </Form.Item>
        <Form.Item
          name="name"
          label={t('volunteers.teams.name')}
          rules={[{ required: true, min: 2, max: 60, message: t('form.invalid') }]}
        >
          <Input maxLength={60} placeholder="红色志愿服务队" />
        </Form.Item>
        <Form.Item name="description" label={t('volunteers.teams.description')}>
          <Input.TextArea maxLength={500} rows={3} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
