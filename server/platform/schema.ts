import { sql } from 'drizzle-orm';
import {
  bigint,
  bigserial,
  boolean,
  index,
  integer,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { createdAt, id } from '../db/columns.ts';

/** A person who can sign in. `person_id` links a resident's account to their roster entry. */
export const userAccount = pgTable('user_account', {
  id: id(),
  phone: text('phone').notNull().unique(),
  passwordHash: text('password_hash').notNull(),
  displayName: text('display_name').notNull(),
  personId: uuid('person_id'),
  disabledAt: timestamp('disabled_at', { withTimezone: true }),
  createdAt: createdAt(),
});

/**
 * A role granted at an org unit; it reaches the unit's subtree. `org_path` is copied from the unit
 * so scope checks need no join. A resident grant also names the one household it reaches.
 */
export const roleGrant = pgTable(
  'role_grant',
  {
    id: id(),
    userId: uuid('user_id')
      .notNull()
      .references(() => userAccount.id, { onDelete: 'cascade' }),
    role: text('role').notNull(),
    orgUnitId: uuid('org_unit_id').notNull(),
    orgPath: text('org_path').notNull(),
    householdId: uuid('household_id'),
    departmentId: uuid('department_id'),
    /** For provider_staff: the shop provider (a partner unit, merchant, property company) they serve. */
    providerId: uuid('provider_id'),
    createdAt: createdAt(),
  },
  (t) => [index('role_grant_user_idx').on(t.userId)],
);

/** Opaque session: only the SHA-256 of the token is stored. */
export const session = pgTable(
  'session',
  {
    id: id(),
    tokenHash: text('token_hash').notNull(),
    userId: uuid('user_id')
      .notNull()
      .references(() => userAccount.id, { onDelete: 'cascade' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    endedAt: timestamp('ended_at', { withTimezone: true }),
    ip: text('ip'),
    userAgent: text('user_agent'),
  },
  (t) => [uniqueIndex('session_token_hash_idx').on(t.tokenHash), index('session_user_idx').on(t.userId)],
);

/**
 * Append-only, hash-chained per district: `hash = sha256(prev_hash + canonical fields)`.
 * A trigger (migration 0001) refuses UPDATE and DELETE.
 */
export const auditEvent = pgTable(
  'audit_event',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    districtId: uuid('district_id').notNull(),
    seq: bigint('seq', { mode: 'number' }).notNull(),
    actorUserId: uuid('actor_user_id'),
    actorName: text('actor_name'),
    action: text('action').notNull(),
    subjectType: text('subject_type').notNull(),
    subjectId: text('subject_id').notNull(),
    orgUnitId: uuid('org_unit_id'),
    orgPath: text('org_path').notNull(),
    summary: text('summary').notNull(),
    requestId: text('request_id'),
    ip: text('ip'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    prevHash: text('prev_hash').notNull(),
    hash: text('hash').notNull(),
  },
  (t) => [
    uniqueIndex('audit_event_chain_idx').on(t.districtId, t.seq),
    index('audit_event_path_idx').on(t.orgPath),
  ],
);

/** The head of each district's chain; locked FOR UPDATE while appending so the chain never forks. */
export const auditChainHead = pgTable('audit_chain_head', {
  districtId: uuid('district_id').primaryKey(),
  seq: bigint('seq', { mode: 'number' }).notNull(),
  hash: text('hash').notNull(),
});

/** One row per (job, period): whichever node inserts it runs that period. */
export const jobRun = pgTable(
  'job_run',
  {
    job: text('job').notNull(),
    period: text('period').notNull(),
    startedAt: createdAt(),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
    attempts: integer('attempts').notNull().default(1),
  },
  (t) => [uniqueIndex('job_run_key').on(t.job, t.period)],
);

/** An uploaded file (evidence photos). Visible to whoever sees `org_path` (and, for a resident, their household). */
export const fileObject = pgTable(
  'file_object',
  {
    id: id(),
    storageKey: text('storage_key').notNull(),
    mime: text('mime').notNull(),
    size: integer('size').notNull(),
    orgPath: text('org_path').notNull(),
    householdId: uuid('household_id'),
    uploadedBy: uuid('uploaded_by'),
    createdAt: createdAt(),
  },
  (t) => [index('file_object_path_idx').on(t.orgPath)],
);

/**
 * The in-app inbox: one row per recipient of a notice. Written in the transaction of the command
 * that causes it, so a rolled-back change notifies nobody. `dedupe_key` makes a re-run (a scheduler
 * retry) send nothing twice to the same person.
 */
export const notification = pgTable(
  'notification',
  {
    id: id(),
    recipientUserId: uuid('recipient_user_id')
      .notNull()
      .references(() => userAccount.id, { onDelete: 'cascade' }),
    kind: text('kind').notNull(),
    title: text('title').notNull(),
    body: text('body'),
    link: text('link'),
    subjectType: text('subject_type'),
    subjectId: text('subject_id'),
    urgent: boolean('urgent').notNull().default(false),
    dedupeKey: text('dedupe_key'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    readAt: timestamp('read_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('notification_dedupe_idx')
      .on(t.recipientUserId, t.dedupeKey)
      .where(sql`${t.dedupeKey} is not null`),
    index('notification_inbox_idx').on(t.recipientUserId, t.readAt, t.createdAt),
  ],
);

/**
 * Deliveries of a notification to an external channel (SMS, WeChat …), run after commit by
 * `deliverOutbox`. `next_attempt_at` is null once sent or given up; while a delivery is in flight it
 * holds the time a crashed sender's claim lapses.
 */
export const outbox = pgTable(
  'outbox',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    notificationId: uuid('notification_id')
      .notNull()
      .references(() => notification.id, { onDelete: 'cascade' }),
    channel: text('channel').notNull(),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true }),
    sentAt: timestamp('sent_at', { withTimezone: true }),
    lastError: text('last_error'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    index('outbox_due_idx').on(t.nextAttemptAt).where(sql`${t.nextAttemptAt} is not null`),
    index('outbox_notification_idx').on(t.notificationId),
  ],
);
