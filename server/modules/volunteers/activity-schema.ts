import { sql } from 'drizzle-orm';
import {
  boolean,
  date,
  index,
  integer,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { createdAt, id, updatedAt } from '../../db/columns.ts';

/**
 * 志愿活动: organised by a volunteer team, a venue or a partner project, held at a community or a
 * compound, with a capacity, a sign-up deadline and a length (startsAt → endsAt) that caps the hours.
 * state: open → cancelled | finished (finished when the organiser confirms attendance).
 */
export const activity = pgTable(
  'activity',
  {
    id: id(),
    districtId: uuid('district_id').notNull(),
    orgUnitId: uuid('org_unit_id').notNull(),
    orgPath: text('org_path').notNull(),
    title: text('title').notNull(),
    description: text('description').notNull().default(''),
    kind: text('kind').notNull(),
    /** Organiser: exactly one of team / venue / partner project. */
    organiserKind: text('organiser_kind').notNull(), // team | venue | partner_project
    teamId: uuid('team_id'),
    venueId: uuid('venue_id'),
    partnerProjectId: uuid('partner_project_id'),
    place: text('place').notNull().default(''),
    startsAt: timestamp('starts_at', { withTimezone: true }).notNull(),
    endsAt: timestamp('ends_at', { withTimezone: true }).notNull(),
    capacity: integer('capacity').notNull(),
    signupDeadline: timestamp('signup_deadline', { withTimezone: true }),
    /** Do the confirmed hours earn points (rule C05)? */
    earnsPoints: boolean('earns_points').notNull().default(true),
    state: text('state').notNull().default('open'),
    cancelReason: text('cancel_reason'),
    confirmedAt: timestamp('confirmed_at', { withTimezone: true }),
    confirmedBy: uuid('confirmed_by'),
    confirmedByName: text('confirmed_by_name'),
    createdBy: uuid('created_by'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('activity_path_idx').using('btree', sql`${t.orgPath} text_pattern_ops`),
    index('activity_starts_idx').on(t.startsAt),
    index('activity_team_idx').on(t.teamId),
    index('activity_venue_idx').on(t.venueId),
  ],
);

/**
 * A person's place in an activity: confirmed (has a place) or waiting (in line by `queuedAt`), or
 * cancelled. One row per (activity, person); signing up again reuses it at the end of the line.
 */
export const activitySignup = pgTable(
  'activity_signup',
  {
    id: id(),
    activityId: uuid('activity_id')
      .notNull()
      .references(() => activity.id),
    personId: uuid('person_id').notNull(),
    userId: uuid('user_id'),
    name: text('name').notNull(),
    status: text('status').notNull(), // confirmed | waiting | cancelled
    queuedAt: timestamp('queued_at', { withTimezone: true }).notNull(),
    promotedAt: timestamp('promoted_at', { withTimezone: true }),
    cancelledAt: timestamp('cancelled_at', { withTimezone: true }),
    checkedInAt: timestamp('checked_in_at', { withTimezone: true }),
    checkedOutAt: timestamp('checked_out_at', { withTimezone: true }),
    /** Set when attendance is confirmed: present | absent. */
    attendance: text('attendance'),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('activity_signup_person_uq').on(t.activityId, t.personId),
    index('activity_signup_person_idx').on(t.personId),
  ],
);

/**
 * 志愿时长: the certified minutes of one person at one activity, written when the organiser confirms
 * attendance; unique per (activity, person). `claimId` is the points claim raised for them (C05), or
 * `claimSkipped` says why none was (no points for this activity, under an hour, monthly cap).
 */
export const volunteerHours = pgTable(
  'volunteer_hours',
  {
    id: id(),
    activityId: uuid('activity_id')
      .notNull()
      .references(() => activity.id),
    personId: uuid('person_id').notNull(),
    name: text('name').notNull(),
    districtId: uuid('district_id').notNull(),
    orgPath: text('org_path').notNull(),
    teamId: uuid('team_id'),
    venueId: uuid('venue_id'),
    partnerProjectId: uuid('partner_project_id'),
    minutes: integer('minutes').notNull(),
    deedDate: date('deed_date').notNull(),
    claimId: uuid('claim_id'),
    claimSkipped: text('claim_skipped'),
    confirmedBy: uuid('confirmed_by'),
    confirmedAt: timestamp('confirmed_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    uniqueIndex('volunteer_hours_activity_person_uq').on(t.activityId, t.personId),
    index('volunteer_hours_person_idx').on(t.personId, t.deedDate),
    index('volunteer_hours_path_idx').using('btree', sql`${t.orgPath} text_pattern_ops`),
  ],
);
