import { sql } from 'drizzle-orm';
import {
  bigserial,
  boolean,
  doublePrecision,
  index,
  integer,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { createdAt, id, textArray, transitionColumns, updatedAt } from '../../db/columns.ts';

/**
 * A community's (or subdistrict's, district's) own version of a case category: its SLAs and the points
 * rule a valid report earns. Without a row, the built-in catalogue in categories.ts applies.
 */
export const caseCategory = pgTable(
  'case_category',
  {
    id: id(),
    districtId: uuid('district_id').notNull(),
    orgPath: text('org_path').notNull(),
    code: text('code').notNull(),
    name: text('name').notNull(),
    kinds: textArray('kinds'),
    ruleCode: text('rule_code'),
    checkHours: integer('check_hours').notNull(),
    acceptHours: integer('accept_hours').notNull(),
    resolveHours: integer('resolve_hours').notNull(),
    respondHours: integer('respond_hours').notNull(),
    /**
     * Emergencies count in seconds (1分钟响应、5分钟到位): the acknowledge and on-site targets of this
     * category's emergency reports. Null: the built-in 60 s / 300 s. A community (or the subdistrict,
     * district) tightens or relaxes them by overriding the category, like every other SLA.
     */
    respondSeconds: integer('respond_seconds'),
    arriveSeconds: integer('arrive_seconds'),
    rateDays: integer('rate_days').notNull(),
    active: boolean('active').notNull().default(true),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('case_category_code_idx').on(t.orgPath, t.code)],
);

/** A case (群众点单): from report through check, the three matters, the four orders, to rating. */
export const civicCase = pgTable(
  'civic_case',
  {
    id: id(),
    districtId: uuid('district_id').notNull(),
    communityId: uuid('community_id').notNull(),
    /** The place: a building, compound or community. */
    orgUnitId: uuid('org_unit_id').notNull(),
    orgPath: text('org_path').notNull(),
    /** The reporter's household, when a resident reported it. */
    householdId: uuid('household_id'),
    kind: text('kind').notNull(),
    categoryCode: text('category_code').notNull(),
    categoryName: text('category_name').notNull(),
    description: text('description').notNull(),
    photoIds: textArray('photo_ids'),
    address: text('address'),
    lat: doublePrecision('lat'),
    lng: doublePrecision('lng'),
    anonymous: boolean('anonymous').notNull().default(false),
    reporterUserId: uuid('reporter_user_id'),
    reporterPersonId: uuid('reporter_person_id'),
    reporterName: text('reporter_name').notNull(),
    reportedVia: text('reported_via').notNull(), // resident | party_member | grid_worker | building_leader | staff
    state: text('state').notNull(),
    matterLevel: text('matter_level'), // building | compound | community
    duplicateOfId: uuid('duplicate_of_id'),
    checkedBy: uuid('checked_by'),
    checkDueAt: timestamp('check_due_at', { withTimezone: true }).notNull(),
    dispatcherUserId: uuid('dispatcher_user_id'),
    assigneeType: text('assignee_type'),
    assigneePersonId: uuid('assignee_person_id'),
    assigneeRef: text('assignee_ref'),
    assigneeName: text('assignee_name'),
    acceptDueAt: timestamp('accept_due_at', { withTimezone: true }),
    resolveDueAt: timestamp('resolve_due_at', { withTimezone: true }),
    completedAt: timestamp('completed_at', { withTimezone: true }),
    rateDays: integer('rate_days').notNull().default(7),
    rating: integer('rating'),
    ratingComment: text('rating_comment'),
    closedAt: timestamp('closed_at', { withTimezone: true }),
    closeReason: text('close_reason'), // rated | unrated
    resolution: text('resolution'), // resolved_locally | escalated
    /** A whistle went overdue and the subdistrict was called in. */
    escalatedAt: timestamp('escalated_at', { withTimezone: true }),
    /** The meeting whose agenda carries the case (deliberation module, later). */
    meetingId: uuid('meeting_id'),
    pointsClaimId: text('points_claim_id'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('civic_case_path_idx').using('btree', sql`${t.orgPath} text_pattern_ops`),
    index('civic_case_state_idx').on(t.communityId, t.state),
    index('civic_case_category_idx').on(t.categoryCode, t.createdAt),
    index('civic_case_reporter_idx').on(t.reporterUserId),
    // Who may see a photo: the cases it is attached to (file-reader.ts).
    index('civic_case_photo_idx').using('gin', t.photoIds),
  ],
);

/** The case's timeline: every transition, who made it, with notes and photos. */
export const caseEvent = pgTable(
  'case_event',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => civicCase.id, { onDelete: 'cascade' }),
    ...transitionColumns(),
    photoIds: textArray('photo_ids'),
  },
  (t) => [
    index('case_event_case_idx').on(t.caseId, t.id),
    index('case_event_photo_idx').using('gin', t.photoIds),
  ],
);

/** 社区吹哨、部门报到: one row per department whistled for a case. */
export const caseWhistle = pgTable(
  'case_whistle',
  {
    id: id(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => civicCase.id, { onDelete: 'cascade' }),
    districtId: uuid('district_id').notNull(),
    orgPath: text('org_path').notNull(),
    departmentId: uuid('department_id').notNull(),
    departmentName: text('department_name').notNull(),
    summary: text('summary').notNull(),
    deadline: timestamp('deadline', { withTimezone: true }).notNull(),
    respondDueAt: timestamp('respond_due_at', { withTimezone: true }).notNull(),
    state: text('state').notNull(), // whistled | reported_in | resolved
    whistledBy: uuid('whistled_by'),
    reportedInBy: uuid('reported_in_by'),
    reportedInAt: timestamp('reported_in_at', { withTimezone: true }),
    actionTaken: text('action_taken'),
    result: text('result'),
    resolvedBy: uuid('resolved_by'),
    resolvedAt: timestamp('resolved_at', { withTimezone: true }),
    escalatedAt: timestamp('escalated_at', { withTimezone: true }),
    escalatedToId: uuid('escalated_to_id'),
    createdAt: createdAt(),
  },
  (t) => [
    index('case_whistle_department_idx').on(t.departmentId, t.state),
    uniqueIndex('case_whistle_once_idx').on(t.caseId, t.departmentId),
  ],
);

/**
 * A deadline of a case (the SLA engine): started in the transaction of the move that starts it, met or
 * cancelled by the move that ends it, breached by the scheduler's scan (sla.ts). Being rows, timers
 * survive a restart; the conditional update `where state = 'pending'` makes every end happen once.
 */
export const caseTimer = pgTable(
  'case_timer',
  {
    id: id(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => civicCase.id, { onDelete: 'cascade' }),
    /** A department's report-in (respond) or result (resolve) for one whistle. */
    whistleId: uuid('whistle_id').references(() => caseWhistle.id, { onDelete: 'cascade' }),
    kind: text('kind').notNull(), // check | accept | respond | arrive | resolve
    startedAt: timestamp('started_at', { withTimezone: true }).notNull(),
    dueAt: timestamp('due_at', { withTimezone: true }).notNull(),
    state: text('state').notNull().default('pending'), // pending | met | breached | cancelled
    metAt: timestamp('met_at', { withTimezone: true }),
    metBy: uuid('met_by'),
    breachedAt: timestamp('breached_at', { withTimezone: true }),
    cancelledAt: timestamp('cancelled_at', { withTimezone: true }),
    /** Who was told: at the start (an emergency's first responders) and on a breach (escalation). */
    notifiedUserIds: textArray('notified_user_ids'),
    /** Where a breach went: 'level', 'community', 'subdistrict' (escalation bookkeeping). */
    escalatedTo: textArray('escalated_to'),
    createdAt: createdAt(),
  },
  (t) => [
    index('case_timer_due_idx').on(t.dueAt).where(sql`${t.state} = 'pending'`),
    index('case_timer_case_idx').on(t.caseId),
  ],
);

/** 值班表: who is on duty for a community's emergencies, and when (starts_at ≤ now < ends_at). */
export const dutyRoster = pgTable(
  'duty_roster',
  {
    id: id(),
    communityId: uuid('community_id').notNull(),
    orgPath: text('org_path').notNull(),
    userId: uuid('user_id').notNull(),
    startsAt: timestamp('starts_at', { withTimezone: true }).notNull(),
    endsAt: timestamp('ends_at', { withTimezone: true }).notNull(),
    note: text('note'),
    createdBy: uuid('created_by'),
    createdAt: createdAt(),
  },
  (t) => [index('duty_roster_community_idx').on(t.communityId, t.endsAt)],
);
