import { z } from 'zod';
import { allowed, pageQuery, paged, queryBool } from './common.ts';

/** 志愿活动 kinds: 义诊, 理发, 法律咨询, 政策宣讲, 矛盾调解, 应急演练, 文化, 环境, 助老, 其他. */
export const ACTIVITY_KINDS = [
  'health_clinic',
  'haircut',
  'legal_advice',
  'policy_outreach',
  'mediation',
  'emergency_drill',
  'culture',
  'environment',
  'elderly_care',
  'other',
] as const;
export type ActivityKind = (typeof ACTIVITY_KINDS)[number];
export const ACTIVITY_STATES = ['open', 'cancelled', 'finished'] as const;
export type ActivityState = (typeof ACTIVITY_STATES)[number];
export const ORGANISER_KINDS = ['team', 'venue', 'partner_project'] as const;
export const SIGNUP_STATUSES = ['confirmed', 'waiting', 'cancelled'] as const;
export type SignupStatus = (typeof SIGNUP_STATUSES)[number];
/** What the actor may do to an activity, for the UI's buttons. */
export const ACTIVITY_ACTIONS = [
  'sign_up',
  'cancel_signup',
  'check_in',
  'check_out',
  'manage',
  'show_code',
  'confirm_attendance',
  'cancel',
] as const;
export type ActivityAction = (typeof ACTIVITY_ACTIONS)[number];

const organiserIn = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('team'), id: z.uuid() }),
  z.object({ kind: z.literal('venue'), id: z.uuid() }),
  z.object({ kind: z.literal('partner_project'), id: z.uuid() }),
]);

const activityFields = z.object({
  title: z.string().trim().min(2).max(100),
  description: z.string().trim().max(4000).default(''),
  kind: z.enum(ACTIVITY_KINDS),
  place: z.string().trim().max(200).default(''),
  startsAt: z.iso.datetime({ offset: true }),
  endsAt: z.iso.datetime({ offset: true }),
  capacity: z.number().int().min(1).max(10_000),
  signupDeadline: z.iso.datetime({ offset: true }).nullable().optional(),
  earnsPoints: z.boolean().default(true),
});
export const activityIn = activityFields.extend({
  /** A community or a compound. */
  orgUnitId: z.uuid(),
  organiser: organiserIn,
});
export type ActivityIn = z.infer<typeof activityIn>;
export const activityUpdate = activityFields.partial();
export type ActivityUpdate = z.infer<typeof activityUpdate>;
export const activityCancel = z.object({ reason: z.string().trim().min(2).max(500) });

export const activityQuery = pageQuery.extend({
  q: z.string().trim().max(100).optional(),
  kind: z.enum(ACTIVITY_KINDS).optional(),
  state: z.enum(ACTIVITY_STATES).optional(),
  from: z.iso.date().optional(),
  to: z.iso.date().optional(),
  /** Only activities the actor has signed up for (confirmed or waiting). */
  mine: queryBool.optional(),
  /** Only activities not yet over. */
  upcoming: queryBool.optional(),
  teamId: z.uuid().optional(),
  venueId: z.uuid().optional(),
  partnerProjectId: z.uuid().optional(),
  orgUnitId: z.uuid().optional(),
});

export const activitySummary = z.object({
  id: z.uuid(),
  title: z.string(),
  kind: z.enum(ACTIVITY_KINDS),
  state: z.enum(ACTIVITY_STATES),
  orgUnitId: z.uuid(),
  orgUnitName: z.string(),
  organiserKind: z.enum(ORGANISER_KINDS),
  organiserId: z.uuid(),
  organiserName: z.string(),
  place: z.string(),
  startsAt: z.string(),
  endsAt: z.string(),
  capacity: z.number().int(),
  confirmed: z.number().int(),
  waiting: z.number().int(),
  placesLeft: z.number().int(),
  signupDeadline: z.string().nullable(),
  earnsPoints: z.boolean(),
  /** The actor's own sign-up: status and, when waiting, their position in line (1 = next). */
  myStatus: z.enum(SIGNUP_STATUSES).nullable(),
  myPosition: z.number().int().nullable(),
});
export type ActivitySummary = z.infer<typeof activitySummary>;
export const activityPage = paged(activitySummary);

export const signupOut = z.object({
  id: z.uuid(),
  personId: z.uuid(),
  name: z.string(),
  status: z.enum(SIGNUP_STATUSES),
  position: z.number().int().nullable(),
  queuedAt: z.string(),
  checkedInAt: z.string().nullable(),
  checkedOutAt: z.string().nullable(),
  attendance: z.enum(['present', 'absent']).nullable(),
  /** Minutes from the check-in/out, capped by the activity's length; null before check-out. */
  minutes: z.number().int().nullable(),
});
export type SignupOut = z.infer<typeof signupOut>;

export const activityOut = activitySummary.extend({
  description: z.string(),
  cancelReason: z.string().nullable(),
  confirmedAt: z.string().nullable(),
  confirmedByName: z.string().nullable(),
  /** Length of the activity in minutes: the cap of anyone's hours. */
  lengthMinutes: z.number().int(),
  checkedIn: z.number().int(),
  /** The sign-ups, for the organiser only (empty for others). */
  signups: z.array(signupOut),
  mySignup: signupOut.nullable(),
  actions: z.array(z.enum(ACTIVITY_ACTIONS)),
  allowed,
});
export type ActivityOut = z.infer<typeof activityOut>;

export const capacityIn = z.object({ capacity: z.number().int().min(1).max(10_000) });

export const attendanceIn = z.object({
  /** Per-person adjustments; everyone else checked in and out is confirmed as recorded. */
  adjustments: z
    .array(
      z.object({
        personId: z.uuid(),
        absent: z.boolean().optional(),
        /** Corrected minutes, 0 … the activity's length. */
        minutes: z
          .number()
          .int()
          .min(0)
          .max(24 * 60)
          .optional(),
      }),
    )
    .max(10_000)
    .default([]),
});
export type AttendanceIn = z.infer<typeof attendanceIn>;

export const QR_PURPOSES = ['checkin', 'checkout'] as const;
export const activityCodeQuery = z.object({ purpose: z.enum(QR_PURPOSES).default('checkin') });
export const activityCodeOut = z.object({
  purpose: z.enum(QR_PURPOSES),
  code: z.string(),
  link: z.string(),
  qrSvg: z.string(),
  refreshInSeconds: z.number().int(),
  stepSeconds: z.number().int(),
  checkedIn: z.number().int(),
  checkedOut: z.number().int(),
  confirmed: z.number().int(),
});
export const activityScanIn = z.object({ code: z.string().trim().min(4).max(40) });
export const activityScanOut = z.object({
  purpose: z.enum(QR_PURPOSES),
  already: z.boolean(),
  at: z.string(),
  minutes: z.number().int().nullable(),
});

export const hoursRow = z.object({
  id: z.uuid(),
  activityId: z.uuid(),
  activityTitle: z.string(),
  kind: z.enum(ACTIVITY_KINDS),
  deedDate: z.string(),
  minutes: z.number().int(),
  /** The points claim (C05) raised for these hours; its state is the points module's (GET /api/points/claims). */
  claimId: z.uuid().nullable(),
  /** Why no claim was raised: no_points (the activity earns none), under_an_hour, or a points error code. */
  claimSkipped: z.string().nullable(),
});
export const myHoursQuery = pageQuery.extend({
  year: z.coerce.number().int().min(2000).max(2100).optional(),
});
export const myHoursOut = paged(hoursRow).extend({
  year: z.number().int(),
  yearMinutes: z.number().int(),
  yearActivities: z.number().int(),
});
