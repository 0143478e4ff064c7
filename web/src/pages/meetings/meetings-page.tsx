import { PlusOutlined } from '@ant-design/icons';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  App,
  Button,
  Card,
  DatePicker,
  Empty,
  Flex,
  Form,
  Input,
  Modal,
  Select,
  Table,
  Typography,
} from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { MEETING_STATES } from '../../../../common/contracts/meetings.ts';
import { type MeetingState, type MeetingSummary, meetingsApi, meetingsKeys } from '../../api/meetings.ts';
import { FormError } from '../../components/form-error.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { QueryError } from '../../components/query-error.tsx';
import { useSearchState } from '../../components/use-search-state.ts';
import { MeetingStateTag, meetingTime } from './meetings-parts.tsx';

/** 议事会议: every meeting in my scope, newest first, and scheduling a new one. */
export function MeetingsPage() {
  const { t, i18n } = useTranslation();
  const { values, page, pageSize, update } = useSearchState(['state', 'bodyId'] as const);
  const [scheduling, setScheduling] = useState(false);
  const state = MEETING_STATES.find((s) => s === values.state);
  const filter = { state, bodyId: values.bodyId, page, pageSize };
  const list = useQuery({
    queryKey: [...meetingsKeys.list, filter],
    queryFn: () => meetingsApi.list(filter),
    placeholderData: keepPreviousData,
  });
  const bodies = useQuery({ queryKey: meetingsKeys.bodies, queryFn: () => meetingsApi.bodies() });
  return (
    <>
      <PageHeader
        title={t('menu.meetings')}
        subTitle={t('meetings.meetingsHint')}
        extra={
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => setScheduling(true)}
            data-testid="schedule"
          >
            {t('meetings.schedule')}
          </Button>
        }
      />
      <Card>
        <Flex gap={12} wrap style={{ marginBottom: 16 }}>
          <Select
            allowClear
            value={state}
            onChange={(s?: MeetingState) => update({ state: s })}
            placeholder={t('meetings.stateLabel')}
            options={MEETING_STATES.map((s) => ({ value: s, label: t(`meetings.state.${s}`) }))}
            style={{ width: 150 }}
          />
          <Select
            allowClear
            showSearch
            optionFilterProp="label"
            value={values.bodyId}
            onChange={(b?: string) => update({ bodyId: b })}
            placeholder={t('meetings.body')}
            options={(bodies.data ?? []).map((b) => ({ value: b.id, label: b.name }))}
            style={{ width: 260 }}
          />
        </Flex>
        {list.isError ? (
          <QueryError error={list.error} onRetry={() => list.refetch()} />
        ) : (
          <Table<MeetingSummary>
            data-testid="meetings-table"
            rowKey="id"
            loading={list.isFetching}
            dataSource={list.data?.items}
            locale={{ emptyText: <Empty description={t('meetings.noMeetings')} /> }}
            pagination={{
              current: page,
              pageSize,
              total: list.data?.total ?? 0,
              showSizeChanger: true,
              showTotal: (total) => t('common.total', { count: total }),
              onChange: (p, size) => update({ page: p, pageSize: size }),
            }}
            scroll={{ x: 1000 }}
            columns={[
              {
                title: t('meetings.time'),
                key: 'time',
                width: 190,
                render: (_, m) => meetingTime(m.startsAt, m.endsAt, i18n.language),
              },
              {
                title: t('meetings.title'),
                key: 'title',
                render: (_, m) => (
                  <div>
                    <Link to={`/admin/meetings/${m.id}`}>{m.title}</Link>
                    <div>
                      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                        {t(`meetings.bodyKind.${m.bodyKind}`)} · {m.orgUnitName}
                      </Typography.Text>
                    </div>
                  </div>
                ),
              },
              {
                title: t('meetings.venue'),
                dataIndex: 'venueName',
                width: 180,
                render: (v: string | null) => v ?? '—',
              },
              { title: t('meetings.attendance'), dataIndex: 'attendance', width: 80, align: 'right' },
              {
                title: t('meetings.stateLabel'),
                dataIndex: 'state',
                width: 120,
                render: (s: MeetingState) => <MeetingStateTag state={s} />,
              },
            ]}
          />
        )}
      </Card>
      {scheduling && <ScheduleModal onClose={() => setScheduling(false)} />}
    </>
  );
}

type ScheduleForm = { bodyId: string; title: string; venueId?: string; time: [Dayjs, Dayjs] };

function ScheduleModal({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const [form] = Form.useForm<ScheduleForm>();
  const bodies = useQuery({ queryKey: meetingsKeys.bodies, queryFn: () => meetingsApi.bodies() });
  const venues = useQuery({ queryKey: meetingsKeys.venues, queryFn: () => meetingsApi.venues() });
  const manageable = (bodies.data ?? []).filter((b) => b.allowed.includes('meetings:manage') && b.active);
  const schedule = useMutation({
    mutationFn: (v: ScheduleForm) =>
      meetingsApi.schedule({
        bodyId: v.bodyId,
        title: v.title.trim(),
        venueId: v.venueId ?? null,
        startsAt: v.time[0].toISOString(),
        endsAt: v.time[1].toISOString(),
      }),
    onSuccess: async (m) => {
      message.success(t('meetings.action.schedule'));
      await qc.invalidateQueries({ queryKey: meetingsKeys.all });
      onClose();
      navigate(`/admin/meetings/${m.id}`);
    },
  });
  return (
    <Modal
      open
      title={t('meetings.schedule')}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={schedule.isPending}
      destroyOnHidden
      width={560}
    >
      <Form form={form} layout="vertical" onFinish={(v) => schedule.mutate(v)}>
        <Form.Item name="bodyId" label={t('meetings.body')} rules={[{ required: true }]}>
          <Select
            showSearch
            optionFilterProp="label"
            data-testid="schedule-body"
            options={manageable.map((b) => ({ value: b.id, label: `${b.name}（${b.orgUnitName}）` }))}
          />
        </Form.Item>
        <Form.Item name="title" label={t('meetings.title')} rules={[{ required: true, min: 2, max: 200 }]}>
          <Input data-testid="schedule-title" />
        </Form.Item>
        <Form.Item name="venueId" label={t('meetings.venue')}>
          <Select
            allowClear
            options={(venues.data ?? []).filter((v) => v.active).map((v) => ({ value: v.id, label: v.name }))}
          />
        </Form.Item>
        <Form.Item name="time" label={t('meetings.time')} rules={[{ required: true }]}>
          <DatePicker.RangePicker
            showTime={{ format: 'HH:mm' }}
            format="YYYY-MM-DD HH:mm"
            style={{ width: '100%' }}
          />
        </Form.Item>
      </Form>
      <FormError error={schedule.error} />
    </Modal>
  );
}
