import { QrcodeOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  App,
  Button,
  Card,
  Col,
  DatePicker,
  Descriptions,
  Empty,
  Flex,
  Form,
  Input,
  List,
  Modal,
  Row,
  Select,
  Space,
  Table,
  Tag,
  Timeline,
  Typography,
} from 'antd';
import type { Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import type { CaseOut } from '../../../../common/contracts/cases.ts';
import { DECISION_KINDS } from '../../../../common/contracts/meetings.ts';
import { api } from '../../api/client.ts';
import { type MeetingAction, type MeetingOut, meetingsApi, meetingsKeys } from '../../api/meetings.ts';
import { errorText } from '../../components/error-text.ts';
import { formatDateTime } from '../../components/format.ts';
import { FormError } from '../../components/form-error.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { QueryState } from '../../components/query-state.tsx';
import { CheckinCodeModal } from './checkin-code.tsx';
import { can, useSession } from '../../app/session.ts';
import { MeetingMotions } from './meeting-motions.tsx';
import { MeetingStateTag, meetingTime, TaskStateTag } from './meetings-parts.tsx';

const MOVES: MeetingAction[] = ['start', 'end', 'approve_minutes', 'close', 'cancel'];

/** /admin/meetings/:id — one meeting: agenda builder, attendance, minutes, decisions and tasks. */
export function MeetingPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const meeting = useQuery({ queryKey: meetingsKeys.meeting(id), queryFn: () => meetingsApi.get(id) });
  return (
    <QueryState query={meeting} notFoundTitle={t('meetings.meetingNotFound')}>
      {(m) => <Meeting m={m} />}
    </QueryState>
  );
}

function useMeetingMutation<A>(id: string, fn: (a: A) => Promise<MeetingOut>) {
  const qc = useQueryClient();
  const { message } = App.useApp();
  return useMutation({
    mutationFn: fn,
    onSuccess: async (m) => {
      qc.setQueryData(meetingsKeys.meeting(id), m);
      await qc.invalidateQueries({ queryKey: meetingsKeys.list });
    },
    onError: (e) => message.error(errorText(e)),
  });
}

function Meeting({ m }: { m: MeetingOut }) {
  const { t, i18n } = useTranslation();
  const { modal } = App.useApp();
  const [showCode, setShowCode] = useState(false);
  const session = useSession();
  const canPropose = can(session.data, 'votes:manage') && m.state !== 'cancelled' && m.state !== 'closed';
  const [proposing, setProposing] = useState<MeetingOut['agenda'][number] | null>(null);
  const [citation, setCitation] = useState('');
  const move = useMeetingMutation(m.id, (a: { action: MeetingAction; note?: string }) =>
    meetingsApi.move(m.id, a.action, a.note),
  );
  const published = m.state === 'minutes_approved' || m.state === 'closed';
  const onMove = (action: MeetingAction) => {
    if (action === 'cancel')
      modal.confirm({
        title: t('meetings.action.cancel'),
        content: t('meetings.confirmCancel'),
        okButtonProps: { danger: true },
        onOk: () => move.mutateAsync({ action }),
      });
    else move.mutate({ action });
  };
  return (
    <>
      <PageHeader
        title={
          <Space>
            {m.title}
            <MeetingStateTag state={m.state} />
          </Space>
        }
        crumbs={[{ title: t('menu.meetings'), to: '/admin/meetings' }, { title: m.title }]}
        extra={
          <Space wrap>
            {m.actions.includes('show_code') && (
              <Button icon={<QrcodeOutlined />} onClick={() => setShowCode(true)} data-testid="show-code">
                {t('meetings.showCode')}
              </Button>
            )}
            {MOVES.filter((a) => m.actions.includes(a)).map((a) => (
              <Button
                key={a}
                type={a === 'cancel' ? 'default' : 'primary'}
                danger={a === 'cancel'}
                loading={move.isPending && move.variables?.action === a}
                onClick={() => onMove(a)}
                data-testid={`move-${a}`}
              >
                {t(`meetings.action.${a}`)}
              </Button>
            ))}
            {published && (
              <a href={`/board/meetings/${m.id}`} target="_blank" rel="noreferrer">
                {t('meetings.publicLink')}
              </a>
            )}
          </Space>
        }
      />
      <Card style={{ marginBottom: 16 }}>
        <Descriptions column={{ xs: 1, md: 3 }} size="small">
          <Descriptions.Item label={t('meetings.body')}>
            {m.bodyName}（{t(`meetings.bodyKind.${m.bodyKind}`)}）
          </Descriptions.Item>
          <Descriptions.Item label={t('meetings.orgUnit')}>{m.orgUnitName}</Descriptions.Item>
          <Descriptions.Item label={t('meetings.time')}>
            {meetingTime(m.startsAt, m.endsAt, i18n.language)}
          </Descriptions.Item>
          <Descriptions.Item label={t('meetings.venue')}>{m.venueName ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={t('meetings.attendance')}>
            <span data-testid="attendance">{m.attendance}</span> / {m.members}
          </Descriptions.Item>
          <Descriptions.Item label={t('meetings.registrations')}>{m.registrations}</Descriptions.Item>
        </Descriptions>
      </Card>
      <Row gutter={16}>
        <Col xs={24} xl={14}>
          <Agenda m={m} onPropose={canPropose ? setProposing : undefined} />
          <MeetingMotions
            m={m}
            proposing={proposing}
            onProposed={() => setProposing(null)}
            onCite={setCitation}
          />
          <Decisions m={m} citation={citation} />
          <Minutes m={m} />
        </Col>
        <Col xs={24} xl={10}>
          <Card title={`${t('meetings.attendees')}（${m.attendance}）`} style={{ marginBottom: 16 }}>
            {m.attendees.length === 0 ? (
              <Empty description={t('meetings.noAttendees')} image={Empty.PRESENTED_IMAGE_SIMPLE} />
            ) : (
              <Table
                size="small"
                rowKey={(r) => `${r.name}-${r.at}`}
                pagination={false}
                dataSource={m.attendees}
                scroll={{ y: 320 }}
                columns={[
                  { title: t('meetings.memberName'), dataIndex: 'name' },
                  {
                    title: t('meetings.affiliation'),
                    dataIndex: 'member',
                    width: 80,
                    render: (v: boolean) =>
                      v ? (
                        <Tag color="blue">{t('meetings.memberTag')}</Tag>
                      ) : (
                        <Tag>{t('meetings.residentTag')}</Tag>
                      ),
                  },
                  {
                    title: t('meetings.time'),
                    dataIndex: 'at',
                    width: 170,
                    render: (v: string) => formatDateTime(v, i18n.language),
                  },
                ]}
              />
            )}
          </Card>
          <Card title={t('meetings.history')}>
            <Timeline
              items={m.history.map((h) => ({
                children: (
                  <>
                    <div>
                      {t(`meetings.action.${h.action as MeetingAction}`, { defaultValue: h.action })} ·{' '}
                      {h.actorName}
                    </div>
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {formatDateTime(h.at, i18n.language)}
                      {h.note ? ` · ${h.note}` : ''}
                    </Typography.Text>
                  </>
                ),
              }))}
            />
          </Card>
        </Col>
      </Row>
      {showCode && <CheckinCodeModal meetingId={m.id} onClose={() => setShowCode(false)} />}
    </>
  );
}

function Agenda({ m, onPropose }: { m: MeetingOut; onPropose?: (a: MeetingOut['agenda'][number]) => void }) {
  const { t } = useTranslation();
  const [topic, setTopic] = useState('');
  const [picking, setPicking] = useState(false);
  const add = useMeetingMutation(m.id, (items: Parameters<typeof meetingsApi.addAgenda>[1]) =>
    meetingsApi.addAgenda(m.id, items),
  );
  const remove = useMeetingMutation(m.id, (itemId: string) => meetingsApi.removeAgenda(m.id, itemId));
  const editable = m.actions.includes('edit_agenda');
  return (
    <Card
      title={t('meetings.agenda')}
      style={{ marginBottom: 16 }}
      extra={
        editable && (
          <Button onClick={() => setPicking(true)} data-testid="pick-case">
            {t('meetings.addCase')}
          </Button>
        )
      }
    >
      <List
        data-testid="agenda"
        locale={{ emptyText: t('common.empty') }}
        dataSource={m.agenda}
        renderItem={(a) => (
          <List.Item
            actions={[
              ...(onPropose
                ? [
                    <Button
                      key="vote"
                      type="link"
                      size="small"
                      onClick={() => onPropose(a)}
                      data-testid="propose-motion"
                    >
                      {t('meetings.motions.propose')}
                    </Button>,
                  ]
                : []),
              ...(editable
                ? [
                    <Button key="rm" type="link" size="small" danger onClick={() => remove.mutate(a.id)}>
                      {t('meetings.remove')}
                    </Button>,
                  ]
                : []),
            ]}
          >
            <Space wrap>
              <span>{a.position}.</span>
              <Tag color={a.kind === 'case' ? 'volcano' : a.kind === 'project' ? 'purple' : 'default'}>
                {t(`meetings.agendaKind.${a.kind}`)}
              </Tag>
              <span>{a.title}</span>
              {a.caseState && (
                <Tag>{t(`cases.state.${a.caseState as 'queued'}`, { defaultValue: a.caseState })}</Tag>
              )}
            </Space>
          </List.Item>
        )}
      />
      {editable && (
        <Space.Compact style={{ width: '100%', marginTop: 12 }}>
          <Input
            value={topic}
            onChange={(e) => setTopic(e.target.value)}
            placeholder={t('meetings.topicTitle')}
            maxLength={200}
            data-testid="topic-input"
          />
          <Button
            type="primary"
            disabled={topic.trim().length < 2}
            loading={add.isPending}
            onClick={() =>
              add.mutate([{ kind: 'topic', title: topic.trim() }], { onSuccess: () => setTopic('') })
            }
            data-testid="add-topic"
          >
            {t('meetings.addTopic')}
          </Button>
        </Space.Compact>
      )}
      {picking && (
        <CasePicker
          m={m}
          onPick={(caseId) => add.mutate([{ kind: 'case', caseId }], { onSuccess: () => setPicking(false) })}
          onClose={() => setPicking(false)}
        />
      )}
    </Card>
  );
}

/** The agenda builder's source: the open cases of the body's area that wait for a decision. */
function CasePicker({
  m,
  onPick,
  onClose,
}: {
  m: MeetingOut;
  onPick: (id: string) => void;
  onClose: () => void;
}) {
  const { t, i18n } = useTranslation();
  const cases = useQuery({
    queryKey: ['cases', 'agenda', m.orgUnitId],
    queryFn: async () => {
      const q = { orgUnitId: m.orgUnitId, pageSize: 100 };
      const [queued, reopened] = await Promise.all([
        api.get<{ items: CaseOut[] }>('/api/cases', { ...q, state: 'queued' }),
        api.get<{ items: CaseOut[] }>('/api/cases', { ...q, state: 'reopened' }),
      ]);
      return [...queued.items, ...reopened.items];
    },
  });
  const taken = new Set(m.agenda.map((a) => a.caseId));
  return (
    <Modal open title={t('meetings.openCases')} onCancel={onClose} footer={null} width={760} destroyOnHidden>
      <Table<CaseOut>
        data-testid="open-cases"
        rowKey="id"
        size="small"
        loading={cases.isFetching}
        dataSource={(cases.data ?? []).filter((c) => !taken.has(c.id))}
        locale={{ emptyText: <Empty description={t('meetings.noOpenCases')} /> }}
        pagination={{ pageSize: 8 }}
        columns={[
          {
            title: t('meetings.time'),
            dataIndex: 'createdAt',
            width: 150,
            render: (v: string) => formatDateTime(v, i18n.language),
          },
          {
            title: t('meetings.topicTitle'),
            key: 'd',
            render: (_, c) => (
              <div>
                <div>
                  {c.categoryName}：{c.description}
                </div>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {c.place}
                </Typography.Text>
              </div>
            ),
          },
          {
            title: '',
            key: 'pick',
            width: 100,
            render: (_, c) => (
              <Button size="small" type="primary" onClick={() => onPick(c.id)} data-testid="pick">
                {t('meetings.pickCase')}
              </Button>
            ),
          },
        ]}
      />
    </Modal>
  );
}

function Minutes({ m }: { m: MeetingOut }) {
  const { t, i18n } = useTranslation();
  const [text, setText] = useState(m.minutes?.text ?? '');
  const save = useMeetingMutation(m.id, (v: string) => meetingsApi.minutes(m.id, v));
  const editable = m.actions.includes('write_minutes');
  const ownDraft = m.state === 'minutes_draft' && m.minutes && !m.actions.includes('approve_minutes');
  if (!editable && !m.minutes) return null;
  return (
    <Card title={t('meetings.minutes')} style={{ marginBottom: 16 }}>
      {m.minutes && (
        <Flex gap={16} wrap style={{ marginBottom: 8 }}>
          {m.minutes.draftedBy && (
            <Typography.Text type="secondary">
              {t('meetings.draftedBy', { name: m.minutes.draftedBy })}
              {m.minutes.draftedAt && ` · ${formatDateTime(m.minutes.draftedAt, i18n.language)}`}
            </Typography.Text>
          )}
          {m.minutes.approvedBy && (
            <Typography.Text type="success">
              {t('meetings.approvedBy', { name: m.minutes.approvedBy })}
            </Typography.Text>
          )}
        </Flex>
      )}
      {editable ? (
        <>
          <Input.TextArea
            rows={6}
            value={text}
            onChange={(e) => setText(e.target.value)}
            placeholder={t('meetings.minutesPlaceholder')}
            maxLength={20000}
            data-testid="minutes-text"
          />
          <Flex justify="space-between" align="center" style={{ marginTop: 8 }} gap={8} wrap>
            <Typography.Text type="secondary">
              {ownDraft ? t('meetings.drafterCannotApprove') : ''}
            </Typography.Text>
            <Button
              type="primary"
              disabled={text.trim().length < 2}
              loading={save.isPending}
              onClick={() => save.mutate(text.trim())}
              data-testid="save-minutes"
            >
              {t('meetings.saveMinutes')}
            </Button>
          </Flex>
        </>
      ) : (
        <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0 }} data-testid="minutes">
          {m.minutes?.text}
        </Typography.Paragraph>
      )}
    </Card>
  );
}

type DecideForm = {
  kind: 'task' | 'resolution' | 'dispatch_case';
  agendaItemId?: string;
  text: string;
  ownerName?: string;
  dueOn?: Dayjs;
  assigneeType?: 'property_company' | 'volunteer_team' | 'merchant';
  assigneeName?: string;
};

function Decisions({ m, citation }: { m: MeetingOut; citation: string }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm<DecideForm>();
  // "引用结果" on a published motion puts its result into the decision being written.
  useEffect(() => {
    if (!citation) return;
    const prev = (form.getFieldValue('text') as string | undefined)?.trim();
    form.setFieldValue('text', prev ? `${prev}\n${citation}` : citation);
  }, [citation, form]);
  const kind = Form.useWatch('kind', form);
  const decide = useMutation({
    mutationFn: (v: DecideForm) =>
      meetingsApi.decide(
        m.id,
        v.kind === 'task'
          ? {
              kind: 'task',
              agendaItemId: v.agendaItemId,
              text: v.text,
              ownerName: v.ownerName ?? '',
              dueOn: v.dueOn?.format('YYYY-MM-DD') ?? '',
            }
          : v.kind === 'dispatch_case'
            ? {
                kind: 'dispatch_case',
                agendaItemId: v.agendaItemId ?? '',
                text: v.text,
                assignee: { type: v.assigneeType ?? 'property_company', name: v.assigneeName },
              }
            : { kind: 'resolution', agendaItemId: v.agendaItemId, text: v.text },
      ),
    onSuccess: (out) => {
      qc.setQueryData(meetingsKeys.meeting(m.id), out);
      form.resetFields();
      message.success(t('common.saved'));
    },
  });
  const complete = useMutation({
    mutationFn: (a: { id: string; result: string }) => meetingsApi.completeTask(a.id, a.result),
    onSuccess: () => qc.invalidateQueries({ queryKey: meetingsKeys.meeting(m.id) }),
    onError: (e) => message.error(errorText(e)),
  });
  const [completing, setCompleting] = useState<string | null>(null);
  const [result, setResult] = useState('');
  const caseItems = m.agenda.filter((a) => a.kind === 'case');
  return (
    <Card title={t('meetings.decisions')} style={{ marginBottom: 16 }}>
      <List
        data-testid="decisions"
        locale={{ emptyText: t('meetings.noDecisions') }}
        dataSource={m.decisions}
        renderItem={(d) => (
          <List.Item
            actions={
              d.task?.allowed.length
                ? [
                    <Button
                      key="done"
                      size="small"
                      onClick={() => setCompleting(d.task!.id)}
                      data-testid="complete-task"
                    >
                      {t('meetings.complete')}
                    </Button>,
                  ]
                : []
            }
          >
            <List.Item.Meta
              title={
                <Space wrap>
                  <Tag
                    color={d.kind === 'task' ? 'blue' : d.kind === 'dispatch_case' ? 'volcano' : 'default'}
                  >
                    {t(`meetings.decisionKind.${d.kind}`)}
                  </Tag>
                  <span>{d.text}</span>
                </Space>
              }
              description={
                d.task && (
                  <Space wrap>
                    <TaskStateTag task={d.task} />
                    <span>
                      {t('meetings.owner')}：{d.task.ownerName}
                    </span>
                    <span>
                      {t('meetings.dueOn')}：{d.task.dueOn}
                    </span>
                    {d.task.result && (
                      <span>
                        {t('meetings.result')}：{d.task.result}
                      </span>
                    )}
                  </Space>
                )
              }
            />
          </List.Item>
        )}
      />
      {m.actions.includes('decide') && (
        <Form
          form={form}
          layout="vertical"
          initialValues={{ kind: 'task' }}
          onFinish={(v) => decide.mutate(v)}
          style={{ marginTop: 12, borderTop: '1px solid #f0f0f0', paddingTop: 12 }}
        >
          <Typography.Text strong>{t('meetings.decide')}</Typography.Text>
          <Row gutter={12} style={{ marginTop: 8 }}>
            <Col xs={24} md={8}>
              <Form.Item name="kind" label={t('meetings.bodyKindLabel')}>
                <Select
                  data-testid="decision-kind"
                  options={(caseItems.length
                    ? DECISION_KINDS
                    : DECISION_KINDS.filter((k) => k !== 'dispatch_case')
                  ).map((k) => ({
                    value: k,
                    label: t(`meetings.decisionKind.${k}`),
                  }))}
                />
              </Form.Item>
            </Col>
            <Col xs={24} md={16}>
              <Form.Item
                name="agendaItemId"
                label={t('meetings.agendaItem')}
                rules={[{ required: kind === 'dispatch_case' }]}
              >
                <Select
                  allowClear
                  options={(kind === 'dispatch_case' ? caseItems : m.agenda).map((a) => ({
                    value: a.id,
                    label: `${a.position}. ${a.title}`,
                  }))}
                />
              </Form.Item>
            </Col>
          </Row>
          <Form.Item
            name="text"
            label={t('meetings.decisionText')}
            rules={[{ required: true, min: 2, max: 2000 }]}
          >
            <Input.TextArea rows={2} data-testid="decision-text" />
          </Form.Item>
          {kind === 'task' && (
            <Row gutter={12}>
              <Col xs={24} md={14}>
                <Form.Item
                  name="ownerName"
                  label={t('meetings.owner')}
                  rules={[{ required: true, max: 100 }]}
                >
                  <Input data-testid="decision-owner" />
                </Form.Item>
              </Col>
              <Col xs={24} md={10}>
                <Form.Item name="dueOn" label={t('meetings.dueOn')} rules={[{ required: true }]}>
                  <DatePicker style={{ width: '100%' }} data-testid="decision-due" />
                </Form.Item>
              </Col>
            </Row>
          )}
          {kind === 'dispatch_case' && (
            <Row gutter={12}>
              <Col xs={24} md={10}>
                <Form.Item
                  name="assigneeType"
                  label={t('meetings.assigneeType')}
                  initialValue="property_company"
                >
                  <Select
                    options={(['property_company', 'volunteer_team', 'merchant'] as const).map((k) => ({
                      value: k,
                      label: t(`cases.assigneeType.${k}`),
                    }))}
                  />
                </Form.Item>
              </Col>
              <Col xs={24} md={14}>
                <Form.Item
                  name="assigneeName"
                  label={t('meetings.assigneeName')}
                  rules={[{ required: true, max: 100 }]}
                >
                  <Input />
                </Form.Item>
              </Col>
            </Row>
          )}
          <Button type="primary" htmlType="submit" loading={decide.isPending} data-testid="decide">
            {t('meetings.decide')}
          </Button>
          <FormError error={decide.error} />
        </Form>
      )}
      {completing && (
        <Modal
          open
          title={t('meetings.complete')}
          onCancel={() => setCompleting(null)}
          okButtonProps={{ disabled: result.trim().length < 2, loading: complete.isPending }}
          onOk={() =>
            complete.mutate(
              { id: completing, result: result.trim() },
              {
                onSuccess: () => {
                  setCompleting(null);
                  setResult('');
                },
              },
            )
          }
          destroyOnHidden
        >
          <Input.TextArea
            rows={3}
            value={result}
            onChange={(e) => setResult(e.target.value)}
            placeholder={t('meetings.result')}
            data-testid="task-result"
          />
        </Modal>
      )}
    </Card>
  );
}
