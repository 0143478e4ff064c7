import { PlusOutlined, UserAddOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  App,
  Button,
  Card,
  Descriptions,
  Empty,
  Flex,
  Form,
  Input,
  Modal,
  Select,
  Skeleton,
  Space,
  Table,
  Tag,
  Tooltip,
  Typography,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { POST_KIND_SKILLS, type PostKind, type Skill } from '../../../../common/contracts/volunteers.ts';
import {
  type MatchOut,
  type MemberOut,
  type PostOut,
  type TeamDetail,
  volunteersApi,
  volunteersKeys,
} from '../../api/volunteers.ts';
import { errorText } from '../../components/error-text.ts';
import { formatDate } from '../../components/format.ts';
import { PageHeader } from '../../components/page-header.tsx';
import { QueryError } from '../../components/query-error.tsx';
import { hoursOf, SkillTags, useVolunteerLabels } from './volunteers-parts.tsx';

/** A team: its posts, its members (add, remove with confirmation) and "为岗位推荐志愿者". */
export function TeamPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const team = useQuery({ queryKey: volunteersKeys.team(id), queryFn: () => volunteersApi.team(id) });
  if (team.isError) return <QueryError error={team.error} onRetry={() => team.refetch()} />;
  if (!team.data) return <Skeleton active paragraph={{ rows: 8 }} />;
  const x = team.data;
  const manage = x.allowed.includes('volunteers:manage');
  return (
    <>
      <PageHeader
        title={x.name}
        crumbs={[{ title: t('menu.volunteerTeams'), to: '/admin/volunteers/teams' }, { title: x.name }]}
        extra={manage && <TeamActions team={x} />}
      />
      <Flex vertical gap={16}>
        <Card>
          <Descriptions column={{ xs: 1, md: 3 }} size="small">
            <Descriptions.Item label={t('volunteers.teams.unit')}>
              <Space size={4}>
                {x.orgUnitName}
                <Tag color={x.level === 'community' ? 'red' : 'blue'}>{t(`volunteers.level.${x.level}`)}</Tag>
              </Space>
            </Descriptions.Item>
            <Descriptions.Item label={t('volunteers.teams.leaders')}>
              {x.leaders.join('、') || '—'}
            </Descriptions.Item>
            <Descriptions.Item label={t('volunteers.teams.members')}>{x.memberCount}</Descriptions.Item>
            <Descriptions.Item label={t('volunteers.teams.description')} span={3}>
              {x.description || '—'}
            </Descriptions.Item>
          </Descriptions>
        </Card>
        <PostsCard team={x} manage={manage} />
        <MembersCard team={x} manage={manage} />
        {manage && <MatchCard team={x} />}
      </Flex>
    </>
  );
}

function PostsCard({ team, manage }: { team: TeamDetail; manage: boolean }) {
  const { t } = useTranslation();
  const l = useVolunteerLabels();
  const [adding, setAdding] = useState(false);
  const { message, modal } = App.useApp();
  const qc = useQueryClient();
  const setActive = useMutation({
    mutationFn: (v: { post: PostOut; active: boolean }) =>
      volunteersApi.updatePost(v.post.id, { active: v.active }),
    onSuccess: async () => {
      message.success(t('common.saved'));
      await qc.invalidateQueries({ queryKey: volunteersKeys.all });
    },
    onError: (e) => message.error(errorText(e)),
  });
  const toggle = (post: PostOut) =>
    post.active
      ? modal.confirm({
          title: t('volunteers.team.deactivatePostTitle', { name: post.name }),
          content: t('volunteers.team.deactivatePostHint'),
          okText: t('volunteers.team.deactivate'),
          okButtonProps: { danger: true },
          cancelText: t('common.cancel'),
          onOk: () => setActive.mutateAsync({ post, active: false }).catch(() => undefined),
        })
      : setActive.mutate({ post, active: true });
  return (
    <Card
      title={t('volunteers.team.posts')}
      extra={
        manage && (
          <Button icon={<PlusOutlined />} onClick={() => setAdding(true)} data-testid="add-post">
            {t('volunteers.team.addPost')}
          </Button>
        )
      }
    >
      <Table<PostOut>
        rowKey="id"
        size="small"
        pagination={false}
        dataSource={team.posts}
        data-testid="posts-table"
        locale={{ emptyText: <Empty description={t('volunteers.team.noPosts')} /> }}
        columns={[
          {
            title: t('volunteers.team.postName'),
            key: 'name',
            render: (_, p) => (
              <Space size={4}>
                <Typography.Text strong>{p.name}</Typography.Text>
                {!p.active && <Tag>{t('volunteers.teams.inactive')}</Tag>}
              </Space>
            ),
          },
          {
            title: t('volunteers.team.postKind'),
            key: 'kind',
            width: 120,
            render: (_, p) => l.postKind(p.kind),
          },
          {
            title: t('volunteers.team.skills'),
            key: 'skills',
            render: (_, p) => <SkillTags skills={p.skills} />,
          },
          { title: t('volunteers.teams.members'), dataIndex: 'memberCount', width: 80, align: 'right' },
          ...(manage
            ? [
                {
                  title: t('common.actions'),
                  key: 'actions',
                  width: 80,
                  render: (_: unknown, p: PostOut) => (
                    <Button
                      size="small"
                      type="link"
                      danger={p.active}
                      onClick={() => toggle(p)}
                      data-testid="toggle-post"
                    >
                      {p.active ? t('volunteers.team.deactivate') : t('volunteers.team.activate')}
                    </Button>
                  ),
                },
              ]
            : []),
        ]}
      />
      <AddPostModal team={team} open={adding} onClose={() => setAdding(false)} />
    </Card>
  );
}

function AddPostModal({ team, open, onClose }: { team: TeamDetail; open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const l = useVolunteerLabels();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm<{ kind: PostKind; name: string; skills: Skill[]; description?: string }>();
  const add = useMutation({
    mutationFn: (v: { kind: PostKind; name: string; skills: Skill[]; description?: string }) =>
      volunteersApi.createPost(team.id, v),
    onSuccess: async (_, v) => {
      message.success(t('volunteers.team.postAdded', { name: v.name }));
      await qc.invalidateQueries({ queryKey: volunteersKeys.all });
      form.resetFields();
      onClose();
    },
    onError: (e) => message.error(errorText(e)),
  });
  return (
    <Modal
      open={open}
      title={t('volunteers.team.addPost')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={add.isPending}
      destroyOnHidden
    >
      <Form
        form={form}
        layout="vertical"
        onFinish={(v) => add.mutate({ ...v, skills: v.skills ?? [] })}
        onValuesChange={(changed: { kind?: PostKind }) => {
          if (changed.kind) form.setFieldsValue({ skills: POST_KIND_SKILLS[changed.kind] });
        }}
      >
        <Form.Item
          name="kind"
          label={t('volunteers.team.postKind')}
          rules={[{ required: true, message: t('form.required') }]}
        >
          <Select options={l.postKindOptions} data-testid="post-kind" />
        </Form.Item>
        <Form.Item
          name="name"
          label={t('volunteers.team.postName')}
          rules={[{ required: true, min: 2, max: 60, message: t('form.invalid') }]}
        >
          <Input maxLength={60} placeholder="健康义诊岗" />
        </Form.Item>
        <Form.Item name="skills" label={t('volunteers.team.skills')}>
          <Select mode="multiple" options={l.skillOptions} />
        </Form.Item>
        <Form.Item name="description" label={t('volunteers.teams.description')}>
          <Input.TextArea maxLength={500} rows={2} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function MembersCard({ team, manage }: { team: TeamDetail; manage: boolean }) {
  const { t, i18n } = useTranslation();
  const { message, modal } = App.useApp();
  const qc = useQueryClient();
  const [adding, setAdding] = useState(false);
  const remove = useMutation({
    mutationFn: (m: MemberOut) => volunteersApi.removeMember(team.id, m.id),
    onSuccess: async (_, m) => {
      message.success(t('volunteers.team.removed', { name: m.name }));
      await qc.invalidateQueries({ queryKey: volunteersKeys.all });
    },
    onError: (e) => message.error(errorText(e)),
  });
  const confirmRemove = (m: MemberOut) =>
    modal.confirm({
      title: t('volunteers.team.removeTitle', { name: m.name }),
      content: t('volunteers.team.removeHint'),
      okText: t('volunteers.team.remove'),
      okButtonProps: { danger: true },
      cancelText: t('common.cancel'),
      onOk: () => remove.mutateAsync(m).catch(() => undefined),
    });
  const hidden = team.members.length === 0 && team.memberCount > 0;
  return (
    <Card
      title={`${t('volunteers.team.members')}（${team.memberCount}）`}
      extra={
        manage && (
          <Button icon={<UserAddOutlined />} onClick={() => setAdding(true)} data-testid="add-member">
            {t('volunteers.team.addMember')}
          </Button>
        )
      }
    >
      {hidden ? (
        <Typography.Text type="secondary">{t('volunteers.team.membersHidden')}</Typography.Text>
      ) : (
        <Table<MemberOut>
          rowKey="id"
          size="small"
          dataSource={team.members}
          data-testid="members-table"
          pagination={{ pageSize: 10, hideOnSinglePage: true }}
          locale={{ emptyText: <Empty description={t('volunteers.team.noMembers')} /> }}
          columns={[
            {
              title: t('volunteers.team.member'),
              key: 'name',
              render: (_, m) => (
                <Space size={4}>
                  {m.name}
                  {m.role === 'leader' && <Tag color="red">{t('volunteers.role.leader')}</Tag>}
                </Space>
              ),
            },
            { title: t('volunteers.team.place'), dataIndex: 'placeName', width: 180 },
            {
              title: t('volunteers.team.post'),
              key: 'post',
              width: 120,
              render: (_, m) => m.postName ?? '—',
            },
            {
              title: t('volunteers.list.skills'),
              key: 'skills',
              render: (_, m) => <SkillTags skills={m.skills} />,
            },
            {
              title: t('volunteers.team.joinedAt'),
              key: 'joined',
              width: 110,
              render: (_, m) => formatDate(m.joinedAt, i18n.language),
            },
            {
              title: t('common.actions'),
              key: 'actions',
              width: 80,
              render: (_, m) =>
                m.removable && (
                  <Button
                    size="small"
                    danger
                    type="link"
                    onClick={() => confirmRemove(m)}
                    data-testid="remove-member"
                  >
                    {t('volunteers.team.remove')}
                  </Button>
                ),
            },
          ]}
        />
      )}
      <AddMemberModal team={team} open={adding} onClose={() => setAdding(false)} />
    </Card>
  );
}

function AddMemberModal({ team, open, onClose }: { team: TeamDetail; open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [q, setQ] = useState('');
  const [form] = Form.useForm<{ volunteerId: string; postId?: string; role: 'leader' | 'member' }>();
  const options = useQuery({
    queryKey: volunteersKeys.profiles({ q, orgUnitId: team.orgUnitId, for: 'add' }),
    queryFn: () => volunteersApi.profiles({ q: q || undefined, orgUnitId: team.orgUnitId, pageSize: 50 }),
    enabled: open,
  });
  const inTeam = new Set(team.members.map((m) => m.volunteerId));
  const add = useMutation({
    mutationFn: (v: { volunteerId: string; postId?: string; role: 'leader' | 'member' }) =>
      volunteersApi.addMember(team.id, { ...v, postId: v.postId ?? null }),
    onSuccess: async (_, v) => {
      const name = options.data?.items.find((x) => x.id === v.volunteerId)?.name ?? '';
      message.success(t('volunteers.team.added', { name }));
      await qc.invalidateQueries({ queryKey: volunteersKeys.all });
      form.resetFields();
      onClose();
    },
    onError: (e) => message.error(errorText(e)),
  });
  return (
    <Modal
      open={open}
      title={t('volunteers.team.addMember')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={add.isPending}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" initialValues={{ role: 'member' }} onFinish={(v) => add.mutate(v)}>
        <Form.Item
          name="volunteerId"
          label={t('volunteers.team.member')}
          rules={[{ required: true, message: t('form.required') }]}
        >
          <Select
            showSearch={{ filterOption: false, onSearch: setQ }}
            placeholder={t('volunteers.team.pickVolunteer')}
            loading={options.isFetching}
            data-testid="member-pick"
            options={(options.data?.items ?? [])
              .filter((v) => !inTeam.has(v.id))
              .map((v) => ({ value: v.id, label: `${v.name}（${v.placeName}）` }))}
          />
        </Form.Item>
        <Form.Item name="postId" label={t('volunteers.team.post')}>
          <Select
            allowClear
            placeholder={t('volunteers.team.noPost')}
            options={team.posts.filter((p) => p.active).map((p) => ({ value: p.id, label: p.name }))}
          />
        </Form.Item>
        <Form.Item name="role" label={t('volunteers.teams.leaders')}>
          <Select
            options={[
              { value: 'member', label: t('volunteers.role.member') },
              { value: 'leader', label: t('volunteers.role.leader') },
            ]}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** 为岗位推荐志愿者: pick a post, see the ranked volunteers and why, add one to the post. */
function MatchCard({ team }: { team: TeamDetail }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const posts = team.posts.filter((p) => p.active);
  const [postId, setPostId] = useState<string | undefined>(posts[0]?.id);
  const match = useQuery({
    queryKey: volunteersKeys.match({ postId }),
    queryFn: () => volunteersApi.match({ postId, limit: 10 }),
    enabled: !!postId,
  });
  const add = useMutation({
    mutationFn: (m: MatchOut['items'][number]) =>
      volunteersApi.addMember(team.id, { volunteerId: m.volunteerId, postId: postId ?? null }),
    onSuccess: async (_, m) => {
      message.success(t('volunteers.team.added', { name: m.name }));
      await qc.invalidateQueries({ queryKey: volunteersKeys.all });
    },
    onError: (e) => message.error(errorText(e)),
  });
  const inTeam = new Set(team.members.map((m) => m.volunteerId));
  return (
    <Card
      title={t('volunteers.team.match')}
      extra={<Typography.Text type="secondary">{t('volunteers.team.matchHint')}</Typography.Text>}
    >
      <Flex gap={12} align="center" style={{ marginBottom: 12 }}>
        <Select
          value={postId}
          onChange={setPostId}
          placeholder={t('volunteers.team.matchPick')}
          options={posts.map((p) => ({ value: p.id, label: p.name }))}
          style={{ width: 220 }}
          data-testid="match-post"
        />
        {match.data && <SkillTags skills={match.data.target.skills} />}
      </Flex>
      {match.isError ? (
        <QueryError error={match.error} onRetry={() => match.refetch()} />
      ) : (
        <Table<MatchOut['items'][number]>
          rowKey="volunteerId"
          size="small"
          pagination={false}
          loading={match.isFetching}
          dataSource={match.data?.items}
          data-testid="match-table"
          locale={{ emptyText: <Empty description={t('volunteers.match.none')} /> }}
          columns={[
            { title: t('volunteers.match.rank'), key: 'rank', width: 60, render: (_, __, i) => i + 1 },
            {
              title: t('volunteers.team.member'),
              key: 'name',
              width: 200,
              render: (_, m) => (
                <>
                  <div>{m.name}</div>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {m.placeName}
                  </Typography.Text>
                </>
              ),
            },
            {
              title: t('volunteers.match.matched'),
              key: 'skills',
              render: (_, m) => <SkillTags skills={m.skills} highlight={m.matchedSkills} />,
            },
            { title: t('volunteers.match.score'), dataIndex: 'score', width: 70, align: 'right' },
            { title: t('volunteers.match.why'), key: 'why', width: 320, render: (_, m) => <Why item={m} /> },
            {
              title: t('common.actions'),
              key: 'add',
              width: 110,
              render: (_, m) =>
                !inTeam.has(m.volunteerId) && (
                  <Button size="small" type="link" onClick={() => add.mutate(m)} data-testid="match-add">
                    {t('volunteers.team.addToPost')}
                  </Button>
                ),
            },
          ]}
        />
      )}
    </Card>
  );
}

function Why({ item }: { item: MatchOut['items'][number] }) {
  const { t } = useTranslation();
  const p = item.parts;
  return (
    <Space size={[0, 4]} wrap>
      <Tooltip title={item.matchedSkills.length ? undefined : t('volunteers.match.noMatchedSkills')}>
        <Tag color={p.skill > 0 ? 'green' : undefined}>{t('volunteers.match.skillPart', { n: p.skill })}</Tag>
      </Tooltip>
      <Tag color={p.distance >= 20 ? 'blue' : undefined}>
        {t(`volunteers.distance.${item.distance}`)} {p.distance}
      </Tag>
      {item.available !== null && (
        <Tag color={item.available ? 'cyan' : undefined}>
          {t('volunteers.match.availabilityPart', { n: p.availability })}
        </Tag>
      )}
      <Tag>
        {t('volunteers.match.recent', { hours: hoursOf(item.recentMinutes) })} ·{' '}
        {t('volunteers.match.loadPart', { n: p.load })}
      </Tag>
    </Space>
  );
}

/** Edit a team's name and description; deactivate it (after confirmation) or bring it back. */
function TeamActions({ team }: { team: TeamDetail }) {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const qc = useQueryClient();
  const [editing, setEditing] = useState(false);
  const [form] = Form.useForm<{ name: string; description?: string }>();
  const update = useMutation({
    mutationFn: (v: { name?: string; description?: string; active?: boolean }) =>
      volunteersApi.updateTeam(team.id, v),
    onSuccess: async () => {
      message.success(t('common.saved'));
      await qc.invalidateQueries({ queryKey: volunteersKeys.all });
      setEditing(false);
    },
    onError: (e) => message.error(errorText(e)),
  });
  return (
    <Space>
      <Button onClick={() => setEditing(true)} data-testid="edit-team">
        {t('common.edit')}
      </Button>
      {team.active ? (
        <Button
          danger
          data-testid="deactivate-team"
          onClick={() =>
            modal.confirm({
              title: t('volunteers.team.deactivateTeamTitle', { name: team.name }),
              content: t('volunteers.team.deactivateTeamHint'),
              okText: t('volunteers.team.deactivate'),
              okButtonProps: { danger: true },
              cancelText: t('common.cancel'),
              onOk: () => update.mutateAsync({ active: false }).catch(() => undefined),
            })
          }
        >
          {t('volunteers.team.deactivate')}
        </Button>
      ) : (
        <Button onClick={() => update.mutate({ active: true })}>{t('volunteers.team.activate')}</Button>
      )}
      <Modal
        open={editing}
        title={t('common.edit')}
        onCancel={() => setEditing(false)}
        onOk={() => form.submit()}
        okText={t('common.save')}
        cancelText={t('common.cancel')}
        confirmLoading={update.isPending}
        destroyOnHidden
      >
        <Form
          form={form}
          layout="vertical"
          initialValues={{ name: team.name, description: team.description }}
          onFinish={(v) => update.mutate(v)}
        >
          <Form.Item
            name="name"
            label={t('volunteers.teams.name')}
            rules={[{ required: true, min: 2, max: 60, message: t('form.invalid') }]}
          >
            <Input maxLength={60} />
          </Form.Item>
          <Form.Item name="description" label={t('volunteers.teams.description')}>
            <Input.TextArea maxLength={500} rows={3} />
          </Form.Item>
        </Form>
      </Modal>
    </Space>
  );
}
