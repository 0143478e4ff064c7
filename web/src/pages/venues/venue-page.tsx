import { PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  App,
  Button,
  Card,
  Col,
  Descriptions,
  Empty,
  Flex,
  Form,
  Input,
  InputNumber,
  Modal,
  Row,
  Select,
  Switch,
  Table,
  Tag,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { type SeriesOut, type SpaceOut, type VenueOut, venuesApi, venuesKeys } from '../../api/venues.ts';
import { FormError } from '../../components/form-error.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { QueryState } from '../../components/query-state.tsx';
import { ServiceKindTag, useWeekdayLabel } from './venue-parts.tsx';
import { VenueModal } from './venues-page.tsx';

/** /admin/venues/:id — a venue: its opening hours, facilities, spaces and recurring services. */
export function VenuePage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const venue = useQuery({ queryKey: venuesKeys.venue(id), queryFn: () => venuesApi.venue(id) });
  const [editing, setEditing] = useState(false);
  return (
    <QueryState query={venue} notFoundTitle={t('venues.notFound')}>
      {(v) => (
        <>
          <PageHeader
            title={v.name}
            crumbs={[{ title: t('menu.venues'), to: '/admin/venues' }, { title: v.name }]}
            extra={
              <Flex gap={8}>
                {v.allowed.includes('venues:book') && (
                  <Link to={`/admin/venue-bookings?venue=${v.id}`}>
                    <Button>{t('venues.weekView')}</Button>
                  </Link>
                )}
                {v.allowed.includes('venues:manage') && (
                  <Button type="primary" onClick={() => setEditing(true)}>
                    {t('venues.editVenue')}
                  </Button>
                )}
              </Flex>
            }
          />
          <Row gutter={[16, 16]}>
            <Col xs={24} lg={14}>
              <Card title={t('venues.basics')}>
                <Descriptions column={1} size="small">
                  <Descriptions.Item label={t('venues.kindLabel')}>
                    {t(`venues.kind.${v.kind}`)}
                  </Descriptions.Item>
                  <Descriptions.Item label={t('venues.orgUnit')}>{v.orgUnitName}</Descriptions.Item>
                  <Descriptions.Item label={t('venues.address')}>{v.address || '—'}</Descriptions.Item>
                  <Descriptions.Item label={t('venues.capacity')}>{v.capacity ?? '—'}</Descriptions.Item>
                  <Descriptions.Item label={t('venues.facilities')}>
                    {v.facilities.length ? v.facilities.map((f) => <Tag key={f}>{f}</Tag>) : '—'}
                  </Descriptions.Item>
                  <Descriptions.Item label={t('venues.hoursNote')}>{v.openingHours || '—'}</Descriptions.Item>
                </Descriptions>
              </Card>
            </Col>
            <Col xs={24} lg={10}>
              <HoursCard venue={v} />
            </Col>
            <Col span={24}>
              <SpacesCard venue={v} />
            </Col>
            <Col span={24}>
              <VenueServicesCard venueId={v.id} />
            </Col>
          </Row>
          {editing && <VenueModal venue={v} onClose={() => setEditing(false)} />}
        </>
      )}
    </QueryState>
  );
}

function HoursCard({ venue }: { venue: VenueOut }) {
  const { t } = useTranslation();
  const label = useWeekdayLabel();
  return (
    <Card title={t('venues.hours')} data-testid="venue-hours">
      {venue.weeklyHours.length === 0 ? (
        <Empty description={t('venues.hoursNotSet')} />
      ) : (
        <Descriptions column={1} size="small">
          {[1, 2, 3, 4, 5, 6, 7].map((wd) => {
            const hs = venue.weeklyHours.filter((h) => h.weekday === wd);
            return (
              <Descriptions.Item key={wd} label={label(wd)}>
                {hs.length ? (
                  hs.map((h) => `${h.open}–${h.close}`).join('，')
                ) : (
                  <span className="linli-muted">{t('venues.closed')}</span>
                )}
              </Descriptions.Item>
            );
          })}
        </Descriptions>
      )}
    </Card>
  );
}

function SpacesCard({ venue }: { venue: VenueOut }) {
  const { t } = useTranslation();
  const [editing, setEditing] = useState<SpaceOut | 'new' | null>(null);
  const manage = venue.allowed.includes('venues:manage');
  return (
    <Card
      title={t('venues.spaces')}
      extra={
        manage && (
          <Button icon={<PlusOutlined />} onClick={() => setEditing('new')} data-testid="new-space">
            {t('venues.newSpace')}
          </Button>
        )
      }
    >
      <Table<SpaceOut>
        rowKey="id"
        size="small"
        dataSource={venue.spaces}
        pagination={false}
        locale={{ emptyText: <Empty description={t('venues.noSpaces')} /> }}
        columns={[
          { title: t('venues.spaceName'), dataIndex: 'name' },
          { title: t('venues.capacity'), dataIndex: 'capacity', width: 90, render: (c) => c ?? '—' },
          {
            title: t('venues.facilities'),
            dataIndex: 'facilities',
            render: (f: string[]) => f.map((x) => <Tag key={x}>{x}</Tag>),
          },
          {
            title: t('venues.stateLabel'),
            dataIndex: 'active',
            width: 80,
            render: (a: boolean) =>
              a ? <Tag color="green">{t('venues.active')}</Tag> : <Tag>{t('venues.inactive')}</Tag>,
          },
          ...(manage
            ? [
                {
                  title: t('common.actions'),
                  key: 'a',
                  width: 80,
                  render: (_: unknown, s: SpaceOut) => (
                    <Button type="link" size="small" onClick={() => setEditing(s)}>
                      {t('common.edit')}
                    </Button>
                  ),
                },
              ]
            : []),
        ]}
      />
      {editing && (
        <SpaceModal
          venueId={venue.id}
          space={editing === 'new' ? null : editing}
          onClose={() => setEditing(null)}
        />
      )}
    </Card>
  );
}

type SpaceForm = { name: string; capacity?: number | null; facilities?: string[]; active?: boolean };

function SpaceModal({
  venueId,
  space,
  onClose,
}: {
  venueId: string;
  space: SpaceOut | null;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm<SpaceForm>();
  const save = useMutation({
    mutationFn: (v: SpaceForm) => {
      const body = { name: v.name, capacity: v.capacity ?? null, facilities: v.facilities ?? [] };
      return space
        ? venuesApi.updateSpace(space.id, { ...body, active: v.active })
        : venuesApi.createSpace(venueId, body);
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
      title={space ? t('venues.editSpace') : t('venues.newSpace')}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={save.isPending}
      destroyOnHidden
    >
      <Form
        form={form}
        layout="vertical"
        onFinish={(v) => save.mutate(v)}
        initialValues={space ?? { facilities: [] }}
      >
        <Form.Item name="name" label={t('venues.spaceName')} rules={[{ required: true, min: 2, max: 60 }]}>
          <Input placeholder={t('venues.spaceNamePlaceholder')} />
        </Form.Item>
        <Form.Item name="capacity" label={t('venues.capacity')}>
          <InputNumber min={1} max={10000} />
        </Form.Item>
        <Form.Item name="facilities" label={t('venues.facilities')}>
          <Select mode="tags" />
        </Form.Item>
        {space && (
          <Form.Item name="active" label={t('venues.active')} valuePropName="checked">
            <Switch />
          </Form.Item>
        )}
      </Form>
      <FormError error={save.error} />
    </Modal>
  );
}

function VenueServicesCard({ venueId }: { venueId: string }) {
  const { t } = useTranslation();
  const series = useQuery({ queryKey: venuesKeys.series(venueId), queryFn: () => venuesApi.series(venueId) });
  const rule = useRuleText();
  return (
    <Card
      title={t('venues.services')}
      extra={<Link to={`/admin/venue-services?venue=${venueId}`}>{t('venues.allSessions')}</Link>}
    >
      <Table<SeriesOut>
        rowKey="id"
        size="small"
        loading={series.isFetching}
        dataSource={series.data}
        pagination={false}
        locale={{ emptyText: <Empty description={t('venues.noServices')} /> }}
        columns={[
          { title: t('venues.serviceTitle'), dataIndex: 'title' },
          {
            title: t('venues.kindLabel'),
            dataIndex: 'kind',
            width: 100,
            render: (k) => <ServiceKindTag kind={k} />,
          },
          { title: t('venues.space'), dataIndex: 'spaceName', width: 110 },
          { title: t('venues.provider'), dataIndex: 'providerName' },
          { title: t('venues.rule'), key: 'rule', render: (_, s) => rule(s) },
          { title: t('venues.sessionsHeld'), dataIndex: 'sessionsHeld', width: 90, align: 'right' },
          { title: t('venues.visits'), dataIndex: 'visits', width: 90, align: 'right' },
        ]}
      />
    </Card>
  );
}

/** "每周二 09:00–11:30" or "隔周五 14:00–17:00". */
export function useRuleText() {
  const { t } = useTranslation();
  const label = useWeekdayLabel();
  return (s: Pick<SeriesOut, 'weekdays' | 'everyWeeks' | 'startTime' | 'endTime'>) =>
    t(s.everyWeeks === 1 ? 'venues.ruleWeekly' : 'venues.ruleEvery', {
      n: s.everyWeeks,
      days: s.weekdays.map(label).join('、'),
      from: s.startTime,
      to: s.endTime,
    });
}
