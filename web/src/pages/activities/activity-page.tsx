import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  type ButtonProps,
  Card,
  Checkbox,
  Descriptions,
  Empty,
  Flex,
  Form,
  Input,
  InputNumber,
  Modal,
  Space,
  Table,
  Typography,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { type ActivityOut, activitiesApi, activitiesKeys, type SignupOut } from '../../api/activities.ts';
import { FormError } from '../../components/form-error.tsx';
import { formatDateTime } from '../../components/format.ts';
import { PageHeader } from '../../components/page-header.tsx';
import { QueryState } from '../../components/query-state.tsx';
import { ActivityFormModal } from './activity-form.tsx';
import { ActivityKindTag, ActivityStateTag, activityTime, hoursText } from './activity-parts.tsx';
import { ActivityCode } from './phone-code-page.tsx';

/** 志愿活动详情 (desktop): the activity, its sign-ups and waiting list, the QR, attendance confirmation. */
export function ActivityPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const activity = useQuery({ queryKey: activitiesKeys.activity(id), queryFn: () => activitiesApi.get(id) });
  return (
    <QueryState query={activity}>
      {(a) => (
        <>
          <PageHeader
            title={
              <Space>
                {a.title}
                <ActivityStateTag state={a.state} />
              </Space>
            }
            crumbs={[{ title: t('menu.volunteerActivities'), to: '/admin/activities' }, { title: a.title }]}
            extra={<Actions a={a} />}
          />
          <Flex vertical gap={16}>
            <Summary a={a} />
            {a.actions.includes('confirm_attendance') ? <AttendanceTable a={a} /> : <Signups a={a} />}
            <WaitingList a={a} />
          </Flex>
        </>
      )}
    </QueryState>
  );
}

function Summary({ a }: { a: ActivityOut }) {
  const { t, i18n } = useTranslation();
  return (
    <Card>
      <Descriptions
        column={{ xs: 1, md: 2, xl: 3 }}
        items={[
          { key: 'kind', label: t('activities.fields.kind'), children: <ActivityKindTag kind={a.kind} /> },
          { key: 'time', label: t('activities.time'), children: activityTime(a, i18n.language) },
          { key: 'place', label: t('activities.place'), children: a.place || '—' },
          {
            key: 'organiser',
            label: t('activities.organiser'),
            children: `${a.organiserName}（${t(`activities.organiserKind.${a.organiserKind}`)}）`,
          },
          { key: 'unit', label: t('activities.orgUnit'), children: a.orgUnitName },
          {
            key: 'places',
            label: t('activities.places'),
            children: (
              <span data-testid="activity-places">
                {t('activities.confirmedCount')} {a.confirmed}/{a.capacity} · {t('activities.waitingCount')}{' '}
                {a.waiting}
              </span>
            ),
          },
          {
            key: 'deadline',
            label: t('activities.deadline'),
            children: a.signupDeadline ? formatDateTime(a.signupDeadline, i18n.language) : '—',
          },
          {
            key: 'points',
            label: t('activities.earnsPoints'),
            children: a.earnsPoints ? t('activities.earnsPointsYes') : t('activities.earnsPointsNo'),
          },
          {
            key: 'length',
            label: t('activities.lengthLabel'),
            children: t('activities.length', { minutes: a.lengthMinutes }),
          },
        ]}
      />
      {a.description && (
        <Typography.Paragraph style={{ marginTop: 12 }}>{a.description}</Typography.Paragraph>
      )}
      {a.cancelReason && (
        <Alert type="warning" showIcon title={t('activities.cancelledReason', { reason: a.cancelReason })} />
      )}
      {a.confirmedByName && (
        <Alert
          type="success"
          showIcon
          title={t('activities.confirmedBy', { name: a.confirmedByName })}
          data-testid="attendance-confirmed"
        />
      )}
    </Card>
  );
}

function Actions({ a }: { a: ActivityOut }) {
  const { t } = useTranslation();
  const [editing, setEditing] = useState(false);
  const [capacity, setCapacity] = useState(false);
  const [cancelling, setCancelling] = useState(false);
  const [code, setCode] = useState(false);
  return (
    <Space wrap>
      {a.actions.includes('show_code') && (
        <Button onClick={() => setCode(true)} data-testid="activity-show-code">
          {t('activities.showCode')}
        </Button>
      )}
      {a.actions.includes('manage') && (
        <>
          <Button onClick={() => setEditing(true)} data-testid="activity-edit">
            {t('activities.edit')}
          </Button>
          <Button onClick={() => setCapacity(true)} data-testid="activity-capacity">
            {t('activities.capacity')}
          </Button>
        </>
      )}
      {a.actions.includes('cancel') && (
        <Button danger onClick={() => setCancelling(true)} data-testid="activity-cancel">
          {t('activities.cancelActivity')}
        </Button>
      )}
      {editing && <ActivityFormModal activity={a} onClose={() => setEditing(false)} />}
      {capacity && <CapacityModal a={a} onClose={() => setCapacity(false)} />}
      {cancelling && <CancelModal a={a} onClose={() => setCancelling(false)} />}
      {code && (
        <Modal
          open
          title={t('activities.codeTitle')}
          onCancel={() => setCode(false)}
          footer={null}
          destroyOnHidden
          centered
        >
          <Flex vertical gap={16}>
            <ActivityCode activityId={a.id} purpose="checkin" />
            <ActivityCode activityId={a.id} purpose="checkout" />
          </Flex>
        </Modal>
      )}
    </Space>
  );
}

function useRefresh(a: ActivityOut) {
  const qc = useQueryClient();
  return async (next: ActivityOut) => {
    qc.setQueryData(activitiesKeys.activity(a.id), next);
    await qc.invalidateQueries({ queryKey: activitiesKeys.list });
  };
}

function CapacityModal({ a, onClose }: { a: ActivityOut; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const refresh = useRefresh(a);
  const [value, setValue] = useState<number | null>(a.capacity);
  const save = useMutation({
    mutationFn: () => activitiesApi.capacity(a.id, value ?? a.capacity),
    onSuccess: async (n) => {
      await refresh(n);
      message.success(t('activities.capacitySaved'));
      onClose();
    },
  });
  return (
    <Modal
      open
      title={t('activities.capacity')}
      onOk={() => save.mutate()}
      onCancel={onClose}
      confirmLoading={save.isPending}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">{t('activities.capacityHint')}</Typography.Paragraph>
      <InputNumber
        min={1}
        max={10000}
        precision={0}
        value={value}
        onChange={setValue}
        data-testid="capacity-input"
      />
      <FormError error={save.error} />
    </Modal>
  );
}

function CancelModal({ a, onClose }: { a: ActivityOut; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const refresh = useRefresh(a);
  const [form] = Form.useForm<{ reason: string }>();
  const cancel = useMutation({
    mutationFn: (reason: string) => activitiesApi.cancel(a.id, reason),
    onSuccess: async (n) => {
      await refresh(n);
      message.success(t('activities.cancelledDone'));
      onClose();
    },
  });
  return (
    <Modal
      open
      title={t('activities.cancelActivity')}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={cancel.isPending}
      okButtonProps={{ danger: true }}
      destroyOnHidden
    >
      <Alert type="warning" showIcon title={t('activities.cancelConfirm')} style={{ marginBottom: 12 }} />
      <Form form={form} layout="vertical" onFinish={(v) => cancel.mutate(v.reason.trim())}>
        <Form.Item
          name="reason"
          label={t('activities.cancelReason')}
          rules={[{ required: true, min: 2, max: 500 }]}
        >
          <Input.TextArea rows={2} />
        </Form.Item>
      </Form>
      <FormError error={cancel.error} />
    </Modal>
  );
}

function useSignupColumns() {
  const { t, i18n } = useTranslation();
  const time = (v: string | null) => (v ? formatDateTime(v, i18n.language).slice(-8, -3) : '—');
  return [
    { title: t('activities.name'), dataIndex: 'name', key: 'name' },
    {
      title: t('activities.queuedAt'),
      dataIndex: 'queuedAt',
      key: 'queuedAt',
      width: 180,
      render: (v: string) => formatDateTime(v, i18n.language),
    },
    { title: t('activities.checkedIn'), dataIndex: 'checkedInAt', key: 'in', width: 90, render: time },
    { title: t('activities.checkedOut'), dataIndex: 'checkedOutAt', key: 'out', width: 90, render: time },
    {
      title: t('activities.recorded'),
      dataIndex: 'minutes',
      key: 'minutes',
      width: 120,
      render: (m: number | null) => (m === null ? '—' : hoursText(m, i18n.language)),
    },
  ];
}

function Signups({ a }: { a: ActivityOut }) {
  const { t } = useTranslation();
  const columns = useSignupColumns();
  const rows = a.signups.filter((s) => s.status === 'confirmed');
  return (
    <Card title={`${t('activities.signups')}（${rows.length}）`}>
      <Table<SignupOut>
        rowKey="id"
        size="small"
        dataSource={rows}
        pagination={rows.length > 20 ? { pageSize: 20 } : false}
        locale={{ emptyText: <Empty description={t('activities.noSignups')} /> }}
        columns={[
          ...columns,
          {
            title: t('activities.attendance'),
            dataIndex: 'attendance',
            key: 'attendance',
            width: 90,
            render: (v: SignupOut['attendance']) => (v ? t(`activities.${v}`) : '—'),
          },
        ]}
        data-testid="signups-table"
      />
    </Card>
  );
}

function WaitingList({ a }: { a: ActivityOut }) {
  const { t, i18n } = useTranslation();
  const rows = a.signups.filter((s) => s.status === 'waiting');
  if (a.state !== 'open' && rows.length === 0) return null;
  return (
    <Card title={`${t('activities.waitingList')}（${rows.length}）`}>
      <Table<SignupOut>
        rowKey="id"
        size="small"
        dataSource={rows}
        pagination={false}
        locale={{ emptyText: <Empty description={t('activities.noWaiting')} /> }}
        columns={[
          { title: t('activities.position'), dataIndex: 'position', key: 'position', width: 70 },
          { title: t('activities.name'), dataIndex: 'name', key: 'name' },
          {
            title: t('activities.queuedAt'),
            dataIndex: 'queuedAt',
            key: 'queuedAt',
            render: (v: string) => formatDateTime(v, i18n.language),
          },
        ]}
        data-testid="waiting-table"
      />
    </Card>
  );
}

type Row = { absent: boolean; minutes: number | null };

/** 考勤确认: everyone with a place, present or absent, with the minutes to certify (capped). */
function AttendanceTable({ a }: { a: ActivityOut }) {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const refresh = useRefresh(a);
  const columns = useSignupColumns();
  const people = a.signups.filter((s) => s.status === 'confirmed');
  const initial = (s: SignupOut): Row => ({
    absent: !s.checkedInAt,
    minutes: s.minutes ?? (s.checkedInAt ? a.lengthMinutes : 0),
  });
  const [rows, setRows] = useState<Record<string, Row>>(() =>
    Object.fromEntries(people.map((s) => [s.personId, initial(s)])),
  );
  const rowOf = (s: SignupOut) => rows[s.personId] ?? initial(s);
  const set = (personId: string, patch: Partial<Row>) =>
    setRows((r) => ({ ...r, [personId]: { ...(r[personId] ?? { absent: false, minutes: 0 }), ...patch } }));
  const confirm = useMutation({
    mutationFn: () =>
      activitiesApi.confirm(a.id, {
        adjustments: people.map((s) => {
          const r = rowOf(s);
          return r.absent
            ? { personId: s.personId, absent: true }
            : { personId: s.personId, minutes: r.minutes ?? 0 };
        }),
      }),
    onSuccess: async (n) => {
      await refresh(n);
      message.success(t('activities.attendanceDone'));
    },
  });
  const presentCount = people.filter((s) => !rowOf(s).absent && (rowOf(s).minutes ?? 0) > 0).length;
  return (
    <Card
      title={`${t('activities.attendance')}（${people.length}）`}
      extra={
        <Button
          type="primary"
          disabled={people.length === 0}
          loading={confirm.isPending}
          onClick={() =>
            modal.confirm({
              title: t('activities.confirmAttendance'),
              content: t('activities.confirmAttendanceConfirm', { count: presentCount }),
              onOk: () => confirm.mutateAsync(),
              okButtonProps: { 'data-testid': 'attendance-ok' } as ButtonProps,
            })
          }
          data-testid="attendance-confirm"
        >
          {t('activities.confirmAttendance')}
        </Button>
      }
    >
      <Typography.Paragraph type="secondary">
        {t('activities.attendanceHint', { minutes: a.lengthMinutes })}
      </Typography.Paragraph>
      <FormError error={confirm.error} />
      <Table<SignupOut>
        rowKey="id"
        size="small"
        dataSource={people}
        pagination={false}
        locale={{ emptyText: <Empty description={t('activities.noSignups')} /> }}
        columns={[
          ...columns,
          {
            title: t('activities.absent'),
            key: 'absent',
            width: 70,
            render: (_, s) => (
              <Checkbox
                checked={rowOf(s).absent}
                onChange={(e) => set(s.personId, { absent: e.target.checked })}
                data-testid={`absent-${s.name}`}
              />
            ),
          },
          {
            title: t('activities.minutesCol'),
            key: 'certify',
            width: 150,
            render: (_, s) => (
              <InputNumber
                min={0}
                max={a.lengthMinutes}
                precision={0}
                disabled={rowOf(s).absent}
                value={rowOf(s).minutes}
                onChange={(v) => set(s.personId, { minutes: v })}
                data-testid={`minutes-${s.name}`}
              />
            ),
          },
        ]}
        data-testid="attendance-table"
      />
    </Card>
  );
}
