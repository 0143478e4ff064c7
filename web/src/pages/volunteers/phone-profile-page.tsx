import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Checkbox, Empty, Flex, Form, Input, Skeleton, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Availability, Skill } from '../../../../common/contracts/volunteers.ts';
import { type MyProfile, volunteersApi, volunteersKeys } from '../../api/volunteers.ts';
import { errorText } from '../../components/error-text.ts';
import { QueryError } from '../../components/query-error.tsx';
import { PhoneTitle } from '../points/phone-back.tsx';
import { hoursOf, SkillTags, useVolunteerLabels } from './volunteers-parts.tsx';

type ProfileForm = { skills: Skill[]; availability: Availability[]; intro?: string };

/** /m/volunteer — 我的志愿者档案: register or edit skills and free time, my teams, join a team. */
export function PhoneVolunteerProfilePage() {
  const { t } = useTranslation();
  const me = useQuery({ queryKey: volunteersKeys.me, queryFn: volunteersApi.me });
  const [editing, setEditing] = useState(false);
  if (me.isError) return <QueryError error={me.error} onRetry={() => me.refetch()} />;
  if (!me.data) return <Skeleton active paragraph={{ rows: 6 }} />;
  const p = me.data.profile;
  return (
    <>
      <PhoneTitle title={t('volunteers.phone.title')} back="/m" />
      {!p || editing ? (
        <ProfileCard data={me.data} onDone={() => setEditing(false)} />
      ) : (
        <Card data-testid="my-profile">
          <Flex justify="space-between" align="start" gap={8}>
            <div>
              <Typography.Title level={5} style={{ margin: 0 }}>
                {p.name}
              </Typography.Title>
              <div className="linli-muted">{p.placeName}</div>
            </div>
            <Button onClick={() => setEditing(true)} data-testid="edit-profile">
              {t('volunteers.phone.edit')}
            </Button>
          </Flex>
          <div style={{ marginTop: 12 }}>
            <SkillTags skills={p.skills} />
          </div>
          <AvailabilityLine values={p.availability} />
          {p.intro && <div style={{ marginTop: 8 }}>{p.intro}</div>}
          <div className="linli-muted" style={{ marginTop: 8 }}>
            {t('volunteers.phone.recent', { hours: hoursOf(p.recentMinutes) })}
          </div>
        </Card>
      )}
      <MyTeams data={me.data} />
      <Joinable data={me.data} />
    </>
  );
}

function AvailabilityLine({ values }: { values: Availability[] }) {
  const l = useVolunteerLabels();
  return (
    <div style={{ marginTop: 8 }}>
      {values.map((a) => (
        <Tag key={a} color="cyan">
          {l.availability(a)}
        </Tag>
      ))}
    </div>
  );
}

function ProfileCard({ data, onDone }: { data: MyProfile; onDone: () => void }) {
  const { t } = useTranslation();
  const l = useVolunteerLabels();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm<ProfileForm>();
  const save = useMutation({
    mutationFn: (v: ProfileForm) => volunteersApi.saveMe({ ...v, intro: v.intro ?? '' }),
    onSuccess: async (next) => {
      message.success(t('volunteers.phone.saved'));
      qc.setQueryData(volunteersKeys.me, next);
      await qc.invalidateQueries({ queryKey: volunteersKeys.all });
      onDone();
    },
    onError: (e) => message.error(errorText(e)),
  });
  const p = data.profile;
  return (
    <Card title={p ? t('volunteers.phone.edit') : t('volunteers.phone.register')} data-testid="profile-form">
      {!p && (
        <Typography.Paragraph type="secondary">{t('volunteers.phone.registerHint')}</Typography.Paragraph>
      )}
      <Form
        form={form}
        layout="vertical"
        initialValues={{
          skills: p?.skills ?? [],
          availability: p?.availability ?? [],
          intro: p?.intro ?? '',
        }}
        onFinish={(v) => save.mutate(v)}
      >
        <Form.Item
          name="skills"
          label={t('volunteers.phone.skills')}
          rules={[{ required: true, type: 'array', min: 1, message: t('form.required') }]}
        >
          <Checkbox.Group
            options={l.skillOptions}
            style={{ display: 'grid', gridTemplateColumns: '1fr 1fr 1fr', gap: 6 }}
          />
        </Form.Item>
        <Form.Item
          name="availability"
          label={t('volunteers.phone.availability')}
          rules={[{ required: true, type: 'array', min: 1, message: t('form.required') }]}
        >
          <Checkbox.Group options={l.availabilityOptions} />
        </Form.Item>
        <Form.Item name="intro" label={t('volunteers.phone.intro')}>
          <Input.TextArea maxLength={300} rows={2} placeholder={t('volunteers.phone.introPlaceholder')} />
        </Form.Item>
        <Flex gap={8}>
          <Button
            type="primary"
            htmlType="submit"
            block
            size="large"
            loading={save.isPending}
            data-testid="save-profile"
          >
            {t('volunteers.phone.save')}
          </Button>
          {p && (
            <Button size="large" onClick={onDone}>
              {t('common.cancel')}
            </Button>
          )}
        </Flex>
      </Form>
    </Card>
  );
}

function MyTeams({ data }: { data: MyProfile }) {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const qc = useQueryClient();
  const leave = useMutation({
    mutationFn: (m: MyProfile['teams'][number]) => volunteersApi.removeMember(m.teamId, m.memberId),
    onSuccess: async (_, m) => {
      message.success(t('volunteers.phone.left', { name: m.teamName }));
      await qc.invalidateQueries({ queryKey: volunteersKeys.all });
    },
    onError: (e) => message.error(errorText(e)),
  });
  return (
    <>
      <Typography.Title level={5} style={{ margin: '8px 0 0' }}>
        {t('volunteers.phone.myTeams')}
      </Typography.Title>
      {data.teams.length === 0 ? (
        <Card>
          <Empty description={t('volunteers.phone.noTeams')} />
        </Card>
      ) : (
        <Card styles={{ body: { padding: '4px 14px' } }} data-testid="my-teams">
          {data.teams.map((m) => (
            <Flex
              key={m.memberId}
              justify="space-between"
              align="center"
              style={{ padding: '10px 0' }}
              gap={8}
            >
              <div>
                <div>
                  {m.teamName} {m.role === 'leader' && <Tag color="red">{t('volunteers.role.leader')}</Tag>}
                </div>
                <div className="linli-muted">
                  {m.orgUnitName}
                  {m.postName ? ` · ${m.postName}` : ''}
                </div>
              </div>
              <Button
                size="small"
                onClick={() =>
                  modal.confirm({
                    title: t('volunteers.phone.leaveTitle', { name: m.teamName }),
                    okText: t('volunteers.phone.leave'),
                    okButtonProps: { danger: true },
                    cancelText: t('common.cancel'),
                    onOk: () => leave.mutateAsync(m).catch(() => undefined),
                  })
                }
              >
                {t('volunteers.phone.leave')}
              </Button>
            </Flex>
          ))}
        </Card>
      )}
    </>
  );
}

function Joinable({ data }: { data: MyProfile }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const join = useMutation({
    mutationFn: (teamId: string) => volunteersApi.join(teamId, {}),
    onSuccess: async (team) => {
      message.success(t('volunteers.phone.joined', { name: team.name }));
      await qc.invalidateQueries({ queryKey: volunteersKeys.all });
    },
    onError: (e) => message.error(errorText(e)),
  });
  return (
    <>
      <Typography.Title level={5} style={{ margin: '8px 0 0' }}>
        {t('volunteers.phone.joinable')}
      </Typography.Title>
      {data.joinable.length === 0 ? (
        <Card>
          <Empty description={t('volunteers.phone.noJoinable')} />
        </Card>
      ) : (
        <Card styles={{ body: { padding: '4px 14px' } }} data-testid="joinable-teams">
          {!data.profile && (
            <Typography.Paragraph type="secondary" style={{ margin: '10px 0 0' }}>
              {t('volunteers.phone.needProfile')}
            </Typography.Paragraph>
          )}
          {data.joinable.map((team) => (
            <Flex key={team.id} justify="space-between" align="center" style={{ padding: '10px 0' }} gap={8}>
              <div>
                <div>{team.name}</div>
                <div className="linli-muted">
                  {team.orgUnitName} · {t('volunteers.teams.members')} {team.memberCount}
                </div>
              </div>
              <Button
                type="primary"
                size="small"
                disabled={!data.profile}
                loading={join.isPending && join.variables === team.id}
                onClick={() => join.mutate(team.id)}
                data-testid="join-team"
              >
                {t('volunteers.phone.join')}
              </Button>
            </Flex>
          ))}
        </Card>
      )}
    </>
  );
}
