import { DeleteOutlined, LeftOutlined, PlusOutlined, RightOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  DatePicker,
  Empty,
  Flex,
  Form,
  Input,
  Modal,
  Popconfirm,
  Select,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Role } from '../../../../common/roles.ts';
import { useMe } from '../../app/session.ts';
import { errorText } from '../../components/error-text.ts';
import { FormError } from '../../components/form-error.tsx';
import { formatDate, formatDateTime } from '../../components/format.ts';
import { useLabels } from '../../components/labels.ts';
import { OrgUnitPicker } from '../../components/org-unit-picker.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { QueryError } from '../../components/query-error.tsx';
import {
  addWeeks,
  type DutyList,
  type DutyShift,
  dutyApi,
  dutyKeys,
  shiftsInWeek,
  weekStartOf,
} from './duty-api.ts';

const WEEKDAY_ZH = ['周日', '周一', '周二', '周三', '周四', '周五', '周六'];
const WEEKDAY_EN = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

function weekdayOf(iso: string, lang: string): string {
  const day = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date(iso));
  const i = new Date(`${day}T00:00:00Z`).getUTCDay();
  return lang === 'en-US' ? WEEKDAY_EN[i] : WEEKDAY_ZH[i];
}

/** Who is on duty now, each once, with the end of their latest shift: 孙社工（至 2026/12/01 23:30:00）. */
function onDutyNames(shifts: DutyShift[], until: (s: DutyShift) => string, separator: string): string {
  const latest = new Map<string, DutyShift>();
  for (const s of shifts) {
    const seen = latest.get(s.userId);
    if (!seen || s.endsAt > seen.endsAt) latest.set(s.userId, s);
  }
  return [...latest.values()].map((s) => `${s.userName}（${until(s)}）`).join(separator);
}

/** 值班表: a community's on-duty list, a week at a time; community staff add and cancel shifts. */
export function DutyRosterPage() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const { message } = App.useApp();
  const me = useMe();
  const labels = useLabels();
  const qc = useQueryClient();
  const home = me.roles.find((r) => r.role === 'community_staff');
  const [community, setCommunity] = useState<{ id: string; name: string } | undefined>(
    home ? { id: home.orgUnitId, name: home.orgUnitName } : undefined,
  );
  const thisWeek = weekStartOf(new Date());
  const [week, setWeek] = useState(thisWeek);
  const [adding, setAdding] = useState(false);
  // Ended shifts come only on request: a past or the current week asks for them.
  const past = week <= thisWeek;
  const list = useQuery({
    queryKey: dutyKeys.list(community?.id ?? '', past),
    queryFn: () => dutyApi.list(community?.id ?? '', past),
    enabled: !!community,
  });
  const remove = useMutation({
    mutationFn: (id: string) => dutyApi.remove(id),
    onSuccess: () => message.success(t('duty.removed')),
    onError: (e) => message.error(errorText(e)),
    // Also after a failure: a shift someone else cancelled meanwhile leaves the list.
    onSettled: () => qc.invalidateQueries({ queryKey: dutyKeys.all }),
  });

  const shifts = list.data ? shiftsInWeek(list.data.items, week) : [];
  const onDuty = list.data?.items.filter((s) => s.onDuty) ?? [];
  const roleOf = new Map(list.data?.candidates.map((c) => [c.userId, c.role as Role]));
  const weekLabel = t('duty.week', {
    from: formatDate(new Date(week).toISOString(), lang),
    to: formatDate(new Date(addWeeks(week, 1) - 1).toISOString(), lang),
  });

  return (
    <>
      <PageHeader
        title={t('menu.dutyRoster')}
        subTitle={t('duty.hint')}
        extra={
          community && (
            <Button
              type="primary"
              icon={<PlusOutlined />}
              onClick={() => setAdding(true)}
              data-testid="duty-add"
            >
              {t('duty.add')}
            </Button>
          )
        }
      />
      <Card>
        <Flex gap={12} wrap align="center" justify="space-between" style={{ marginBottom: 16 }}>
          <Space wrap>
            <Typography.Text>{t('duty.community')}：</Typography.Text>
            <OrgUnitPicker
              value={community?.id}
              initialLabel={community?.name}
              selectableKinds={['community']}
              allowClear={false}
              placeholder={t('duty.pickCommunity')}
              style={{ width: 280 }}
              onChange={(id, unit) => setCommunity(id ? { id, name: unit?.name ?? '' } : undefined)}
            />
          </Space>
          <Space wrap>
            <Button icon={<LeftOutlined />} onClick={() => setWeek(addWeeks(week, -1))}>
              {t('duty.prevWeek')}
            </Button>
            <Button onClick={() => setWeek(thisWeek)} disabled={week === thisWeek}>
              {t('duty.thisWeek')}
            </Button>
            <Button onClick={() => setWeek(addWeeks(week, 1))}>
              {t('duty.nextWeek')} <RightOutlined />
            </Button>
            <Typography.Text strong data-testid="duty-week">
              {weekLabel}
            </Typography.Text>
          </Space>
        </Flex>
        {!community ? (
          <Empty description={t('duty.pickCommunityHint')} />
        ) : list.isError ? (
          <QueryError error={list.error} onRetry={() => list.refetch()} />
        ) : (
          <>
            {list.data &&
              (onDuty.length > 0 ? (
                <Alert
                  type="success"
                  showIcon
                  style={{ marginBottom: 16 }}
                  data-testid="duty-now"
                  title={`${t('duty.onDutyNow')}：${onDutyNames(onDuty, (s) => t('duty.until', { time: formatDateTime(s.endsAt, lang) }), t('duty.separator'))}`}
                />
              ) : (
                <Alert
                  type="warning"
                  showIcon
                  style={{ marginBottom: 16 }}
                  data-testid="duty-now"
                  title={t('duty.nobodyOnDuty')}
                />
              ))}
            <Table<DutyShift>
              rowKey="id"
              loading={list.isFetching}
              dataSource={shifts}
              data-testid="duty-table"
              pagination={{
                pageSize: 20,
                hideOnSinglePage: true,
                showTotal: (n) => t('common.total', { count: n }),
              }}
              locale={{ emptyText: <Empty description={t('duty.none')} /> }}
              scroll={{ x: 960 }}
              columns={[
                {
                  title: t('duty.period'),
                  key: 'day',
                  width: 150,
                  render: (_, s) => `${formatDate(s.startsAt, lang)} ${weekdayOf(s.startsAt, lang)}`,
                },
                {
                  title: t('duty.user'),
                  dataIndex: 'userName',
                  width: 210,
                  render: (name: string, s) => {
                    const role = roleOf.get(s.userId);
                    return (
                      <Space size={4} wrap>
                        {name}
                        {role && <Tag>{labels.role(role)}</Tag>}
                      </Space>
                    );
                  },
                },
                {
                  title: t('duty.startsAt'),
                  dataIndex: 'startsAt',
                  width: 180,
                  render: (v: string) => formatDateTime(v, lang),
                },
                {
                  title: t('duty.endsAt'),
                  dataIndex: 'endsAt',
                  width: 180,
                  render: (v: string) => formatDateTime(v, lang),
                },
                {
                  title: t('duty.note'),
                  dataIndex: 'note',
                  width: 140,
                  render: (v: string | null) => v ?? '—',
                },
                {
                  title: t('duty.status'),
                  key: 'status',
                  width: 100,
                  render: (_, s) =>
                    s.onDuty ? (
                      <Tag color="green">{t('duty.statusOnDuty')}</Tag>
                    ) : Date.parse(s.endsAt) <= Date.now() ? (
                      <Tag>{t('duty.statusEnded')}</Tag>
                    ) : (
                      <Tag color="blue">{t('duty.statusUpcoming')}</Tag>
                    ),
                },
                {
                  title: t('common.actions'),
                  key: 'actions',
                  width: 130,
                  fixed: 'right',
                  render: (_, s) => (
                    <Popconfirm
                      title={t('duty.remove')}
                      description={
                        <div style={{ maxWidth: 300 }}>
                          {t('duty.removeConfirm', {
                            name: s.userName,
                            from: formatDateTime(s.startsAt, lang),
                            to: formatDateTime(s.endsAt, lang),
                          })}
                        </div>
                      }
                      okText={t('duty.remove')}
                      okButtonProps={{ danger: true, loading: remove.isPending }}
                      cancelText={t('common.cancel')}
                      // The failure is shown by onError; the confirmation closes either way.
                      onConfirm={() => remove.mutateAsync(s.id).catch(() => undefined)}
                    >
                      <Button type="link" danger icon={<DeleteOutlined />}>
                        {t('duty.remove')}
                      </Button>
                    </Popconfirm>
                  ),
                },
              ]}
            />
          </>
        )}
      </Card>
      {adding && community && list.data && (
        <AddShiftModal
          communityId={community.id}
          candidates={list.data.candidates}
          onClose={() => setAdding(false)}
          onAdded={(s) => {
            setAdding(false);
            setWeek(weekStartOf(new Date(s.startsAt)));
          }}
        />
      )}
    </>
  );
}

type Values = { userId: string; period: [Dayjs, Dayjs]; note?: string };

function AddShiftModal({
  communityId,
  candidates,
  onClose,
  onAdded,
}: {
  communityId: string;
  candidates: DutyList['candidates'];
  onClose: () => void;
  onAdded: (s: DutyShift) => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const labels = useLabels();
  const qc = useQueryClient();
  const [form] = Form.useForm<Values>();
  const save = useMutation({
    mutationFn: (v: Values) =>
      dutyApi.add({
        communityId,
        userId: v.userId,
        startsAt: v.period[0].second(0).millisecond(0).toISOString(),
        endsAt: v.period[1].second(0).millisecond(0).toISOString(),
        note: v.note?.trim() || undefined,
      }),
    onSuccess: async (s) => {
      message.success(t('duty.added'));
      await qc.invalidateQueries({ queryKey: dutyKeys.all });
      onAdded(s);
    },
  });
  return (
    <Modal
      open
      title={t('duty.add')}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={save.isPending}
      destroyOnHidden
    >
      <Form<Values> form={form} layout="vertical" onFinish={(v) => save.mutate(v)}>
        <Form.Item
          name="userId"
          label={t('duty.user')}
          extra={t('duty.userHelp')}
          rules={[{ required: true, message: t('form.required') }]}
        >
          <Select
            showSearch={{ optionFilterProp: 'label' }}
            placeholder={t('duty.userPlaceholder')}
            data-testid="duty-user"
            options={candidates.map((c) => ({
              value: c.userId,
              label: `${c.name}（${labels.role(c.role as Role)}）`,
            }))}
          />
        </Form.Item>
        <Form.Item
          name="period"
          label={t('duty.period')}
          rules={[
            { required: true, message: t('form.required') },
            {
              validator: (_, v?: [Dayjs, Dayjs]) =>
                !v || v[1].isAfter(v[0])
                  ? Promise.resolve()
                  : Promise.reject(new Error(t('duty.endBeforeStart'))),
            },
          ]}
        >
          <DatePicker.RangePicker
            showTime={{ format: 'HH:mm' }}
            format="YYYY-MM-DD HH:mm"
            style={{ width: '100%' }}
            placeholder={[t('duty.startsAt'), t('duty.endsAt')]}
            data-testid="duty-period"
          />
        </Form.Item>
        <Form.Item name="note" label={t('duty.note')}>
          <Input maxLength={200} placeholder={t('duty.notePlaceholder')} />
        </Form.Item>
        <FormError error={save.error} />
      </Form>
    </Modal>
  );
}
