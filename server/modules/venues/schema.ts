import { sql } from 'drizzle-orm';
import {
  boolean,
  customType,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import type { WeeklyHours } from '../../../common/contracts/venues.ts';
import { createdAt, id, textArray } from '../../db/columns.ts';

/** A place to meet: 党群服务中心, 邻里驿站, 议事长廊. The volunteers module books its spaces. */
export const venue = pgTable(
  'venue',
  {
    id: id(),
    districtId: uuid('district_id').notNull(),
    orgUnitId: uuid('org_unit_id').notNull(),
    orgPath: text('org_path').notNull(),
    name: text('name').notNull(),
    kind: text('kind').notNull(),
    address: text('address').notNull().default(''),
    facilities: textArray('facilities'),
    /** Free-text note shown beside the weekly hours, e.g. "法定节假日闭馆". */
    openingHours: text('opening_hours').notNull().default(''),
    /** Weekly opening hours (Asia/Shanghai): weekday 1 (Mon) … 7 (Sun) → open/close "HH:MM". Empty: not structured, no limit. */
    weeklyHours: jsonb('weekly_hours').$type<WeeklyHours>().notNull().default([]),
    capacity: integer('capacity'),
    active: boolean('active').notNull().default(true),
    createdAt: createdAt(),
  },
  (t) => [index('venue_path_idx').on(t.orgPath)],
);

/** A room or corner inside a venue: 多功能会议室, 康养小站, 棋牌天地, 阅读角, 理发室. */
export const venueSpace = pgTable(
  'venue_space',
  {
    id: id(),
    venueId: uuid('venue_id')
      .notNull()
      .references(() => venue.id),
    name: text('name').notNull(),
    capacity: integer('capacity'),
    facilities: textArray('facilities'),
    active: boolean('active').notNull().default(true),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('venue_space_name_uq').on(t.venueId, t.name)],
);

const tstzrange = customType<{ data: string }>({ dataType: () => 'tstzrange' });

/**
 * A space held for a time range. `during` is derived from starts_at/ends_at; the custom migration
 * adds `exclude using gist (space_id with =, during with &&) where (state = 'booked')`, so a space is
 * never double-booked, however many requests race.
 */
export const venueBooking = pgTable(
  'venue_booking',
  {
    id: id(),
    spaceId: uuid('space_id')
      .notNull()
      .references(() => venueSpace.id),
    venueId: uuid('venue_id')
      .notNull()
      .references(() => venue.id),
    orgPath: text('org_path').notNull(),
    startsAt: timestamp('starts_at', { withTimezone: true }).notNull(),
    endsAt: timestamp('ends_at', { withTimezone: true }).notNull(),
    during: tstzrange('during').notNull().generatedAlwaysAs(sql`tstzrange(starts_at, ends_at, '[)')`),
    purpose: text('purpose').notNull(),
    /** meeting | activity | training | service | other */
    kind: text('kind').notNull().default('other'),
    bookedByUserId: uuid('booked_by_user_id'),
    bookedByName: text('booked_by_name').notNull(),
    /** Plain links to other modules' rows, never foreign keys across modules. */
    activityId: uuid('activity_id'),
    meetingId: uuid('meeting_id'),
    /** booked | cancelled */
    state: text('state').notNull().default('booked'),
    cancelledAt: timestamp('cancelled_at', { withTimezone: true }),
    cancelledByName: text('cancelled_by_name'),
    createdAt: createdAt(),
  },
  (t) => [
    index('venue_booking_venue_idx').on(t.venueId, t.startsAt),
    index('venue_booking_path_idx').on(t.orgPath),
  ],
);

/** A recurring service (义诊, 低价理发, 法律咨询, 康复理疗) held weekly or fortnightly in a space. */
export const serviceSeries = pgTable(
  'service_series',
  {
    id: id(),
    venueId: uuid('venue_id')
      .notNull()
      .references(() => venue.id),
    spaceId: uuid('space_id')
      .notNull()
      .references(() => venueSpace.id),
    orgPath: text('org_path').notNull(),
    /** clinic | haircut | legal | rehab | other */
    kind: text('kind').notNull(),
    title: text('title').notNull(),
    /** Who serves: a team, a partner unit or a person, as free text, with optional ids. */
    providerName: text('provider_name').notNull(),
    providerTeamId: uuid('provider_team_id'),
    providerUnitId: uuid('provider_unit_id'),
    /** ISO weekdays, 1 = Monday. */
    weekdays: integer('weekdays').array().notNull(),
    /** 1 = every week, 2 = fortnightly (counted from valid_from's week). */
    everyWeeks: integer('every_weeks').notNull().default(1),
    startTime: text('start_time').notNull(),
    endTime: text('end_time').notNull(),
    validFrom: date('valid_from').notNull(),
    validTo: date('valid_to'),
    active: boolean('active').notNull().default(true),
    createdByName: text('created_by_name').notNull(),
    createdAt: createdAt(),
  },
  (t) => [index('service_series_venue_idx').on(t.venueId)],
);

/** One held (or cancelled) session of a series, with its booking and its visits (服务人次). */
export const serviceSession = pgTable(
  'service_session',
  {
    id: id(),
    seriesId: uuid('series_id')
      .notNull()
      .references(() => serviceSeries.id),
    venueId: uuid('venue_id').notNull(),
    spaceId: uuid('space_id').notNull(),
    orgPath: text('org_path').notNull(),
    startsAt: timestamp('starts_at', { withTimezone: true }).notNull(),
    endsAt: timestamp('ends_at', { withTimezone: true }).notNull(),
    bookingId: uuid('booking_id').references(() => venueBooking.id),
    /** scheduled | cancelled | conflict (its space was already booked when generated) */
    state: text('state').notNull().default('scheduled'),
    visits: integer('visits'),
    visitorPersonIds: uuid('visitor_person_ids').array().notNull().default(sql`'{}'::uuid[]`),
    visitsRecordedAt: timestamp('visits_recorded_at', { withTimezone: true }),
    visitsRecordedByName: text('visits_recorded_by_name'),
    note: text('note'),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('service_session_series_start_uq').on(t.seriesId, t.startsAt),
    index('service_session_venue_idx').on(t.venueId, t.startsAt),
    index('service_session_path_idx').on(t.orgPath),
  ],
);
