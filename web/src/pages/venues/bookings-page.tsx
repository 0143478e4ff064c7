import { LeftOutlined, PlusOutlined, RightOutlined } from '@ant-design/icons';
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
  Table,
  Tag,
  Typography,
} from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { BOOKING_KINDS, type BookingKind } from '../../../../common/contracts/venues.ts';
import { type BookingOut, type SpaceOut, type VenueOut, venuesApi, venuesKeys } from '../../api/venues.ts';
import { FormError } from '../../components/form-error.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { QueryError } from '../../components/query-error.tsx';
import {
  addDays,
  mondayOf,
  shInstant,
  shParts,
  TIME_OPTIONS,
  todaySh,
  useConflictText,
  useHoursSummary,
  useWeekdayLabel,
} from './venue-parts.tsx';

const KIND_COLOR: Record<BookingKind, string> = {
  meeting: 'blue',
  activity: 'green',
  training: 'purple',
  service: 'red',
  other: 'default',
};

/** /admin/venue-bookings — a venue's week: its spaces by day, book a slot, cancel one. */
export function VenueBookingsPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const [week, setWeek] = useState(() => mondayOf(todaySh()));
  const [booking, setBooking] = useState<{ spaceId?: string; date?: string } | null>(null);
  const venues = useQuery({ queryKey: [...venuesKeys.all, 'list'], queryFn: () => venuesApi.venues() });
  const bookable = (venues.data ?? []).filter((v) => v.active && v.allowed.includes('venues:book'));
  const venue = bookable.find((v) => v.id === params.get('venue')) ?? bookable[0];
  const summary = useHoursSummary();
  return (
    <>
      <PageHeader
        title={t('menu.venueBookings')}
        subTitle={t('venues.bookingsHint')}
        extra={
          venue && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setBooking({})} data-testid="book">
              {t('venues.book')}
            </Button>
          )
        }
      />
      <Card>
        <Flex gap={12} wrap align="center" style={{ marginBottom: 12 }}>
          <Select
            style={{ minWidth: 240 }}
            value={venue?.id}
            loading={venues.isPending}
            data-testid="venue-select"
            placeholder={t('venues.pickVenue')}
            options={bookable.map((v) => ({ value: v.id, label: v.name }))}
            onChange={(id) => setParams({ venue: id })}
          />
          <Button
            icon={<LeftOutlined />}
            onClick={() => setWeek(addDays(week, -7))}
            aria-label={t('venues.prevWeek')}
          />
          <Typography.Text strong data-testid="week-label">
            {week} ~ {addDays(week, 6)}
          </Typography.Text>
          <Button
            icon={<RightOutlined />}
            onClick={() => setWeek(addDays(week, 7))}
            aria-label={t('venues.nextWeek')}
          />
          <Button onClick={() => setWeek(mondayOf(todaySh()))}>{t('venues.thisWeek')}</Button>
          {venue && <Typography.Text type="secondary">{summary(venue.weeklyHours)}</Typography.Text>}
        </Flex>
        {venues.isError ? (
          <QueryError error={venues.error} onRetry={() => venues.refetch()} />
        ) : venue ? (
          <WeekGrid venue={venue} week={week} onBook={(spaceId, date) => setBooking({ spaceId, date })} />
        ) : (
          <Empty description={t('venues.noBookableVenues')} />
        )}
      </Card>
      {booking && venue && <BookModal venue={venue} initial={booking} onClose={() => setBooking(null)} />}
    </>
  );
}

function WeekGrid({
  venue,
  week,
  onBook,
}: {
  venue: VenueOut;
  week: string;
  onBook: (spaceId: string, date: string) => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const label = useWeekdayLabel();
  const bookings = useQuery({
    queryKey: venuesKeys.bookings(venue.id, week),
    queryFn: () =>
      venuesApi.bookings({
        venueId: venue.id,
        from: shInstant(week, '00:00'),
        to: shInstant(addDays(week, 7), '00:00'),
      }),
  });
  const cancel = useMutation({
    mutationFn: (id: string) => venuesApi.cancelBooking(id),
    onSuccess: async () => {
      message.success(t('venues.cancelled'));
      await qc.invalidateQueries({ queryKey: venuesKeys.all });
    },
    onError: (e) => message.error(e.message),
  });
  if (bookings.isError) return <QueryError error={bookings.error} onRetry={() => bookings.refetch()} />;
  const days = Array.from({ length: 7 }, (_, i) => addDays(week, i));
  const today = todaySh();
  const spaces = venue.spaces.filter((s) => s.active);
  const cell = (space: SpaceOut, date: string) => {
    const open =
      venue.weeklyHours.length === 0 || venue.weeklyHours.some((h) => h.weekday === days.indexOf(date) + 1);
    const items = (bookings.data ?? []).filter(
      (b) => b.spaceId === space.id && shParts(b.startsAt).date === date,
    );
    return (
      <Flex vertical gap={4} style={{ minHeight: 48, background: open ? undefined : '#fafafa' }}>
        {items.map((b) => (
          <BookingChip key={b.id} b={b} onCancel={() => cancel.mutate(b.id)} />
        ))}
        {open && date >= today && (
          <Button
            size="small"
            type="dashed"
            icon={<PlusOutlined />}
            onClick={() => onBook(space.id, date)}
            aria-label={t('venues.bookHere', { space: space.name, date })}
          />
        )}
        {!open && <span className="linli-muted">{t('venues.closed')}</span>}
      </Flex>
    );
  };
  return (
    <Table<SpaceOut>
      data-testid="week-grid"
      rowKey="id"
      size="small"
      bordered
      loading={bookings.isFetching}
      dataSource={spaces}
      pagination={false}
      scroll={{ x: 1100 }}
      locale={{ emptyText: <Empty description={t('venues.noSpaces')} /> }}
      columns={[
        {
          title: t('venues.space'),
          dataIndex: 'name',
          width: 120,
          fixed: 'left',
          render: (n: string, s) => (
            <>
              <div>{n}</div>
              {s.capacity && <div className="linli-muted">{t('venues.seats', { n: s.capacity })}</div>}
            </>
          ),
        },
        ...days.map((d, i) => ({
          title: (
            <span style={d === today ? { color: '#1677ff' } : undefined}>
              {label(i + 1)} {d.slice(5)}
            </span>
          ),
          key: d,
          width: 140,
          render: (_: unknown, s: SpaceOut) => cell(s, d),
        })),
      ]}
    />
  );
}

function BookingChip({ b, onCancel }: { b: BookingOut; onCancel: () => void }) {
  const { t } = useTranslation();
  return (
    <div
      data-testid="booking-chip"
      style={{ border: '1px solid #f0f0f0', borderRadius: 4, padding: '2px 4px', fontSize: 12 }}
      title={`${b.purpose} · ${b.bookedByName}`}
    >
      <div>
        <Tag color={KIND_COLOR[b.kind]} style={{ marginInlineEnd: 4, fontSize: 11 }}>
          {t(`venues.bookingKind.${b.kind}`)}
        </Tag>
        {shParts(b.startsAt).time}–{shParts(b.endsAt).time}
      </div>
      <div style={{ overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' }}>{b.purpose}</div>
      {b.allowed.includes('venues:book') && (
        <Popconfirm title={t('venues.cancelConfirm')} onConfirm={onCancel} okText={t('venues.cancelBooking')}>
          <Button type="link" size="small" danger style={{ padding: 0, height: 18 }}>
            {t('venues.cancelBooking')}
          </Button>
        </Popconfirm>
      )}
    </div>
  );
}

type BookForm = {
  spaceId: string;
  date: dayjs.Dayjs;
  start: string;
  end: string;
  purpose: string;
  kind: BookingKind;
};

function BookModal({
  venue,
  initial,
  onClose,
}: {
  venue: VenueOut;
  initial: { spaceId?: string; date?: string };
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const conflictText = useConflictText();
  const [form] = Form.useForm<BookForm>();
  const book = useMutation({
    mutationFn: (v: BookForm) => {
      const date = v.date.format('YYYY-MM-DD');
      return venuesApi.book({
        spaceId: v.spaceId,
        startsAt: shInstant(date, v.start),
        endsAt: shInstant(date, v.end),
        purpose: v.purpose.trim(),
        kind: v.kind,
      });
    },
    onSuccess: async () => {
      message.success(t('venues.booked'));
      await qc.invalidateQueries({ queryKey: venuesKeys.all });
      onClose();
    },
  });
  const conflict = conflictText(book.error);
  return (
    <Modal
      open
      title={t('venues.bookTitle', { venue: venue.name })}
      onOk={() => form.submit()}
      onCancel={onClose}
      okText={t('venues.book')}
      confirmLoading={book.isPending}
      destroyOnHidden
    >
      <Form
        form={form}
        layout="vertical"
        onFinish={(v) => book.mutate(v)}
        initialValues={{
          spaceId: initial.spaceId,
          date: initial.date ? dayjs(initial.date) : undefined,
          start: '10:00',
          end: '11:00',
          kind: 'meeting',
        }}
      >
        <Form.Item name="spaceId" label={t('venues.space')} rules={[{ required: true }]}>
          <Select
            data-testid="book-space"
            options={venue.spaces.filter((s) => s.active).map((s) => ({ value: s.id, label: s.name }))}
          />
        </Form.Item>
        <Form.Item name="date" label={t('venues.date')} rules={[{ required: true }]}>
          <DatePicker style={{ width: '100%' }} data-testid="book-date" />
        </Form.Item>
        <Flex gap={12}>
          <Form.Item name="start" label={t('venues.from')} rules={[{ required: true }]} style={{ flex: 1 }}>
            <Select options={TIME_OPTIONS} data-testid="book-start" />
          </Form.Item>
          <Form.Item
            name="end"
            label={t('venues.to')}
            style={{ flex: 1 }}
            dependencies={['start']}
            rules={[
              { required: true },
              ({ getFieldValue }) => ({
                validator: (_, v: string) =>
                  !v || v > getFieldValue('start')
                    ? Promise.resolve()
                    : Promise.reject(t('venues.endAfterStart')),
              }),
            ]}
          >
            <Select options={TIME_OPTIONS} data-testid="book-end" />
          </Form.Item>
        </Flex>
        <Form.Item name="kind" label={t('venues.bookingKindLabel')} rules={[{ required: true }]}>
          <Select
            options={BOOKING_KINDS.filter((k) => k !== 'service').map((k) => ({
              value: k,
              label: t(`venues.bookingKind.${k}`),
            }))}
          />
        </Form.Item>
        <Form.Item name="purpose" label={t('venues.purpose')} rules={[{ required: true, min: 2, max: 200 }]}>
          <Input data-testid="book-purpose" placeholder={t('venues.purposePlaceholder')} />
        </Form.Item>
      </Form>
      {conflict ? (
        <Alert type="error" showIcon title={conflict} data-testid="booking-conflict" />
      ) : (
        <FormError error={book.error} />
      )}
    </Modal>
  );
}
