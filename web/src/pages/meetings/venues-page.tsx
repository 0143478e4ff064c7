import { PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Empty, Form, Input, InputNumber, Modal, Select, Switch, Table, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { VENUE_KINDS, type VenueKind } from '../../../../common/contracts/venues.ts';
import { meetingsApi, meetingsKeys, type VenueOut } from '../../api/meetings.ts';
import { FormError } from '../../components/form-error.tsx';
import { OrgUnitPicker } from '../../components/org-unit-picker.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { QueryError } from '../../components/query-error.tsx';

/** 议事场所: service centres, neighbourhood stations, deliberation corridors. */
export function VenuesPage() {
  const { t } = useTranslation();
  const [editing, setEditing] = useState<VenueOut | 'new' | null>(null);
  const venues = useQuery({ queryKey: meetingsKeys.venues, queryFn: () => meetingsApi.venues() });
  return (
    <>
      <PageHeader
        title={t('menu.venues')}
        subTitle={t('meetings.venuesHint')}
        extra={
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')}>
            {t('meetings.newVenue')}
          </Button>
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
            locale={{ emptyText: <Empty description={t('meetings.noVenues')} /> }}
            pagination={false}
            scroll={{ x: 960 }}
            columns={[
              { title: t('meetings.venueName'), dataIndex: 'name' },
              {
                title: t('meetings.bodyKindLabel'),
                dataIndex: 'kind',
                width: 130,
                render: (k: VenueKind) => t(`meetings.venueKind.${k}`),
              },
              { title: t('meetings.orgUnit'), dataIndex: 'orgUnitName', width: 120 },
              { title: t('meetings.address'), dataIndex: 'address' },
              { title: t('meetings.openingHours'), dataIndex: 'openingHours' },
              {
                title: t('meetings.facilities'),
                dataIndex: 'facilities',
                render: (f: string[]) => f.map((x) => <Tag key={x}>{x}</Tag>),
              },
              {
                title: t('meetings.stateLabel'),
                dataIndex: 'active',
                width: 70,
                render: (a: boolean) =>
                  a ? <Tag color="green">{t('meetings.active')}</Tag> : <Tag>{t('meetings.inactive')}</Tag>,
              },
              {
                title: t('common.actions'),
                key: 'a',
                width: 70,
                render: (_, v) =>
                  v.allowed.includes('venues:manage') && (
                    <Button type="link" size="small" onClick={() => setEditing(v)}>
                      {t('common.edit')}
                    </Button>
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

type VenueForm = {
  name: string;
  kind: VenueKind;
  orgUnitId: string;
  address?: string;
  facilities?: string[];
  openingHours?: string;
  capacity?: number | null;
  active?: boolean;
};

function VenueModal({ venue, onClose }: { venue: VenueOut | null; onClose: () => void }) {
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
        capacity: v.capacity ?? null,
      };
      return venue
        ? meetingsApi.updateVenue(venue.id, { ...common, active: v.active })
        : meetingsApi.createVenue({ ...common, orgUnitId: v.orgUnitId });
    },
    onSuccess: async () => {
      message.success(t('common.saved'));
      await qc.invalidateQueries({ queryKey: meetingsKeys.venues });
      onClose();
    },
  });
  return (
    <Modal
      open
      title={venue ? t('meetings.editVenue') : t('meetings.newVenue')}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={save.isPending}
      destroyOnHidden
    >
      <Form
        form={form}
        layout="vertical"
        onFinish={(v) => save.mutate(v)}
        initialValues={venue ? { ...venue } : { kind: 'station', facilities: [] }}
      >
        <Form.Item name="name" label={t('meetings.venueName')} rules={[{ required: true, min: 2, max: 100 }]}>
          <Input />
        </Form.Item>
        <Form.Item name="kind" label={t('meetings.bodyKindLabel')} rules={[{ required: true }]}>
          <Select options={VENUE_KINDS.map((k) => ({ value: k, label: t(`meetings.venueKind.${k}`) }))} />
        </Form.Item>
        {!venue && (
          <Form.Item name="orgUnitId" label={t('meetings.orgUnit')} rules={[{ required: true }]}>
            <OrgUnitPicker />
          </Form.Item>
        )}
        <Form.Item name="address" label={t('meetings.address')}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="facilities" label={t('meetings.facilities')}>
          <Select mode="tags" />
        </Form.Item>
        <Form.Item name="openingHours" label={t('meetings.openingHours')}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="capacity" label={t('meetings.capacity')}>
          <InputNumber min={1} max={10000} />
        </Form.Item>
        {venue && (
          <Form.Item name="active" label={t('meetings.active')} valuePropName="checked">
            <Switch />
          </Form.Item>
        )}
      </Form>
      <FormError error={save.error} />
    </Modal>
  );
}
