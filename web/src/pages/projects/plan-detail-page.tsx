import { EditOutlined, LinkOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Button,
  Card,
  Checkbox,
  Col,
  Descriptions,
  Empty,
  Form,
  Input,
  List,
  Popconfirm,
  Row,
  Table,
  Tag,
  Timeline,
  Typography,
} from 'antd';
import type { UploadFile } from 'antd/es/upload/interface';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import type { UploadedFile } from '../../api/points.ts';
import { type PlanOut, projectKeys, projectsApi } from '../../api/projects.ts';
import { formatDateTime } from '../../components/format.ts';
import { FormError } from '../../components/form-error.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { QueryState } from '../../components/query-state.tsx';
import { PlanFormModal } from './plan-form-modal.tsx';
import { PhotoUpload, Photos, PlanStateTag, uploadedIds } from './projects-parts.tsx';

/** One 一事一策: problem, goal, task force, milestones, progress and the public page's link. */
export function PlanDetailPage() {
  const { id = '' } = useParams();
  const plan = useQuery({ queryKey: projectKeys.plan(id), queryFn: () => projectsApi.plan(id) });
  return <QueryState query={plan}>{(p) => <PlanView plan={p} />}</QueryState>;
}

function PlanView({ plan: p }: { plan: PlanOut }) {
  const { t, i18n } = useTranslation();
  const qc = useQueryClient();
  const [editing, setEditing] = useState(false);
  const manage = p.allowed.includes('projects:manage');
  const set = (next: PlanOut) => {
    qc.setQueryData(projectKeys.plan(p.id), next);
    qc.invalidateQueries({ queryKey: projectKeys.plans });
  };
  const move = useMutation({
    mutationFn: (a: PlanOut['actions'][number]) => projectsApi.transitionPlan(p.id, a),
    onSuccess: set,
  });
  const mark = useMutation({
    mutationFn: ({ id, done }: { id: string; done: boolean }) => projectsApi.markMilestone(id, done),
    onSuccess: () => qc.invalidateQueries({ queryKey: projectKeys.plan(p.id) }),
  });
  return (
    <>
      <PageHeader
        crumbs={[{ title: t('menu.projectsPlans'), to: '/admin/projects/plans' }, { title: p.title }]}
        title={p.title}
        subTitle={<PlanStateTag state={p.state} />}
        extra={
          <>
            {p.state !== 'draft' && (
              <Link to={`/board/plans/${p.id}`} target="_blank">
                <Button icon={<LinkOutlined />}>{t('projects.publicPage')}</Button>
              </Link>
            )}
            {manage && p.state !== 'done' && (
              <Button icon={<EditOutlined />} onClick={() => setEditing(true)}>
                {t('projects.plans.edit')}
              </Button>
            )}
            {p.actions.map((a) =>
              a === 'publish' ? (
                <Popconfirm
                  key={a}
                  title={t('projects.plans.confirmPublish')}
                  onConfirm={() => move.mutate(a)}
                >
                  <Button type="primary" loading={move.isPending}>
                    {t('projects.actions.publish')}
                  </Button>
                </Popconfirm>
              ) : (
                <Button key={a} loading={move.isPending} onClick={() => move.mutate(a)}>
                  {t(`projects.actions.${a === 'complete' ? 'complete' : 'reopen'}`)}
                </Button>
              ),
            )}
          </>
        }
      />
      <FormError error={move.error ?? mark.error} />
      <Row gutter={16}>
        <Col xs={24} xl={15}>
          <Card style={{ marginBottom: 16 }}>
            <Descriptions column={1} size="small">
              <Descriptions.Item label={t('projects.plans.problem')}>{p.problem}</Descriptions.Item>
              <Descriptions.Item label={t('projects.plans.goal')}>{p.goal}</Descriptions.Item>
              {p.caseId && (
                <Descriptions.Item label={t('projects.plans.caseId')}>{p.caseId}</Descriptions.Item>
              )}
            </Descriptions>
          </Card>
          <Card title={t('projects.plans.taskForce')} style={{ marginBottom: 16 }}>
            <Table
              size="small"
              rowKey={(m) => `${m.name}-${m.unit}-${m.role}`}
              pagination={false}
              dataSource={p.taskForce}
              columns={[
                { title: t('projects.plans.member'), dataIndex: 'name' },
                { title: t('projects.plans.unit'), dataIndex: 'unit' },
                { title: t('projects.plans.role'), dataIndex: 'role' },
                {
                  title: t('projects.plans.kind'),
                  dataIndex: 'kind',
                  render: (k: 'official' | 'resident') => <Tag>{t(`projects.plans.kinds.${k}`)}</Tag>,
                },
              ]}
            />
          </Card>
          <Card
            title={t('projects.milestones')}
            extra={t('projects.plans.milestonesDone', { done: p.milestonesDone, total: p.milestonesTotal })}
          >
            {p.milestones.length === 0 ? (
              <Empty />
            ) : (
              <List
                dataSource={p.milestones}
                renderItem={(m) => (
                  <List.Item
                    extra={
                      m.doneAt ? (
                        <Tag color="success">{t('projects.milestoneDone')}</Tag>
                      ) : m.overdue ? (
                        <Tag color="error">{t('projects.milestoneOverdue')}</Tag>
                      ) : null
                    }
                  >
                    <Checkbox
                      checked={!!m.doneAt}
                      disabled={!manage || p.state === 'done' || mark.isPending}
                      onChange={(e) => mark.mutate({ id: m.id, done: e.target.checked })}
                    >
                      {m.title}
                      <Typography.Text type="secondary" style={{ marginInlineStart: 8, fontSize: 12 }}>
                        {m.ownerName} · {m.dueDate}
                      </Typography.Text>
                    </Checkbox>
                  </List.Item>
                )}
              />
            )}
          </Card>
        </Col>
        <Col xs={24} xl={9}>
          {manage && p.state !== 'done' && <PlanProgressForm plan={p} onSaved={set} />}
          <Card title={t('projects.updates')}>
            {p.updates.length === 0 ? (
              <Empty description={t('projects.noUpdates')} />
            ) : (
              <Timeline
                items={p.updates.map((u) => ({
                  children: (
                    <div>
                      <div>{u.note}</div>
                      <Photos ids={u.photoIds} />
                      <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
                        {u.actorName} · {formatDateTime(u.at, i18n.language)}
                      </Typography.Text>
                    </div>
                  ),
                }))}
              />
            )}
          </Card>
        </Col>
      </Row>
      {editing && <PlanFormModal orgUnitId={p.orgUnitId} plan={p} onClose={() => setEditing(false)} />}
    </>
  );
}

function PlanProgressForm({ plan, onSaved }: { plan: PlanOut; onSaved: (p: PlanOut) => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ note: string }>();
  const [photos, setPhotos] = useState<UploadFile<UploadedFile>[]>([]);
  const save = useMutation({
    mutationFn: (v: { note: string }) =>
      projectsApi.planProgress(plan.id, { note: v.note, photoIds: uploadedIds(photos) }),
    onSuccess: (p) => {
      form.resetFields();
      setPhotos([]);
      onSaved(p);
    },
  });
  return (
    <Card title={t('projects.actions.progress')} style={{ marginBottom: 16 }}>
      <Form form={form} layout="vertical" onFinish={(v) => save.mutate(v)}>
        <Form.Item name="note" label={t('projects.note')} rules={[{ required: true, max: 2000 }]}>
          <Input.TextArea rows={3} />
        </Form.Item>
        <Form.Item label={t('projects.photos')}>
          <PhotoUpload value={photos} onChange={setPhotos} />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={save.isPending}>
          {t('projects.actions.progress')}
        </Button>
        <FormError error={save.error} />
      </Form>
    </Card>
  );
}
