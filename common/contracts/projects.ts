import { z } from 'zod';
import { allowed, pageQuery, paged, queryBool } from './common.ts';

// 一事一策 (case plans) and 暖心实项目 (livelihood projects): the seed's "对历史遗留问题，成立专班
// '一事一策'攻坚并公示进度" and "分解为…100个暖心实项目，明确责任主体与完成时限。建立'周调度、月研判、
// 季总结'工作机制". Money is integer fen; dates are Asia/Shanghai calendar dates (YYYY-MM-DD).

export const PLAN_STATES = ['draft', 'published', 'done'] as const;
export type PlanState = (typeof PLAN_STATES)[number];
export const PLAN_ACTIONS = ['publish', 'complete', 'reopen'] as const;

export const PROJECT_STATES = ['planned', 'in_progress', 'done'] as const;
export type ProjectState = (typeof PROJECT_STATES)[number];
export const PROJECT_ACTIONS = ['start', 'complete', 'reopen'] as const;

export const PROJECT_CATEGORIES = [
  'service', // 为民服务
  'environment', // 环境整治
  'facility', // 设施改造
  'culture', // 文化活动
  'safety', // 平安建设
  'elderly_child', // 一老一小
  'employment', // 就业帮扶
] as const;
export type ProjectCategory = (typeof PROJECT_CATEGORIES)[number];

export const CATEGORY_LABELS: Record<ProjectCategory, { zh: string; en: string }> = {
  service: { zh: '为民服务', en: 'Services for residents' },
  environment: { zh: '环境整治', en: 'Environment' },
  facility: { zh: '设施改造', en: 'Facilities' },
  culture: { zh: '文化活动', en: 'Culture' },
  safety: { zh: '平安建设', en: 'Safety' },
  elderly_child: { zh: '一老一小', en: 'Elderly and children' },
  employment: { zh: '就业帮扶', en: 'Employment' },
};

const isoDate = z.iso.date();
const text = (max: number) => z.string().trim().min(1).max(max);
const optText = (max: number) => z.string().trim().max(max).default('');
const photoIds = z.array(z.uuid()).max(9).default([]);

// ——— milestones and progress updates (shared by plans and projects) ———

export const milestoneIn = z.object({
  /** Present when editing an existing milestone; its done state is kept. */
  id: z.uuid().optional(),
  title: text(120),
  ownerName: optText(40),
  dueDate: isoDate,
  note: optText(500),
});
export const milestoneOut = z.object({
  id: z.uuid(),
  seq: z.number().int(),
  title: z.string(),
  ownerName: z.string(),
  dueDate: z.string(),
  doneAt: z.string().nullable(),
  note: z.string(),
  overdue: z.boolean(),
});
export const milestoneMark = z.object({ done: z.boolean(), note: z.string().trim().max(500).optional() });

export const updateIn = z.object({
  note: text(2000),
  photoIds,
  /** Projects only: the money spent so far, in fen (the running total, not an increment). */
  spentFen: z.number().int().min(0).max(10_000_000_000).optional(),
});
export const updateOut = z.object({
  id: z.uuid(),
  note: z.string(),
  photoIds: z.array(z.string()),
  spentFen: z.number().int().nullable(),
  actorName: z.string(),
  at: z.string(),
});

// ——— 一事一策 ———

export const TASK_FORCE_KINDS = ['official', 'resident'] as const;
export const taskForceMember = z.object({
  name: text(40),
  unit: optText(80),
  role: optText(40),
  /** official: a cadre or unit staff, named in public; resident: a private person, masked in public. */
  kind: z.enum(TASK_FORCE_KINDS).default('official'),
  userId: z.uuid().nullable().default(null),
  personId: z.uuid().nullable().default(null),
});

export const planIn = z.object({
  orgUnitId: z.uuid(),
  caseId: z.uuid().nullable().default(null),
  title: text(120),
  problem: text(4000),
  goal: text(2000),
  taskForce: z.array(taskForceMember).max(50).default([]),
  milestones: z.array(milestoneIn).max(50).default([]),
});
export const planUpdate = z
  .object({
    caseId: z.uuid().nullable(),
    title: text(120),
    problem: text(4000),
    goal: text(2000),
    taskForce: z.array(taskForceMember).max(50),
    milestones: z.array(milestoneIn).max(50),
  })
  .partial();
export const planTransition = z.object({
  action: z.enum(PLAN_ACTIONS),
  note: z.string().trim().max(500).optional(),
});
export const planQuery = pageQuery.extend({
  q: z.string().trim().max(60).optional(),
  state: z.enum(PLAN_STATES).optional(),
  orgUnitId: z.uuid().optional(),
});

const planBase = {
  id: z.uuid(),
  orgUnitId: z.uuid(),
  orgUnitName: z.string(),
  title: z.string(),
  state: z.enum(PLAN_STATES),
  milestonesTotal: z.number().int(),
  milestonesDone: z.number().int(),
  publishedAt: z.string().nullable(),
  doneAt: z.string().nullable(),
};
export const planSummary = z.object({ ...planBase, createdAt: z.string(), allowed });
export const planPage = paged(planSummary);
export const planOut = z.object({
  ...planBase,
  caseId: z.uuid().nullable(),
  problem: z.string(),
  goal: z.string(),
  taskForce: z.array(
    z.object({
      name: z.string(),
      unit: z.string(),
      role: z.string(),
      kind: z.enum(TASK_FORCE_KINDS),
      userId: z.uuid().nullable(),
      personId: z.uuid().nullable(),
    }),
  ),
  milestones: z.array(milestoneOut),
  updates: z.array(updateOut),
  createdAt: z.string(),
  allowed,
  actions: z.array(z.enum(PLAN_ACTIONS)),
});

// ——— 暖心实项目 ———

export const projectIn = z.object({
  orgUnitId: z.uuid(),
  year: z.number().int().min(2000).max(2100),
  /** Omitted: the next free number of that unit's list for the year. */
  number: z.number().int().min(1).max(9999).optional(),
  title: text(120),
  category: z.enum(PROJECT_CATEGORIES),
  description: optText(2000),
  responsibleUnit: text(80),
  partnerUnitId: z.uuid().nullable().default(null),
  departmentId: z.uuid().nullable().default(null),
  leadName: text(40),
  deadline: isoDate,
  budgetFen: z.number().int().min(0).max(10_000_000_000),
  milestones: z.array(milestoneIn).max(30).default([]),
});
export const projectUpdate = projectIn.omit({ orgUnitId: true, year: true }).partial();
export const projectTransition = z.object({
  action: z.enum(PROJECT_ACTIONS),
  note: z.string().trim().max(500).optional(),
});
export const projectQuery = pageQuery.extend({
  q: z.string().trim().max(60).optional(),
  orgUnitId: z.uuid().optional(),
  year: z.coerce.number().int().min(2000).max(2100).optional(),
  state: z.enum(PROJECT_STATES).optional(),
  category: z.enum(PROJECT_CATEGORIES).optional(),
  unit: z.string().trim().max(80).optional(),
  delayed: queryBool.optional(),
});

const projectBase = {
  id: z.uuid(),
  orgUnitId: z.uuid(),
  orgUnitName: z.string(),
  year: z.number().int(),
  number: z.number().int(),
  title: z.string(),
  category: z.enum(PROJECT_CATEGORIES),
  state: z.enum(PROJECT_STATES),
  deadline: z.string(),
  doneAt: z.string().nullable(),
  /** Not done and past its deadline, or done after it. */
  delayed: z.boolean(),
  ratingAverage: z.number().nullable(),
  ratingCount: z.number().int(),
};
export const projectSummary = z.object({
  ...projectBase,
  responsibleUnit: z.string(),
  leadName: z.string(),
  budgetFen: z.number().int(),
  spentFen: z.number().int(),
  allowed,
});
export const projectPage = paged(projectSummary);
export const projectOut = z.object({
  ...projectBase,
  responsibleUnit: z.string(),
  partnerUnitId: z.uuid().nullable(),
  departmentId: z.uuid().nullable(),
  leadName: z.string(),
  description: z.string(),
  budgetFen: z.number().int(),
  spentFen: z.number().int(),
  startedAt: z.string().nullable(),
  milestones: z.array(milestoneOut),
  updates: z.array(updateOut),
  ratings: z.array(
    z.object({ score: z.number().int(), comment: z.string(), name: z.string(), at: z.string() }),
  ),
  allowed,
  actions: z.array(z.enum(PROJECT_ACTIONS)),
});

// 周调度
export const weeklyQuery = z.object({ orgUnitId: z.uuid(), date: isoDate.optional() });
const boardItem = z.object({
  id: z.uuid(),
  number: z.number().int(),
  title: z.string(),
  category: z.enum(PROJECT_CATEGORIES),
  state: z.enum(PROJECT_STATES),
  deadline: z.string(),
  leadName: z.string(),
  daysOverdue: z.number().int(),
});
export const weeklyOut = z.object({
  orgUnitId: z.uuid(),
  orgUnitName: z.string(),
  date: z.string(),
  weekStart: z.string(),
  weekEnd: z.string(),
  units: z.array(
    z.object({ responsibleUnit: z.string(), dueThisWeek: z.array(boardItem), overdue: z.array(boardItem) }),
  ),
  totals: z.object({
    dueThisWeek: z.number().int(),
    overdue: z.number().int(),
    doneThisWeek: z.number().int(),
  }),
});

// 月研判
export const monthlyQuery = z.object({
  orgUnitId: z.uuid(),
  year: z.coerce.number().int().min(2000).max(2100),
  date: isoDate.optional(),
});
export const monthRow = z.object({
  month: z.string(),
  due: z.number().int(),
  done: z.number().int(),
  inProgress: z.number().int(),
  planned: z.number().int(),
  overdue: z.number().int(),
  completedInMonth: z.number().int(),
  budgetPlannedFen: z.number().int(),
  budgetSpentFen: z.number().int(),
});
export const monthlyOut = z.object({
  orgUnitId: z.uuid(),
  orgUnitName: z.string(),
  year: z.number().int(),
  asOf: z.string(),
  months: z.array(monthRow),
  total: monthRow,
});

// 季总结
export const quarterlyQuery = z.object({
  orgUnitId: z.uuid(),
  quarter: z.string().regex(/^\d{4}-Q[1-4]$/),
  date: isoDate.optional(),
});
const countRow = z.object({
  key: z.string(),
  due: z.number().int(),
  done: z.number().int(),
  overdue: z.number().int(),
  budgetPlannedFen: z.number().int(),
  budgetSpentFen: z.number().int(),
});
export const quarterlyOut = z.object({
  orgUnitId: z.uuid(),
  orgUnitName: z.string(),
  quarter: z.string(),
  from: z.string(),
  to: z.string(),
  asOf: z.string(),
  totals: z.object({
    due: z.number().int(),
    done: z.number().int(),
    doneOnTime: z.number().int(),
    overdue: z.number().int(),
    inProgress: z.number().int(),
    budgetPlannedFen: z.number().int(),
    budgetSpentFen: z.number().int(),
    ratingAverage: z.number().nullable(),
    ratingCount: z.number().int(),
    yearDone: z.number().int(),
    yearTotal: z.number().int(),
  }),
  byCategory: z.array(countRow),
  byUnit: z.array(countRow),
  projects: z.array(
    z.object({
      number: z.number().int(),
      title: z.string(),
      category: z.enum(PROJECT_CATEGORIES),
      responsibleUnit: z.string(),
      leadName: z.string(),
      deadline: z.string(),
      state: z.enum(PROJECT_STATES),
      doneAt: z.string().nullable(),
      delayed: z.boolean(),
      budgetFen: z.number().int(),
      spentFen: z.number().int(),
      ratingAverage: z.number().nullable(),
    }),
  ),
});

// Residents: their community's list, and rating a finished project.
export const residentProjectQuery = pageQuery.extend({
  year: z.coerce.number().int().min(2000).max(2100).optional(),
  state: z.enum(PROJECT_STATES).optional(),
});
export const residentProject = z.object({
  ...projectBase,
  responsibleUnit: z.string(),
  myRating: z.object({ score: z.number().int(), comment: z.string() }).nullable(),
  canRate: z.boolean(),
});
export const residentProjectPage = paged(residentProject);
export const ratingIn = z.object({
  score: z.number().int().min(1).max(5),
  comment: z.string().trim().max(500).default(''),
});

// Public pages: no login, names masked, no budgets of persons, no photos (files need a session).
export const publicProjectQuery = z.object({ year: z.coerce.number().int().min(2000).max(2100).optional() });
export const publicProjectList = z.object({
  communityName: z.string(),
  year: z.number().int(),
  total: z.number().int(),
  done: z.number().int(),
  items: z.array(
    z.object({
      id: z.uuid(),
      number: z.number().int(),
      title: z.string(),
      category: z.enum(PROJECT_CATEGORIES),
      responsibleUnit: z.string(),
      leadName: z.string(),
      deadline: z.string(),
      state: z.enum(PROJECT_STATES),
      doneAt: z.string().nullable(),
      delayed: z.boolean(),
      ratingAverage: z.number().nullable(),
      ratingCount: z.number().int(),
    }),
  ),
  plans: z.array(z.object({ id: z.uuid(), title: z.string(), state: z.enum(PLAN_STATES) })),
});
export const publicPlanOut = z.object({
  id: z.uuid(),
  communityName: z.string(),
  title: z.string(),
  problem: z.string(),
  goal: z.string(),
  state: z.enum(PLAN_STATES),
  publishedAt: z.string().nullable(),
  doneAt: z.string().nullable(),
  taskForce: z.array(z.object({ name: z.string(), unit: z.string(), role: z.string() })),
  milestones: z.array(
    z.object({
      title: z.string(),
      ownerName: z.string(),
      dueDate: z.string(),
      doneAt: z.string().nullable(),
      overdue: z.boolean(),
    }),
  ),
  updates: z.array(z.object({ note: z.string(), at: z.string() })),
});

export type PlanOut = z.infer<typeof planOut>;
export type ProjectOut = z.infer<typeof projectOut>;
export type ProjectSummary = z.infer<typeof projectSummary>;
export type WeeklyOut = z.infer<typeof weeklyOut>;
export type MonthlyOut = z.infer<typeof monthlyOut>;
export type QuarterlyOut = z.infer<typeof quarterlyOut>;

export const unitsQuery = z.object({ orgUnitId: z.uuid().optional() });
export const unitsOut = z.object({ items: z.array(z.string()) });
export const communityParam = z.object({ id: z.uuid() });
