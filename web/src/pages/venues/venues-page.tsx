import { PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  App,
  Button,
  Card,
  Checkbox,
  Empty,
  Flex,
  Form,
  Input,
  InputNumber,
  Modal,
  Select,
  Switch,
  Table,
  Tag,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { VENUE_KINDS, type VenueKind, type WeeklyHours } from '../../../../common/contracts/venues.ts';
import { type VenueOut, venuesApi, venuesKeys } from '../../api/venues.ts';
import { can, useMe } from '../../app/session.ts';
import { FormError } from '../../components/form-error.tsx';
import { OrgUnitPicker } from '../../components/org-unit-picker.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { QueryError } from '../../components/query-error.tsx';
import { TIME_OPTIONS, useHoursSummary, useWeekdayLabel } from './venue-parts.tsx';

/** 服务场所: service centres, neighbourhood stations, deliberation corridors, with hours and spaces. */
export function VenuesPage() {
  const { t } = useTranslation();
  const me = useMe();
  const summary = useHoursSummary();
  const [editing, setEditing] = useState<VenueOut | 'new' | null>(null);
  const venues = useQuery({ queryKey: [...venuesKeys.all, 'list'], queryFn: () => venuesApi.venues() });
  return (
    <>
      <PageHeader
        title={t('menu.venues')}
        subTitle={t('venues.listHint')}
        extra={
          can(me, 'venues:manage') && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')}>
              {t('venues.newVenue')}
            </Button>
          )
        }
      />
      <Card>
        {venues.isError ? (
          <QueryError error={venues.error} onRetry={() => venues.refetch()} />
        ) : (
          <Table<VenueOut>
            data-testid="venues-table"
            rowKey="id"
            loading={venues.isFetching}
            dataSource={venues.data}
            locale={{ emptyText: <Empty description={t('venues.noVenues')} /> }}
            pagination={false}
            scroll={{ x: 1100 }}
            columns={[
              {
                title: t('venues.name'),
                dataIndex: 'name',
                render: (n: string, v) => <Link to={`/admin/venues/${v.id}`}>{n}</Link>,
              },
              {
                title: t('venues.kindLabel'),
                dataIndex: 'kind',
                width: 110,
                render: (k: VenueKind) => t(`venues.kind.${k}`),
              },
              { title: t('venues.orgUnit'), dataIndex: 'orgUnitName', width: 110 },
              {
                title: t('venues.hours'),
                key: 'hours',
                render: (_, v) => (
                  <>
                    <div>{summary(v.weeklyHours)}</div>
                    {v.openingHours && <div className="linli-muted">{v.openingHours}</div>}
                  </>
                ),
              },
              {
                title: t('venues.spaces'),
                key: 'spaces',
                render: (_, v) => v.spaces.filter((s) => s.active).map((s) => <Tag key={s.id}>{s.name}</Tag>),
              },
              {
                title: t('venues.stateLabel'),
                dataIndex: 'active',
                width: 70,
                render: (a: boolean) =>
                  a ? <Tag color="green">{t('venues.active')}</Tag> : <Tag>{t('venues.inactive')}</Tag>,
              },
              {
                title: t('common.actions'),
                key: 'a',
                width: 150,
                render: (_, v) => (
                  <Flex gap={4}>
                    {v.allowed.includes('venues:book') && (
                      <Link to={`/admin/venue-bookings?venue=${v.id}`}>{t('venues.weekView')}</Link>
                    )}
                    {v.allowed.includes('venues:manage') && (
                      <Button type="link" size="small" onClick={() => setEditing(v)}>
                        {t('common.edit')}
                      </Button>
                    )}
                  </Flex>
                ),
              },
            ]}
          />
        )}
      </Card>
      {editing && <VenueModal venue={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />}
    </>
  );
}

/** Monday … Sunday, each open or closed with one open–close range. */
export function WeeklyHoursEditor({
  value = [],
  onChange,
}: {
  value?: WeeklyHours;
  onChange?: (v: WeeklyHours) => void;
}) {
  const { t } = useTranslation();
  const label = useWeekdayLabel();
  const set = (wd: number, next: { open: string; close: string } | null) => {
    const rest = value.filter((h) => h.weekday !== wd);
    onChange?.([...rest, ...(next ? [{ weekday: wd, ...next }] : [])].sort((a, b) => a.weekday - b.weekday));
  };
  return (
    <Flex vertical gap={4} data-testid="hours-editor">
      {[1, 2, 3, 4, 5, 6, 7].map((wd) => {
        const h = value.find((x) => x.weekday === wd);
        return (
          <Flex key={wd} gap={8} align="center">
            <Checkbox
              checked={!!h}
              style={{ width: 80 }}
              onChange={(e) => set(wd, e.target.checked ? { open: '09:00', close: '17:30' } : null)}
            >
              {label(wd)}
            </Checkbox>
            {h ? (
              <>
                <Select
                  size="small"
                  style={{ width: 90 }}
                  value={h.open}
                  options={TIME_OPTIONS}
                  onChange={(open) => set(wd, { open, close: h.close })}
                />
                –
                <Select
                  size="small"
                  style={{ width: 90 }}
                  value={h.close}
                  options={TIME_OPTIONS}
                  status={h.close <= h.open ? 'error' : undefined}
                  onChange={(close) => set(wd, { open: h.open, close })}
                />
              </>
            ) : (
              <span className="linli-muted">{t('venues.closed')}</span>
            )}
          </Flex>
        );
      })}
    </Flex>
  );
}

type VenueForm = {
  name: string;
  kind: VenueKind;
  orgUnitId: string;
  address?: string;
  facilities?: string[];
  openingHours?: string;
  weeklyHours?: WeeklyHours;
  capacity?: number | null;
  active?: boolean;
};

export function VenueModal({ venue, onClose }: { venue: VenueOut | null; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm<VenueForm>();
  const save = useMutation({
    mutationFn: (v: VenueForm) => {
      const common = {
        name: v.name,
        kind: v.kind,
        address: v.address ?? '',
        facilities: v.facilities ?? [],
        openingHours: v.openingHours ?? '',
        weeklyHours: v.weeklyHours ?? [],
        capacity: v.capacity ?? null,
      };
      return venue
        ? venuesApi.updateVenue(venue.id, { ...common, active: v.active })
        : venuesApi.createVenue({ ...common, orgUnitId: v.orgUnitId });
    },
    onSuccess: async () => {
      message.success(t('common.saved'));
      await qc.invalidateQueries({ queryKey: venuesKeys.all });
      onClose();
    },
  });
  return (
    <Modal
      open
      title={venue ? t('venues.editVenue') : t('venues.newVenue')}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={save.isPending}
      destroyOnHidden
      width={620}
    >
      <Form
        form={form}
        layout="vertical"
        onFinish={(v) => save.mutate(v)}
        initialValues={venue ? { ...venue } : { kind: 'station', facilities: [], weeklyHours: [] }}
      >
        <Form.Item name="name" label={t('venues.name')} rules={[{ required: true, min: 2, max: 100 }]}>
          <Input />
        </Form.Item>
        <Flex gap={12}>
          <Form.Item
            name="kind"
            label={t('venues.kindLabel')}
            rules={[{ required: true }]}
            style={{ flex: 1 }}
          >
            <Select options={VENUE_KINDS.map((k) => ({ value: k, label: t(`venues.kind.${k}`) }))} />
          </Form.Item>
          <Form.Item name="capacity" label={t('venues.capacity')} style={{ flex: 1 }}>
            <InputNumber min={1} max={10000} style={{ width: '100%' }} />
          </Form.Item>
        </Flex>
        {!venue && (
          <Form.Item name="orgUnitId" label={t('venues.orgUnit')} rules={[{ required: true }]}>
            <OrgUnitPicker />
          </Form.Item>
        )}
        <Form.Item name="address" label={t('venues.address')}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="facilities" label={t('venues.facilities')}>
          <Select mode="tags" />
        </Form.Item>
        <Form.Item
          name="weeklyHours"
          label={t('venues.hours')}
          rules={[
            {
              validator: (_, v: WeeklyHours = []) =>
                v.every((h) => h.close > h.open)
                  ? Promise.resolve()
                  : Promise.reject(t('venues.hoursInvalid')),
            },
          ]}
        >
          <WeeklyHoursEditor />
        </Form.Item>
        <Form.Item name="openingHours" label={t('venues.hoursNote')}>
          <Input maxLength={200} placeholder={t('venues.hoursNotePlaceholder')} />
        </Form.Item>
        {venue && (
          <Form.Item name="active" label={t('venues.active')} valuePropName="checked">
            <Switch />
          </Form.Item>
        )}
      </Form>
      <FormError error={save.error} />
    </Modal>
  );
}
