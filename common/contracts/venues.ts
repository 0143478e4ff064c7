import { z } from 'zod';
import { allowed } from './common.ts';

/** 党群服务中心, 邻里驿站, 议事长廊 (书记茶摊 sits in a corridor), or another room. */
export const VENUE_KINDS = ['service_centre', 'station', 'corridor', 'other'] as const;
export type VenueKind = (typeof VENUE_KINDS)[number];

const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'HH:MM');

/** One opening interval of a weekday (1 = Monday … 7 = Sunday), Asia/Shanghai local time. */
export const openingInterval = z
  .object({ weekday: z.number().int().min(1).max(7), open: hhmm, close: hhmm })
  .refine((v) => v.close > v.open, { message: 'close after open' });
export const weeklyHours = z.array(openingInterval).max(21);
export type WeeklyHours = z.infer<typeof weeklyHours>;

export const venueIn = z.object({
  name: z.string().trim().min(2).max(100),
  kind: z.enum(VENUE_KINDS),
  /** A community or a compound. */
  orgUnitId: z.uuid(),
  address: z.string().trim().max(200).default(''),
  facilities: z.array(z.string().trim().min(1).max(40)).max(20).default([]),
  /** Free-text note beside the weekly hours, e.g. "周一至周五 9:00–17:30，节假日闭馆". */
  openingHours: z.string().trim().max(200).default(''),
  /** Structured weekly hours; empty means not structured (bookings are not limited by hours). */
  weeklyHours: weeklyHours.default([]),
  capacity: z.number().int().min(1).max(10_000).nullable().default(null),
});
export const venueUpdate = venueIn
  .omit({ orgUnitId: true })
  .partial()
  .extend({ active: z.boolean().optional() });

export const spaceIn = z.object({
  name: z.string().trim().min(2).max(60),
  capacity: z.number().int().min(1).max(10_000).nullable().default(null),
  facilities: z.array(z.string().trim().min(1).max(40)).max(20).default([]),
});
export const spaceUpdate = spaceIn.partial().extend({ active: z.boolean().optional() });
export const spaceOut = z.object({
  id: z.string(),
  venueId: z.string(),
  name: z.string(),
  capacity: z.number().int().nullable(),
  facilities: z.array(z.string()),
  active: z.boolean(),
});
export type SpaceOut = z.infer<typeof spaceOut>;

export const venueOut = z.object({
  id: z.string(),
  name: z.string(),
  kind: z.enum(VENUE_KINDS),
  orgUnitId: z.string(),
  orgUnitName: z.string(),
  address: z.string(),
  facilities: z.array(z.string()),
  openingHours: z.string(),
  weeklyHours,
  capacity: z.number().int().nullable(),
  active: z.boolean(),
  spaces: z.array(spaceOut),
  allowed,
});
export type VenueOut = z.infer<typeof venueOut>;
export const venueList = z.object({ items: z.array(venueOut) });
export const venueQuery = z.object({
  orgUnitId: z.uuid().optional(),
  kind: z.enum(VENUE_KINDS).optional(),
});

// Bookings ----------------------------------------------------------------------------------------

export const BOOKING_KINDS = ['meeting', 'activity', 'training', 'service', 'other'] as const;
export type BookingKind = (typeof BOOKING_KINDS)[number];
export const BOOKING_STATES = ['booked', 'cancelled'] as const;

export const bookingIn = z.object({
  spaceId: z.uuid(),
  startsAt: z.iso.datetime({ offset: true }),
  endsAt: z.iso.datetime({ offset: true }),
  purpose: z.string().trim().min(2).max(200),
  kind: z.enum(BOOKING_KINDS).default('other'),
  activityId: z.uuid().nullable().default(null),
  meetingId: z.uuid().nullable().default(null),
});
export const bookingOut = z.object({
  id: z.string(),
  spaceId: z.string(),
  spaceName: z.string(),
  venueId: z.string(),
  startsAt: z.string(),
  endsAt: z.string(),
  purpose: z.string(),
  kind: z.enum(BOOKING_KINDS),
  bookedByName: z.string(),
  activityId: z.string().nullable(),
  meetingId: z.string().nullable(),
  state: z.enum(BOOKING_STATES),
  allowed,
});
export type BookingOut = z.infer<typeof bookingOut>;
export const bookingList = z.object({ items: z.array(bookingOut) });
export const bookingQuery = z.object({
  venueId: z.uuid(),
  from: z.iso.datetime({ offset: true }),
  to: z.iso.datetime({ offset: true }),
  includeCancelled: z.union([z.boolean(), z.stringbool()]).default(false),
});

// Service series and sessions ---------------------------------------------------------------------

/** 义诊, 低价理发, 法律咨询, 康复理疗, or another service. */
export const SERVICE_KINDS = ['clinic', 'haircut', 'legal', 'rehab', 'other'] as const;
export type ServiceKind = (typeof SERVICE_KINDS)[number];
export const SESSION_STATES = ['scheduled', 'cancelled', 'conflict'] as const;

export const seriesIn = z
  .object({
    spaceId: z.uuid(),
    kind: z.enum(SERVICE_KINDS),
    title: z.string().trim().min(2).max(100),
    providerName: z.string().trim().min(2).max(100),
    providerTeamId: z.uuid().nullable().default(null),
    providerUnitId: z.uuid().nullable().default(null),
    weekdays: z.array(z.number().int().min(1).max(7)).min(1).max(7),
    everyWeeks: z.number().int().min(1).max(4).default(1),
    startTime: hhmm,
    endTime: hhmm,
    validFrom: z.iso.date(),
    validTo: z.iso.date().nullable().default(null),
  })
  .refine((v) => v.endTime > v.startTime, { message: 'endTime after startTime', path: ['endTime'] })
  .refine((v) => !v.validTo || v.validTo >= v.validFrom, { message: 'validTo', path: ['validTo'] });
export const seriesOut = z.object({
  id: z.string(),
  venueId: z.string(),
  venueName: z.string(),
  spaceId: z.string(),
  spaceName: z.string(),
  kind: z.enum(SERVICE_KINDS),
  title: z.string(),
  providerName: z.string(),
  weekdays: z.array(z.number().int()),
  everyWeeks: z.number().int(),
  startTime: z.string(),
  endTime: z.string(),
  validFrom: z.string(),
  validTo: z.string().nullable(),
  active: z.boolean(),
  /** Sessions held so far and their visits. */
  sessionsHeld: z.number().int(),
  visits: z.number().int(),
  allowed,
});
export type SeriesOut = z.infer<typeof seriesOut>;
export const seriesList = z.object({ items: z.array(seriesOut) });
export const seriesQuery = z.object({ venueId: z.uuid().optional() });
export const seriesCreated = z.object({
  series: seriesOut,
  generated: z.number().int(),
  conflicts: z.number().int(),
});

export const sessionOut = z.object({
  id: z.string(),
  seriesId: z.string(),
  title: z.string(),
  kind: z.enum(SERVICE_KINDS),
  providerName: z.string(),
  venueId: z.string(),
  venueName: z.string(),
  spaceName: z.string(),
  startsAt: z.string(),
  endsAt: z.string(),
  state: z.enum(SESSION_STATES),
  visits: z.number().int().nullable(),
  visitorCount: z.number().int(),
  note: z.string().nullable(),
  /** Started: visits may be recorded; not started: it may be cancelled. */
  started: z.boolean(),
  allowed,
});
export type SessionOut = z.infer<typeof sessionOut>;
export const sessionList = z.object({ items: z.array(sessionOut) });
export const sessionQuery = z.object({
  venueId: z.uuid().optional(),
  seriesId: z.uuid().optional(),
  from: z.iso.datetime({ offset: true }),
  to: z.iso.datetime({ offset: true }),
  order: z.enum(['asc', 'desc']).default('asc'),
});
export const visitsIn = z.object({
  visits: z.number().int().min(0).max(1000),
  /** Optionally the residents served, by person id. */
  personIds: z.array(z.uuid()).max(500).default([]),
});
export const sessionCancelIn = z.object({ note: z.string().trim().max(200).default('') });

// Figures -----------------------------------------------------------------------------------------

export const visitFigureRow = z.object({
  venueId: z.string(),
  venueName: z.string(),
  month: z.string(),
  sessions: z.number().int(),
  visits: z.number().int(),
});
export type VisitFigureRow = z.infer<typeof visitFigureRow>;
export const visitFiguresQuery = z.object({
  orgUnitId: z.uuid().optional(),
  from: z.iso.date(),
  to: z.iso.date(),
});
export const visitFigures = z.object({ items: z.array(visitFigureRow) });
