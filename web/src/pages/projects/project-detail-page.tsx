import { EditOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  App,
  Button,
  Card,
  Checkbox,
  Col,
  Descriptions,
  Empty,
  Form,
  Input,
  InputNumber,
  List,
  Popconfirm,
  Row,
  Tag,
  Timeline,
  Typography,
} from 'antd';
import type { UploadFile } from 'antd/es/upload/interface';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import type { UploadedFile } from '../../api/points.ts';
import { type ProjectOut, projectKeys, projectsApi, yuan } from '../../api/projects.ts';
import { formatDate, formatDateTime } from '../../components/format.ts';
import { FormError } from '../../components/form-error.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { QueryState } from '../../components/query-state.tsx';
import { ProjectFormModal } from './project-form-modal.tsx';
import {
  CategoryTag,
  PhotoUpload,
  Photos,
  ProjectStateTag,
  RatingText,
  uploadedIds,
} from './projects-parts.tsx';

/** One 暖心实项目: its facts, milestones, progress with photos, the state moves and residents' ratings. */
export function ProjectDetailPage() {
  const { id = '' } = useParams();
  const project = useQuery({ queryKey: projectKeys.project(id), queryFn: () => projectsApi.get(id) });
  return <QueryState query={project}>{(p) => <ProjectView project={p} />}</QueryState>;
}

function ProjectView({ project: p }: { project: ProjectOut }) {
  const { t, i18n } = useTranslation();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const [editing, setEditing] = useState(false);
  const manage = p.allowed.includes('projects:manage');
  const refresh = (next: ProjectOut) => {
    qc.setQueryData(projectKeys.project(p.id), next);
    qc.invalidateQueries({ queryKey: projectKeys.list });
    qc.invalidateQueries({ queryKey: projectKeys.weekly });
  };
  const move = useMutation({
    mutationFn: (action: ProjectOut['actions'][number]) => projectsApi.transition(p.id, action),
    onSuccess: refresh,
  });
  const mark = useMutation({
    mutationFn: ({ id, done }: { id: string; done: boolean }) => projectsApi.markMilestone(id, done),
    onSuccess: () => qc.invalidateQueries({ queryKey: projectKeys.project(p.id) }),
  });
  return (
    <>
      <PageHeader
        crumbs={[{ title: t('menu.projectsList'), to: '/admin/projects' }, { title: `${p.number}` }]}
        title={
          <span>
            {p.number}. {p.title}
          </span>
        }
        subTitle={<ProjectStateTag state={p.state} delayed={p.delayed} />}
        extra={
          <>
            {manage && (
              <Button icon={<EditOutlined />} onClick={() => setEditing(true)} data-testid="project-edit">
                {t('common.edit')}
              </Button>
            )}
            {p.actions.map((a) =>
              a === 'complete' ? (
                <Popconfirm key={a} title={t('projects.confirmComplete')} onConfirm={() => move.mutate(a)}>
                  <Button type="primary" loading={move.isPending} data-testid="project-complete">
                    {t('projects.actions.complete')}
                  </Button>
                </Popconfirm>
              ) : (
                <Button
                  key={a}
                  loading={move.isPending}
                  onClick={() => move.mutate(a)}
                  data-testid={`project-${a}`}
                >
                  {t(`projects.actions.${a}`)}
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
            <Descriptions column={2} size="small">
              <Descriptions.Item label={t('projects.category')}>
                <CategoryTag category={p.category} />
              </Descriptions.Item>
              <Descriptions.Item label={t('projects.year')}>{p.year}</Descriptions.Item>
              <Descriptions.Item label={t('projects.responsibleUnit')}>{p.responsibleUnit}</Descriptions.Item>
              <Descriptions.Item label={t('projects.lead')}>{p.leadName}</Descriptions.Item>
              <Descriptions.Item label={t('projects.deadline')}>{p.deadline}</Descriptions.Item>
              <Descriptions.Item label={t('projects.doneAt')}>
                {p.doneAt ? formatDate(p.doneAt, i18n.language) : t('common.none')}
              </Descriptions.Item>
              <Descriptions.Item label={t('projects.budget')}>{yuan(p.budgetFen)}</Descriptions.Item>
              <Descriptions.Item label={t('projects.spent')}>{yuan(p.spentFen)}</Descriptions.Item>
              <Descriptions.Item label={t('projects.description')} span={2}>
                {p.description || t('common.none')}
              </Descriptions.Item>
            </Descriptions>
          </Card>
          <Card title={t('projects.milestones')} style={{ marginBottom: 16 }}>
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
                      disabled={!manage || mark.isPending}
                      onChange={(e) => mark.mutate({ id: m.id, done: e.target.checked })}
                    >
                      <span>{m.title}</span>
                      <Typography.Text type="secondary" style={{ marginInlineStart: 8, fontSize: 12 }}>
                        {m.ownerName} · {m.dueDate}
                      </Typography.Text>
                    </Checkbox>
                  </List.Item>
                )}
              />
            )}
          </Card>
          <Card title={t('projects.ratings')}>
            <div style={{ marginBottom: 8 }}>
              <RatingText average={p.ratingAverage} count={p.ratingCount} />
            </div>
            {p.ratings.length > 0 && (
              <List
                size="small"
                dataSource={p.ratings}
                renderItem={(r) => (
                  <List.Item>
                    <span style={{ color: '#fadb14' }}>{'★'.repeat(r.score)}</span>
                    <span style={{ flex: 1, marginInlineStart: 8 }}>{r.comment}</span>
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {r.name} · {formatDate(r.at, i18n.language)}
                    </Typography.Text>
                  </List.Item>
                )}
              />
            )}
          </Card>
        </Col>
        <Col xs={24} xl={9}>
          {manage && (
            <ProgressForm
              project={p}
              onSaved={(next) => {
                refresh(next);
                message.success(t('projects.progressSaved'));
              }}
            />
          )}
          <Card title={t('projects.updates')}>
            {p.updates.length === 0 ? (
              <Empty description={t('projects.noUpdates')} />
            ) : (
              <Timeline
                items={p.updates.map((u) => ({
                  children: (
                    <div data-testid="project-update">
                      <div>{u.note}</div>
                      {u.spentFen !== null && (
                        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                          {t('projects.spent')} {yuan(u.spentFen)}
                        </Typography.Text>
                      )}
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
      {editing && (
        <ProjectFormModal
          orgUnitId={p.orgUnitId}
          year={p.year}
          project={p}
          onClose={() => setEditing(false)}
          onSaved={(next) => qc.setQueryData(projectKeys.project(p.id), next)}
        />
      )}
    </>
  );
}

function ProgressForm({ project, onSaved }: { project: ProjectOut; onSaved: (p: ProjectOut) => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ note: string; spentYuan?: number }>();
  const [photos, setPhotos] = useState<UploadFile<UploadedFile>[]>([]);
  const save = useMutation({
    mutationFn: (v: { note: string; spentYuan?: number }) =>
      projectsApi.progress(project.id, {
        note: v.note,
        photoIds: uploadedIds(photos),
        ...(v.spentYuan !== undefined && v.spentYuan !== null
          ? { spentFen: Math.round(v.spentYuan * 100) }
          : {}),
      }),
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
          <Input.TextArea rows={3} data-testid="progress-note" />
        </Form.Item>
        <Form.Item label={t('projects.photos')}>
          <PhotoUpload value={photos} onChange={setPhotos} />
        </Form.Item>
        <Form.Item name="spentYuan" label={t('projects.spentYuan')}>
          <InputNumber min={0} precision={2} style={{ width: '100%' }} />
        </Form.Item>
        <Button
          type="primary"
          htmlType="submit"
          loading={save.isPending}
          disabled={photos.some((f) => f.status === 'uploading')}
          data-testid="progress-submit"
        >
          {t('projects.actions.progress')}
        </Button>
        <FormError error={save.error} />
      </Form>
    </Card>
  );
}
