import { sql } from 'drizzle-orm';
import {
  check,
  date,
  index,
  integer,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { createdAt, id, textArray, transitionColumns, updatedAt } from '../../db/columns.ts';

/**
 * A 幸福家园合伙人: a resident who offers a talent to the community. One row per person; the org
 * unit is the compound they live in, so community staff over it review them.
 */
export const partner = pgTable(
  'partner',
  {
    id: id(),
    districtId: uuid('district_id').notNull(),
    orgUnitId: uuid('org_unit_id').notNull(),
    orgPath: text('org_path').notNull(),
    personId: uuid('person_id').notNull(),
    talents: textArray('talents'),
    talentNote: text('talent_note').notNull().default(''),
    intro: text('intro').notNull().default(''),
    state: text('state').notNull().default('pending'),
    reason: text('reason'),
    decidedByName: text('decided_by_name'),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    appliedAt: timestamp('applied_at', { withTimezone: true }).notNull(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('partner_person_uq').on(t.personId),
    index('partner_path_idx').using('btree', sql`${t.orgPath} text_pattern_ops`),
    index('partner_talents_idx').using('gin', t.talents),
  ],
);

/** A cooperative project (合作项目) run by partners for a community or compound. */
export const partnerProject = pgTable(
  'partner_project',
  {
    id: id(),
    districtId: uuid('district_id').notNull(),
    orgUnitId: uuid('org_unit_id').notNull(),
    orgPath: text('org_path').notNull(),
    title: text('title').notNull(),
    description: text('description').notNull().default(''),
    kind: text('kind').notNull(),
    state: text('state').notNull().default('proposed'),
    targetParticipants: text('target_participants').notNull().default(''),
    capacity: integer('capacity'),
    participantCount: integer('participant_count').notNull().default(0),
    startsOn: date('starts_on'),
    endsOn: date('ends_on'),
    proposedByPersonId: uuid('proposed_by_person_id'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('partner_project_path_idx').using('btree', sql`${t.orgPath} text_pattern_ops`),
    index('partner_project_state_idx').on(t.state),
    // The counter the join command bumps conditionally; the check is the last line of defence.
    check(
      'partner_project_capacity_ck',
      sql`${t.capacity} is null or ${t.participantCount} <= ${t.capacity}`,
    ),
    check('partner_project_count_ck', sql`${t.participantCount} >= 0`),
  ],
);

/** The approved partners who lead a project. */
export const partnerProjectLead = pgTable(
  'partner_project_lead',
  {
    projectId: uuid('project_id')
      .notNull()
      .references(() => partnerProject.id),
    partnerId: uuid('partner_id')
      .notNull()
      .references(() => partner.id),
    personId: uuid('person_id').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.projectId, t.partnerId] }),
    index('partner_project_lead_person_idx').on(t.personId),
  ],
);

/** Residents taking part in a project; leaving keeps the row (left_at) so the history shows it. */
export const partnerProjectParticipant = pgTable(
  'partner_project_participant',
  {
    projectId: uuid('project_id')
      .notNull()
      .references(() => partnerProject.id),
    personId: uuid('person_id').notNull(),
    joinedAt: timestamp('joined_at', { withTimezone: true }).notNull(),
    leftAt: timestamp('left_at', { withTimezone: true }),
  },
  (t) => [
    primaryKey({ columns: [t.projectId, t.personId] }),
    index('partner_project_participant_person_idx').on(t.personId),
  ],
);

/** Every move of a project through its states. */
export const partnerProjectHistory = pgTable(
  'partner_project_history',
  {
    id: id(),
    projectId: uuid('project_id')
      .notNull()
      .references(() => partnerProject.id),
    ...transitionColumns(),
  },
  (t) => [index('partner_project_history_project_idx').on(t.projectId, t.at)],
);
