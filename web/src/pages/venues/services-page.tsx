import { PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  App,
  Button,
  Card,
  Col,
  DatePicker,
  Empty,
  Flex,
  Form,
  Input,
  InputNumber,
  Modal,
  Popconfirm,
  Radio,
  Row,
  Select,
  Table,
  Tag,
  Typography,
} from 'antd';
import type dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { SERVICE_KINDS, type ServiceKind } from '../../../../common/contracts/venues.ts';
import { type SeriesOut, type SessionOut, type VenueOut, venuesApi, venuesKeys } from '../../api/venues.ts';
import { can, useMe } from '../../app/session.ts';
import { FormError } from '../../components/form-error.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { QueryError } from '../../components/query-error.tsx';
import { useRuleText } from './venue-page.tsx';
import {
  addDays,
  ServiceKindTag,
  shInstant,
  shParts,
  TIME_OPTIONS,
  todaySh,
  useWeekdayLabel,
  weekdayOf,
} from './venue-parts.tsx';

/** /admin/venue-services — 常态化服务: series, their sessions with visits (服务人次), monthly counts. */
export function VenueServicesPage() {
  const { t } = useTranslation();
  const me = useMe();
  const [params, setParams] = useSearchParams();
  const venueId = params.get('venue') ?? undefined;
  const [creating, setCreating] = useState(false);
  const venues = useQuery({ queryKey: [...venuesKeys.all, 'list'], queryFn: () => venuesApi.venues() });
  return (
    <>
      <PageHeader
        title={t('menu.venueServices')}
        subTitle={t('venues.servicesHint')}
        extra={
          can(me, 'venues:manage') && (
            <Button
              type="primary"
              icon={<PlusOutlined />}
              onClick={() => setCreating(true)}
              data-testid="new-series"
            >
              {t('venues.newSeries')}
            </Button>
          )
        }
      />
      <Flex gap={12} style={{ marginBottom: 12 }}>
        <Select
          allowClear
          style={{ minWidth: 260 }}
          placeholder={t('venues.allVenues')}
          value={venueId}
          data-testid="services-venue"
          options={(venues.data ?? []).map((v) => ({ value: v.id, label: v.name }))}
          onChange={(id) => setParams(id ? { venue: id } : {})}
        />
      </Flex>
      <Row gutter={[16, 16]}>
        <Col span={24}>
          <SeriesCard venueId={venueId} />
        </Col>
        <Col xs={24} xl={15}>
          <SessionsCard venueId={venueId} />
        </Col>
        <Col xs={24} xl={9}>
          <FiguresCard venueId={venueId} />
        </Col>
      </Row>
      {creating && (
        <SeriesModal venues={venues.data ?? []} venueId={venueId} onClose={() => setCreating(false)} />
      )}
    </>
  );
}

function SeriesCard({ venueId }: { venueId?: string }) {
  const { t } = useTranslation();
  const rule = useRuleText();
  const series = useQuery({ queryKey: venuesKeys.series(venueId), queryFn: () => venuesApi.series(venueId) });
  return (
    <Card title={t('venues.services')}>
      {series.isError ? (
        <QueryError error={series.error} onRetry={() => series.refetch()} />
      ) : (
        <Table<SeriesOut>
          rowKey="id"
          size="small"
          data-testid="series-table"
          loading={series.isFetching}
          dataSource={series.data}
          pagination={false}
          scroll={{ x: 900 }}
          locale={{ emptyText: <Empty description={t('venues.noServices')} /> }}
          columns={[
            { title: t('venues.serviceTitle'), dataIndex: 'title' },
            {
              title: t('venues.kindLabel'),
              dataIndex: 'kind',
              width: 100,
              render: (k) => <ServiceKindTag kind={k} />,
            },
            { title: t('venues.where'), key: 'where', render: (_, s) => `${s.venueName} · ${s.spaceName}` },
            { title: t('venues.provider'), dataIndex: 'providerName' },
            { title: t('venues.rule'), key: 'rule', render: (_, s) => rule(s) },
            { title: t('venues.sessionsHeld'), dataIndex: 'sessionsHeld', width: 90, align: 'right' },
            { title: t('venues.visits'), dataIndex: 'visits', width: 90, align: 'right' },
          ]}
        />
      )}
    </Card>
  );
}

function SessionsCard({ venueId }: { venueId?: string }) {
  const { t } = useTranslation();
  const label = useWeekdayLabel();
  const [when, setWhen] = useState<'past' | 'coming'>('past');
  const today = todaySh();
  // Fixed when the page opens: a query key made from "now" on every render would never settle.
  const [now] = useState(() => new Date().toISOString());
  const q =
    when === 'past'
      ? {
          venueId,
          from: shInstant(addDays(today, -42), '00:00'),
          to: now,
          order: 'desc' as const,
        }
      : { venueId, from: now, to: shInstant(addDays(today, 28), '00:00') };
  const sessions = useQuery({ queryKey: venuesKeys.sessions(q), queryFn: () => venuesApi.sessions(q) });
  return (
    <Card
      title={t('venues.sessions')}
      extra={
        <Radio.Group
          size="small"
          value={when}
          onChange={(e) => setWhen(e.target.value)}
          optionType="button"
          options={[
            { value: 'past', label: t('venues.pastSessions') },
            { value: 'coming', label: t('venues.comingSessions') },
          ]}
        />
      }
    >
      {sessions.isError ? (
        <QueryError error={sessions.error} onRetry={() => sessions.refetch()} />
      ) : (
        <Table<SessionOut>
          rowKey="id"
          size="small"
          data-testid="sessions-table"
          loading={sessions.isFetching}
          dataSource={sessions.data}
          pagination={{ pageSize: 12, hideOnSinglePage: true }}
          scroll={{ x: 620 }}
          locale={{ emptyText: <Empty description={t('venues.noSessions')} /> }}
          columns={[
            {
              title: t('venues.when'),
              key: 'when',
              width: 170,
              render: (_, s) => {
                const p = shParts(s.startsAt);
                return `${p.date.slice(5)} ${label(weekdayOf(p.date))} ${p.time}–${shParts(s.endsAt).time}`;
              },
            },
            {
              title: t('venues.serviceTitle'),
              dataIndex: 'title',
              render: (x, s) => (
                <>
                  <div>{x}</div>
                  {!venueId && <div className="linli-muted">{s.venueName}</div>}
                </>
              ),
            },
            {
              title: t('venues.stateLabel'),
              dataIndex: 'state',
              width: 80,
              render: (st: SessionOut['state']) => (
                <Tag color={st === 'scheduled' ? 'green' : st === 'conflict' ? 'orange' : 'default'}>
                  {t(`venues.sessionState.${st}`)}
                </Tag>
              ),
            },
            { title: t('venues.visits'), key: 'visits', width: 170, render: (_, s) => <VisitsCell s={s} /> },
          ]}
        />
      )}
    </Card>
  );
}

/** Started sessions: enter or correct the visits; coming ones: cancel (with confirmation). */
function VisitsCell({ s }: { s: SessionOut }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [value, setValue] = useState<number | null>(s.visits);
  const may = s.allowed.includes('venues:book');
  const save = useMutation({
    mutationFn: () => venuesApi.recordVisits(s.id, value ?? 0),
    onSuccess: async () => {
      message.success(t('venues.visitsSaved'));
      await qc.invalidateQueries({ queryKey: venuesKeys.all });
    },
    onError: (e) => message.error(e.message),
  });
  const cancel = useMutation({
    mutationFn: () => venuesApi.cancelSession(s.id, ''),
    onSuccess: async () => {
      message.success(t('venues.cancelled'));
      await qc.invalidateQueries({ queryKey: venuesKeys.all });
    },
    onError: (e) => message.error(e.message),
  });
  if (s.state !== 'scheduled') return s.note ?? '—';
  if (!s.started)
    return may ? (
      <Popconfirm title={t('venues.cancelSessionConfirm')} onConfirm={() => cancel.mutate()}>
        <Button size="small" danger type="link">
          {t('venues.cancelSession')}
        </Button>
      </Popconfirm>
    ) : (
      '—'
    );
  if (!may) return s.visits ?? '—';
  return (
    <Flex gap={4} data-testid="visits-cell">
      <InputNumber
        size="small"
        min={0}
        max={1000}
        value={value}
        onChange={setValue}
        placeholder={t('venues.visitsPlaceholder')}
        aria-label={t('venues.visits')}
        style={{ width: 80 }}
      />
      <Button
        size="small"
        onClick={() => save.mutate()}
        loading={save.isPending}
        disabled={value === null || value === s.visits}
      >
        {t('common.save')}
      </Button>
    </Flex>
  );
}

function FiguresCard({ venueId }: { venueId?: string }) {
  const { t } = useTranslation();
  const to = todaySh();
  // Twelve months up to this one.
  const [y, m] = to.split('-').map(Number);
  const from = m === 12 ? `${y}-01-01` : `${y - 1}-${String(m + 1).padStart(2, '0')}-01`;
  const figures = useQuery({
    queryKey: venuesKeys.figures(from, to),
    queryFn: () => venuesApi.figures(from, to),
  });
  const rows = (figures.data ?? []).filter((r) => !venueId || r.venueId === venueId);
  const byMonth = [...new Set(rows.map((r) => r.month))]
    .sort()
    .reverse()
    .map((month) => {
      const m = rows.filter((r) => r.month === month);
      return {
        month,
        sessions: m.reduce((a, r) => a + r.sessions, 0),
        visits: m.reduce((a, r) => a + r.visits, 0),
      };
    });
  return (
    <Card title={t('venues.monthlyVisits')}>
      {figures.isError ? (
        <QueryError error={figures.error} onRetry={() => figures.refetch()} />
      ) : (
        <Table
          rowKey="month"
          size="small"
          data-testid="visit-figures"
          loading={figures.isFetching}
          dataSource={byMonth}
          pagination={false}
          locale={{ emptyText: <Empty description={t('venues.noFigures')} /> }}
          columns={[
            { title: t('venues.month'), dataIndex: 'month' },
            { title: t('venues.sessionsHeld'), dataIndex: 'sessions', align: 'right' },
            { title: t('venues.visits'), dataIndex: 'visits', align: 'right' },
          ]}
          summary={() =>
            byMonth.length > 0 && (
              <Table.Summary.Row>
                <Table.Summary.Cell index={0}>
                  <Typography.Text strong>{t('venues.total')}</Typography.Text>
                </Table.Summary.Cell>
                <Table.Summary.Cell index={1} align="right">
                  {byMonth.reduce((a, r) => a + r.sessions, 0)}
                </Table.Summary.Cell>
                <Table.Summary.Cell index={2} align="right">
                  {byMonth.reduce((a, r) => a + r.visits, 0)}
                </Table.Summary.Cell>
              </Table.Summary.Row>
            )
          }
        />
      )}
    </Card>
  );
}

type SeriesForm = {
  venueId: string;
  spaceId: string;
  kind: ServiceKind;
  title: string;
  providerName: string;
  weekdays: number[];
  everyWeeks: number;
  startTime: string;
  endTime: string;
  validFrom: dayjs.Dayjs;
  validTo?: dayjs.Dayjs | null;
};

function SeriesModal({
  venues,
  venueId: initialVenue,
  onClose,
}: {
  venues: VenueOut[];
  venueId?: string;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const label = useWeekdayLabel();
  const [form] = Form.useForm<SeriesForm>();
  const venueId = Form.useWatch('venueId', form);
  const manageable = venues.filter((v) => v.active && v.allowed.includes('venues:manage'));
  const spaces = manageable.find((v) => v.id === venueId)?.spaces.filter((s) => s.active) ?? [];
  const create = useMutation({
    mutationFn: (v: SeriesForm) =>
      venuesApi.createSeries({
        spaceId: v.spaceId,
        kind: v.kind,
        title: v.title.trim(),
        providerName: v.providerName.trim(),
        weekdays: v.weekdays,
        everyWeeks: v.everyWeeks,
        startTime: v.startTime,
        endTime: v.endTime,
        validFrom: v.validFrom.format('YYYY-MM-DD'),
        validTo: v.validTo ? v.validTo.format('YYYY-MM-DD') : null,
      }),
    onSuccess: async (r) => {
      message.success(t('venues.seriesCreated', { n: r.generated, conflicts: r.conflicts }));
      await qc.invalidateQueries({ queryKey: venuesKeys.all });
      onClose();
    },
  });
  return (
    <Modal
      open
      title={t('venues.newSeries')}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={create.isPending}
      destroyOnHidden
      width={600}
    >
      <Form
        form={form}
        layout="vertical"
        onFinish={(v) => create.mutate(v)}
        initialValues={{
          venueId: initialVenue,
          kind: 'clinic',
          everyWeeks: 1,
          weekdays: [],
          startTime: '09:00',
          endTime: '11:00',
        }}
      >
        <Flex gap={12}>
          <Form.Item
            name="venueId"
            label={t('venues.venue')}
            rules={[{ required: true }]}
            style={{ flex: 1 }}
          >
            <Select
              options={manageable.map((v) => ({ value: v.id, label: v.name }))}
              onChange={() => form.setFieldValue('spaceId', undefined)}
            />
          </Form.Item>
          <Form.Item
            name="spaceId"
            label={t('venues.space')}
            rules={[{ required: true }]}
            style={{ flex: 1 }}
          >
            <Select options={spaces.map((s) => ({ value: s.id, label: s.name }))} />
          </Form.Item>
        </Flex>
        <Flex gap={12}>
          <Form.Item
            name="title"
            label={t('venues.serviceTitle')}
            rules={[{ required: true, min: 2, max: 100 }]}
            style={{ flex: 2 }}
          >
            <Input placeholder={t('venues.serviceTitlePlaceholder')} />
          </Form.Item>
          <Form.Item
            name="kind"
            label={t('venues.kindLabel')}
            rules={[{ required: true }]}
            style={{ flex: 1 }}
          >
            <Select options={SERVICE_KINDS.map((k) => ({ value: k, label: t(`venues.serviceKind.${k}`) }))} />
          </Form.Item>
        </Flex>
        <Form.Item
          name="providerName"
          label={t('venues.provider')}
          rules={[{ required: true, min: 2, max: 100 }]}
        >
          <Input placeholder={t('venues.providerPlaceholder')} />
        </Form.Item>
        <Form.Item
          name="weekdays"
          label={t('venues.weekdays')}
          rules={[{ required: true, type: 'array', min: 1 }]}
        >
          <Select
            mode="multiple"
            options={[1, 2, 3, 4, 5, 6, 7].map((d) => ({ value: d, label: label(d) }))}
          />
        </Form.Item>
        <Flex gap={12}>
          <Form.Item name="everyWeeks" label={t('venues.everyWeeks')} style={{ flex: 1 }}>
            <Select
              options={[1, 2, 4].map((n) => ({
                value: n,
                label: t(n === 1 ? 'venues.weekly' : 'venues.everyNWeeks', { n }),
              }))}
            />
          </Form.Item>
          <Form.Item name="startTime" label={t('venues.from')} style={{ flex: 1 }}>
            <Select options={TIME_OPTIONS} />
          </Form.Item>
          <Form.Item name="endTime" label={t('venues.to')} style={{ flex: 1 }}>
            <Select options={TIME_OPTIONS} />
          </Form.Item>
        </Flex>
        <Flex gap={12}>
          <Form.Item
            name="validFrom"
            label={t('venues.validFrom')}
            rules={[{ required: true }]}
            style={{ flex: 1 }}
          >
            <DatePicker style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item name="validTo" label={t('venues.validTo')} style={{ flex: 1 }}>
            <DatePicker style={{ width: '100%' }} />
          </Form.Item>
        </Flex>
      </Form>
      <FormError error={create.error} />
    </Modal>
  );
}
