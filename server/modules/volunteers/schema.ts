import { sql } from 'drizzle-orm';
import { boolean, index, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { createdAt, id, textArray, updatedAt } from '../../db/columns.ts';

/** 志愿服务队: e.g. 红色志愿服务队 at a community, or a compound's own team. */
export const volunteerTeam = pgTable(
  'volunteer_team',
  {
    id: id(),
    districtId: uuid('district_id').notNull(),
    /** A community or a compound. */
    orgUnitId: uuid('org_unit_id').notNull(),
    orgPath: text('org_path').notNull(),
    name: text('name').notNull(),
    description: text('description').notNull().default(''),
    active: boolean('active').notNull().default(true),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index('volunteer_team_path_idx').using('btree', sql`${t.orgPath} text_pattern_ops`)],
);

/** 志愿服务岗位 of a team: 政策宣讲, 矛盾调解, 健康义诊, 应急救援 …, with the skills it needs. */
export const volunteerPost = pgTable(
  'volunteer_post',
  {
    id: id(),
    teamId: uuid('team_id')
      .notNull()
      .references(() => volunteerTeam.id),
    kind: text('kind').notNull(),
    name: text('name').notNull(),
    description: text('description').notNull().default(''),
    skills: textArray('skills'),
    active: boolean('active').notNull().default(true),
    createdAt: createdAt(),
  },
  (t) => [index('volunteer_post_team_idx').on(t.teamId)],
);

/**
 * A person's volunteer profile (志愿者): skills, when they are free, a short intro. `org_path` is the
 * person's own path when they registered (their building), so staff lists filter by scope in SQL.
 */
export const volunteer = pgTable(
  'volunteer',
  {
    id: id(),
    districtId: uuid('district_id').notNull(),
    personId: uuid('person_id').notNull(),
    orgPath: text('org_path').notNull(),
    skills: textArray('skills'),
    availability: textArray('availability'),
    intro: text('intro').notNull().default(''),
    active: boolean('active').notNull().default(true),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('volunteer_person_idx').on(t.personId),
    index('volunteer_path_idx').using('btree', sql`${t.orgPath} text_pattern_ops`),
  ],
);

/** Membership of a volunteer in a team, optionally on a post; `left_at` ends it (history is kept). */
export const volunteerMember = pgTable(
  'volunteer_member',
  {
    id: id(),
    teamId: uuid('team_id')
      .notNull()
      .references(() => volunteerTeam.id),
    volunteerId: uuid('volunteer_id')
      .notNull()
      .references(() => volunteer.id),
    postId: uuid('post_id').references(() => volunteerPost.id),
    /** leader | member */
    role: text('role').notNull().default('member'),
    joinedAt: timestamp('joined_at', { withTimezone: true }).notNull(),
    leftAt: timestamp('left_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('volunteer_member_current_idx').on(t.teamId, t.volunteerId).where(sql`${t.leftAt} is null`),
    index('volunteer_member_volunteer_idx').on(t.volunteerId),
  ],
);
