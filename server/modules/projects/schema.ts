import { sql } from 'drizzle-orm';
import {
  bigint,
  check,
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
import { createdAt, id, textArray, updatedAt } from '../../db/columns.ts';

export type TaskForceMember = {
  name: string;
  unit: string;
  role: string;
  kind: 'official' | 'resident';
  userId: string | null;
  personId: string | null;
};

/** 一事一策: a task force's plan for one long-standing problem, optionally born of a case. */
export const projectPlan = pgTable(
  'project_plan',
  {
    id: id(),
    districtId: uuid('district_id').notNull(),
    orgUnitId: uuid('org_unit_id').notNull(),
    orgPath: text('org_path').notNull(),
    caseId: uuid('case_id'),
    title: text('title').notNull(),
    problem: text('problem').notNull(),
    goal: text('goal').notNull(),
    taskForce: jsonb('task_force').$type<TaskForceMember[]>().notNull().default([]),
    state: text('state').notNull().default('draft'), // draft | published | done
    publishedAt: timestamp('published_at', { withTimezone: true }),
    doneAt: timestamp('done_at', { withTimezone: true }),
    createdBy: uuid('created_by'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index('project_plan_path_idx').on(t.orgPath)],
);

/** 暖心实项目: one line of a community's (or subdistrict's) yearly list. */
export const livelihoodProject = pgTable(
  'livelihood_project',
  {
    id: id(),
    districtId: uuid('district_id').notNull(),
    orgUnitId: uuid('org_unit_id').notNull(),
    orgPath: text('org_path').notNull(),
    year: integer('year').notNull(),
    number: integer('number').notNull(),
    title: text('title').notNull(),
    category: text('category').notNull(),
    description: text('description').notNull().default(''),
    responsibleUnit: text('responsible_unit').notNull(),
    partnerUnitId: uuid('partner_unit_id'),
    departmentId: uuid('department_id'),
    leadName: text('lead_name').notNull(),
    /** Asia/Shanghai calendar date. */
    deadline: date('deadline', { mode: 'string' }).notNull(),
    budgetFen: bigint('budget_fen', { mode: 'number' }).notNull(),
    spentFen: bigint('spent_fen', { mode: 'number' }).notNull().default(0),
    state: text('state').notNull().default('planned'), // planned | in_progress | done
    startedAt: timestamp('started_at', { withTimezone: true }),
    doneAt: timestamp('done_at', { withTimezone: true }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('livelihood_project_number_idx').on(t.orgUnitId, t.year, t.number),
    index('livelihood_project_path_idx').on(t.orgPath, t.year),
    index('livelihood_project_deadline_idx').on(t.deadline),
    check('livelihood_project_budget_ck', sql`${t.budgetFen} >= 0 and ${t.spentFen} >= 0`),
  ],
);

/** A milestone of a plan or of a project (exactly one of the two). */
export const projectMilestone = pgTable(
  'project_milestone',
  {
    id: id(),
    planId: uuid('plan_id').references(() => projectPlan.id, { onDelete: 'cascade' }),
    projectId: uuid('project_id').references(() => livelihoodProject.id, { onDelete: 'cascade' }),
    seq: integer('seq').notNull(),
    title: text('title').notNull(),
    ownerName: text('owner_name').notNull().default(''),
    dueDate: date('due_date', { mode: 'string' }).notNull(),
    doneAt: timestamp('done_at', { withTimezone: true }),
    note: text('note').notNull().default(''),
  },
  (t) => [
    index('project_milestone_plan_idx').on(t.planId),
    index('project_milestone_project_idx').on(t.projectId),
    check('project_milestone_owner_ck', sql`(${t.planId} is null) <> (${t.projectId} is null)`),
  ],
);

/** A progress update (with photos) of a plan or a project; the history rows of both. */
export const projectUpdate = pgTable(
  'project_update',
  {
    id: id(),
    planId: uuid('plan_id').references(() => projectPlan.id, { onDelete: 'cascade' }),
    projectId: uuid('project_id').references(() => livelihoodProject.id, { onDelete: 'cascade' }),
    action: text('action').notNull().default('progress'), // progress | start | complete | publish | reopen
    note: text('note').notNull(),
    photoIds: textArray('photo_ids'),
    spentFen: bigint('spent_fen', { mode: 'number' }),
    actorUserId: uuid('actor_user_id'),
    actorName: text('actor_name').notNull(),
    at: timestamp('at', { withTimezone: true }).notNull(),
  },
  (t) => [
    index('project_update_plan_idx').on(t.planId),
    index('project_update_project_idx').on(t.projectId),
    index('project_update_photo_idx').using('gin', t.photoIds),
  ],
);

/** A resident's rating of a finished project: one per resident and project, by a unique key. */
export const projectRating = pgTable(
  'project_rating',
  {
    id: id(),
    projectId: uuid('project_id')
      .notNull()
      .references(() => livelihoodProject.id, { onDelete: 'cascade' }),
    personId: uuid('person_id').notNull(),
    userId: uuid('user_id'),
    score: integer('score').notNull(),
    comment: text('comment').notNull().default(''),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('project_rating_once_idx').on(t.projectId, t.personId),
    check('project_rating_score_ck', sql`${t.score} between 1 and 5`),
  ],
);
