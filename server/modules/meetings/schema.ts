import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
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
import { createdAt, id, transitionColumns, updatedAt } from '../../db/columns.ts';

/** 议事主体: a standing body at a community, compound or building, with its members. */
export const deliberativeBody = pgTable(
  'deliberative_body',
  {
    id: id(),
    districtId: uuid('district_id').notNull(),
    orgUnitId: uuid('org_unit_id').notNull(),
    orgPath: text('org_path').notNull(),
    level: text('level').notNull(), // community | compound | building
    kind: text('kind').notNull(),
    name: text('name').notNull(),
    openToResidents: boolean('open_to_residents').notNull().default(false),
    active: boolean('active').notNull().default(true),
    createdAt: createdAt(),
  },
  (t) => [index('deliberative_body_path_idx').using('btree', sql`${t.orgPath} text_pattern_ops`)],
);

/** A member of a body: a person, a user (staff), a partner unit, or a name (物业公司, 业委会). */
export const bodyMember = pgTable(
  'body_member',
  {
    id: id(),
    bodyId: uuid('body_id')
      .notNull()
      .references(() => deliberativeBody.id),
    role: text('role').notNull(), // chair | secretary | member
    personId: uuid('person_id'),
    userId: uuid('user_id'),
    partnerUnitId: uuid('partner_unit_id'),
    name: text('name').notNull(),
    affiliation: text('affiliation').notNull().default(''),
    createdAt: createdAt(),
  },
  (t) => [index('body_member_body_idx').on(t.bodyId), index('body_member_person_idx').on(t.personId)],
);

/** A meeting of a body; its life is the transition table in meeting-machine.ts. */
export const meeting = pgTable(
  'meeting',
  {
    id: id(),
    districtId: uuid('district_id').notNull(),
    bodyId: uuid('body_id')
      .notNull()
      .references(() => deliberativeBody.id),
    orgUnitId: uuid('org_unit_id').notNull(),
    orgPath: text('org_path').notNull(),
    title: text('title').notNull(),
    venueId: uuid('venue_id'),
    startsAt: timestamp('starts_at', { withTimezone: true }).notNull(),
    endsAt: timestamp('ends_at', { withTimezone: true }).notNull(),
    state: text('state').notNull(),
    minutesText: text('minutes_text'),
    minutesDraftedBy: uuid('minutes_drafted_by'),
    minutesDraftedByName: text('minutes_drafted_by_name'),
    minutesDraftedAt: timestamp('minutes_drafted_at', { withTimezone: true }),
    minutesApprovedBy: uuid('minutes_approved_by'),
    minutesApprovedByName: text('minutes_approved_by_name'),
    minutesApprovedAt: timestamp('minutes_approved_at', { withTimezone: true }),
    /** Attendance when the minutes were written: { count, names }. */
    attendanceSnapshot: jsonb('attendance_snapshot').$type<{ count: number; names: string[] }>(),
    createdBy: uuid('created_by'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('meeting_path_idx').using('btree', sql`${t.orgPath} text_pattern_ops`),
    index('meeting_body_idx').on(t.bodyId, t.startsAt),
  ],
);

export const meetingEvent = pgTable(
  'meeting_event',
  {
    id: id(),
    meetingId: uuid('meeting_id')
      .notNull()
      .references(() => meeting.id),
    ...transitionColumns(),
  },
  (t) => [index('meeting_event_meeting_idx').on(t.meetingId, t.at)],
);

/** An agenda item: a case (议题来自群众点单), a livelihood project, or a free topic. */
export const agendaItem = pgTable(
  'agenda_item',
  {
    id: id(),
    meetingId: uuid('meeting_id')
      .notNull()
      .references(() => meeting.id),
    position: integer('position').notNull(),
    kind: text('kind').notNull(),
    caseId: uuid('case_id'),
    projectId: uuid('project_id'),
    title: text('title').notNull(),
    note: text('note').notNull().default(''),
    createdAt: createdAt(),
  },
  (t) => [index('agenda_item_meeting_idx').on(t.meetingId), index('agenda_item_case_idx').on(t.caseId)],
);

/** 报名: a member, or a resident of an open body's area, says they will come. */
export const meetingRegistration = pgTable(
  'meeting_registration',
  {
    id: id(),
    meetingId: uuid('meeting_id')
      .notNull()
      .references(() => meeting.id),
    /** `p:<personId>` or `u:<userId>`: one row per person, however they sign in. */
    attendeeKey: text('attendee_key').notNull(),
    personId: uuid('person_id'),
    userId: uuid('user_id'),
    name: text('name').notNull(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('meeting_registration_key_idx').on(t.meetingId, t.attendeeKey)],
);

/** 签到: one row per person and meeting, whatever the number of scans. */
export const meetingAttendance = pgTable(
  'meeting_attendance',
  {
    id: id(),
    meetingId: uuid('meeting_id')
      .notNull()
      .references(() => meeting.id),
    attendeeKey: text('attendee_key').notNull(),
    personId: uuid('person_id'),
    userId: uuid('user_id'),
    name: text('name').notNull(),
    member: boolean('member').notNull().default(false),
    via: text('via').notNull(), // qr | manual
    /** The time step of the rotating code that was scanned. */
    codeStep: bigint('code_step', { mode: 'number' }),
    at: timestamp('at', { withTimezone: true }).notNull(),
  },
  (t) => [uniqueIndex('meeting_attendance_key_idx').on(t.meetingId, t.attendeeKey)],
);

/** A decision of the meeting: dispatches a case, creates a task, or records a resolution. */
export const meetingDecision = pgTable(
  'meeting_decision',
  {
    id: id(),
    meetingId: uuid('meeting_id')
      .notNull()
      .references(() => meeting.id),
    agendaItemId: uuid('agenda_item_id'),
    kind: text('kind').notNull(),
    text: text('text').notNull(),
    caseId: uuid('case_id'),
    createdBy: uuid('created_by'),
    createdAt: createdAt(),
  },
  (t) => [index('meeting_decision_meeting_idx').on(t.meetingId)],
);

/** 会议任务: a decision's follow-up with owner and deadline, open → done with a result. */
export const meetingTask = pgTable(
  'meeting_task',
  {
    id: id(),
    districtId: uuid('district_id').notNull(),
    meetingId: uuid('meeting_id')
      .notNull()
      .references(() => meeting.id),
    decisionId: uuid('decision_id')
      .notNull()
      .references(() => meetingDecision.id),
    orgPath: text('org_path').notNull(),
    title: text('title').notNull(),
    ownerName: text('owner_name').notNull(),
    ownerUserId: uuid('owner_user_id'),
    dueOn: date('due_on').notNull(),
    state: text('state').notNull(),
    result: text('result'),
    doneAt: timestamp('done_at', { withTimezone: true }),
    doneBy: uuid('done_by'),
    createdAt: createdAt(),
  },
  (t) => [
    index('meeting_task_meeting_idx').on(t.meetingId),
    index('meeting_task_due_idx').on(t.state, t.dueOn),
    index('meeting_task_path_idx').using('btree', sql`${t.orgPath} text_pattern_ops`),
  ],
);
