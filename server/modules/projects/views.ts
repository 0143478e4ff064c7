import { and, asc, eq, inArray, like, ne, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type {
  MonthlyOut,
  monthlyQuery,
  monthRow,
  publicProjectList,
  QuarterlyOut,
  quarterlyQuery,
  ratingIn,
  residentProjectQuery,
  WeeklyOut,
  weeklyQuery,
} from '../../../common/contracts/projects.ts';
import { maskName } from '../../../common/masking.ts';
import type { Executor } from '../../db/client.ts';
import type { Actor } from '../../platform/access.ts';
import { hasPermission } from '../../platform/access.ts';
import { recordAudit } from '../../platform/audit.ts';
import { now, shanghaiDate } from '../../platform/clock.ts';
import type { CommandContext, QueryContext } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import { loadOrgUnit } from '../org/index.ts';
import { authorizeList, pathAndAncestors, readScope } from './policy.ts';
import { dayOf, isDelayed, loadProject, type ProjectRow, ratingStats } from './projects.ts';
import { livelihoodProject, projectPlan, projectRating } from './schema.ts';

// 周调度、月研判、季总结: the three rhythms of the seed, computed from the list as it stands.
// "As of" a date (Asia/Shanghai; today unless given) a project is done if it was done by then,
// overdue if not done and its deadline has passed, in progress if started, else planned.

function addDays(date: string, n: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

/** Monday and Sunday of the week holding `date`. */
export function weekOf(date: string): { start: string; end: string } {
  const dow = (new Date(`${date}T00:00:00Z`).getUTCDay() + 6) % 7; // Monday = 0
  const start = addDays(date, -dow);
  return { start, end: addDays(start, 6) };
}

const daysBetween = (a: string, b: string) => Math.round((Date.parse(b) - Date.parse(a)) / 86_400_000);

type Status = 'done' | 'overdue' | 'in_progress' | 'planned';

function statusAsOf(p: ProjectRow, asOf: string): Status {
  const doneDay = dayOf(p.doneAt);
  if (p.state === 'done' && doneDay && doneDay <= asOf) return 'done';
  if (p.deadline < asOf) return 'overdue';
  const startDay = dayOf(p.startedAt);
  if (p.state !== 'planned' && (!startDay || startDay <= asOf)) return 'in_progress';
  return 'planned';
}

async function viewUnit(db: Executor, actor: Actor, orgUnitId: string) {
  const unit = await loadOrgUnit(db, orgUnitId);
  authorizeList(actor, 'projects:read', unit.path);
  return unit;
}

async function projectsUnder(db: Executor, actor: Actor, path: string, extra?: ReturnType<typeof eq>) {
  return db
    .select()
    .from(livelihoodProject)
    .where(
      and(like(livelihoodProject.orgPath, `${path}%`), readScope(actor, livelihoodProject.orgPath), extra),
    )
    .orderBy(asc(livelihoodProject.number));
}

/** 周调度: per responsible unit, what falls due this week and what is overdue. */
export async function weeklyBoard(
  { actor, db }: QueryContext,
  q: z.infer<typeof weeklyQuery>,
): Promise<WeeklyOut> {
  const unit = await viewUnit(db, actor, q.orgUnitId);
  const date = q.date ?? shanghaiDate(now());
  const week = weekOf(date);
  const rows = await db
    .select()
    .from(livelihoodProject)
    .where(
      and(
        like(livelihoodProject.orgPath, `${unit.path}%`),
        readScope(actor, livelihoodProject.orgPath),
        sql`((${livelihoodProject.state} <> 'done' and ${livelihoodProject.deadline} <= ${week.end}::date)
          or (${livelihoodProject.doneAt} is not null and (${livelihoodProject.doneAt} at time zone 'Asia/Shanghai')::date between ${week.start}::date and ${week.end}::date))`,
      ),
    )
    .orderBy(asc(livelihoodProject.deadline), asc(livelihoodProject.number));
  const units = new Map<string, WeeklyOut['units'][number]>();
  let doneThisWeek = 0;
  for (const p of rows) {
    if (p.state === 'done') {
      const d = dayOf(p.doneAt)!;
      if (d >= week.start && d <= week.end) doneThisWeek += 1;
      continue;
    }
    const item = {
      id: p.id,
      number: p.number,
      title: p.title,
      category: p.category as WeeklyOut['units'][number]['overdue'][number]['category'],
      state: p.state as 'planned' | 'in_progress',
      deadline: p.deadline,
      leadName: p.leadName,
      daysOverdue: Math.max(0, daysBetween(p.deadline, date)),
    };
    const u = units.get(p.responsibleUnit) ?? {
      responsibleUnit: p.responsibleUnit,
      dueThisWeek: [],
      overdue: [],
    };
    if (p.deadline < date) u.overdue.push(item);
    else u.dueThisWeek.push(item);
    units.set(p.responsibleUnit, u);
  }
  const list = [...units.values()].sort(
    (a, b) =>
      b.overdue.length - a.overdue.length ||
      b.dueThisWeek.length - a.dueThisWeek.length ||
      a.responsibleUnit.localeCompare(b.responsibleUnit, 'zh'),
  );
  return {
    orgUnitId: unit.id,
    orgUnitName: unit.name,
    date,
    weekStart: week.start,
    weekEnd: week.end,
    units: list,
    totals: {
      dueThisWeek: list.reduce((s, u) => s + u.dueThisWeek.length, 0),
      overdue: list.reduce((s, u) => s + u.overdue.length, 0),
      doneThisWeek,
    },
  };
}

type MonthRow = z.infer<typeof monthRow>;
const emptyMonth = (month: string): MonthRow => ({
  month,
  due: 0,
  done: 0,
  inProgress: 0,
  planned: 0,
  overdue: 0,
  completedInMonth: 0,
  budgetPlannedFen: 0,
  budgetSpentFen: 0,
});

function tally(row: MonthRow, p: ProjectRow, asOf: string) {
  row.due += 1;
  const s = statusAsOf(p, asOf);
  if (s === 'done') row.done += 1;
  else if (s === 'overdue') row.overdue += 1;
  else if (s === 'in_progress') row.inProgress += 1;
  else row.planned += 1;
  row.budgetPlannedFen += p.budgetFen;
  row.budgetSpentFen += p.spentFen;
}

/** 月研判: month by month of the year, the projects due then and how they stand. */
export async function monthlyReview(
  { actor, db }: QueryContext,
  q: z.infer<typeof monthlyQuery>,
): Promise<MonthlyOut> {
  const unit = await viewUnit(db, actor, q.orgUnitId);
  const asOf = q.date ?? shanghaiDate(now());
  const rows = await projectsUnder(db, actor, unit.path, eq(livelihoodProject.year, q.year));
  const months = Array.from({ length: 12 }, (_, i) =>
    emptyMonth(`${q.year}-${String(i + 1).padStart(2, '0')}`),
  );
  const total = emptyMonth(String(q.year));
  for (const p of rows) {
    const m = months.find((x) => p.deadline.startsWith(x.month));
    if (m) tally(m, p, asOf);
    tally(total, p, asOf);
    const d = dayOf(p.doneAt);
    if (p.state === 'done' && d && d <= asOf) {
      const cm = months.find((x) => d.startsWith(x.month));
      if (cm) cm.completedInMonth += 1;
      total.completedInMonth += 1;
    }
  }
  return { orgUnitId: unit.id, orgUnitName: unit.name, year: q.year, asOf, months, total };
}

export function quarterWindow(quarter: string) {
  const [year, qn] = quarter.split('-Q').map(Number);
  const fromMonth = (qn - 1) * 3 + 1;
  const from = `${year}-${String(fromMonth).padStart(2, '0')}-01`;
  const toMonth = fromMonth + 2;
  const lastDay = new Date(Date.UTC(year, toMonth, 0)).getUTCDate();
  return { year, from, to: `${year}-${String(toMonth).padStart(2, '0')}-${lastDay}` };
}

/** 季总结: the projects due in the quarter, by category and responsible unit, with the year so far. */
export async function quarterlySummary(
  { actor, db }: QueryContext,
  q: z.infer<typeof quarterlyQuery>,
): Promise<QuarterlyOut> {
  const unit = await viewUnit(db, actor, q.orgUnitId);
  const w = quarterWindow(q.quarter);
  const asOf = q.date ?? shanghaiDate(now());
  const all = await projectsUnder(db, actor, unit.path, eq(livelihoodProject.year, w.year));
  const inQuarter = all.filter((p) => p.deadline >= w.from && p.deadline <= w.to);
  const stats = await ratingStats(
    db,
    inQuarter.map((p) => p.id),
  );
  const [ratingAll] = inQuarter.length
    ? await db
        .select({ avg: sql<string | null>`avg(${projectRating.score})`, n: sql<number>`count(*)::int` })
        .from(projectRating)
        .where(
          inArray(
            projectRating.projectId,
            inQuarter.map((p) => p.id),
          ),
        )
    : [{ avg: null, n: 0 }];
  const group = (key: (p: ProjectRow) => string) => {
    const m = new Map<string, QuarterlyOut['byCategory'][number]>();
    for (const p of inQuarter) {
      const k = key(p);
      const r = m.get(k) ?? { key: k, due: 0, done: 0, overdue: 0, budgetPlannedFen: 0, budgetSpentFen: 0 };
      r.due += 1;
      const s = statusAsOf(p, asOf);
      if (s === 'done') r.done += 1;
      if (s === 'overdue') r.overdue += 1;
      r.budgetPlannedFen += p.budgetFen;
      r.budgetSpentFen += p.spentFen;
      m.set(k, r);
    }
    return [...m.values()].sort((a, b) => b.due - a.due || a.key.localeCompare(b.key, 'zh'));
  };
  const statuses = inQuarter.map((p) => statusAsOf(p, asOf));
  return {
    orgUnitId: unit.id,
    orgUnitName: unit.name,
    quarter: q.quarter,
    from: w.from,
    to: w.to,
    asOf,
    totals: {
      due: inQuarter.length,
      done: statuses.filter((s) => s === 'done').length,
      doneOnTime: inQuarter.filter((p, i) => statuses[i] === 'done' && dayOf(p.doneAt)! <= p.deadline).length,
      overdue: statuses.filter((s) => s === 'overdue').length,
      inProgress: statuses.filter((s) => s === 'in_progress').length,
      budgetPlannedFen: inQuarter.reduce((s, p) => s + p.budgetFen, 0),
      budgetSpentFen: inQuarter.reduce((s, p) => s + p.spentFen, 0),
      ratingAverage: ratingAll.avg === null ? null : Math.round(Number(ratingAll.avg) * 10) / 10,
      ratingCount: Number(ratingAll.n),
      yearDone: all.filter((p) => statusAsOf(p, asOf) === 'done').length,
      yearTotal: all.length,
    },
    byCategory: group((p) => p.category),
    byUnit: group((p) => p.responsibleUnit),
    projects: inQuarter.map((p) => ({
      number: p.number,
      title: p.title,
      category: p.category as QuarterlyOut['projects'][number]['category'],
      responsibleUnit: p.responsibleUnit,
      leadName: p.leadName,
      deadline: p.deadline,
      state: p.state as QuarterlyOut['projects'][number]['state'],
      doneAt: p.doneAt?.toISOString() ?? null,
      delayed: isDelayed(p, asOf),
      budgetFen: p.budgetFen,
      spentFen: p.spentFen,
      ratingAverage: stats.get(p.id)?.average ?? null,
    })),
  };
}

export async function recordQuarterlyExport(ctx: CommandContext, q: z.infer<typeof quarterlyQuery>) {
  const unit = await viewUnit(ctx.tx, ctx.actor, q.orgUnitId);
  await recordAudit(ctx, {
    action: 'projects.quarterly_exported',
    subjectType: 'org_unit',
    subjectId: unit.id,
    orgPath: unit.path,
    orgUnitId: unit.id,
    summary: `导出${unit.name} ${q.quarter} 暖心实项目季总结`,
  });
}

// ——— residents ———

/** The building paths of the actor's resident grants: a project is theirs if it sits above one. */
function residentPaths(actor: Actor): string[] {
  return actor.grants
    .filter((g) => g.role === 'resident' && hasPermission(g, 'projects:rate'))
    .flatMap((g) => pathAndAncestors(g.orgPath));
}

export async function residentProjects({ actor, db }: QueryContext, q: z.infer<typeof residentProjectQuery>) {
  const paths = residentPaths(actor);
  if (paths.length === 0 || !actor.personId) throw new AppError('forbidden');
  const year = q.year ?? Number(shanghaiDate(now()).slice(0, 4));
  const cond = and(
    inArray(livelihoodProject.orgPath, paths),
    eq(livelihoodProject.year, year),
    q.state ? eq(livelihoodProject.state, q.state) : undefined,
  );
  const [rows, [{ n }]] = await Promise.all([
    db
      .select()
      .from(livelihoodProject)
      .where(cond)
      // Finished ones first (what can be rated), then by number.
      .orderBy(sql`${livelihoodProject.state} = 'done' desc`, asc(livelihoodProject.number))
      .limit(q.pageSize)
      .offset((q.page - 1) * q.pageSize),
    db.select({ n: sql<number>`count(*)::int` }).from(livelihoodProject).where(cond),
  ]);
  const ids = rows.map((r) => r.id);
  const [stats, mine] = await Promise.all([
    ratingStats(db, ids),
    ids.length
      ? db
          .select()
          .from(projectRating)
          .where(and(inArray(projectRating.projectId, ids), eq(projectRating.personId, actor.personId)))
      : Promise.resolve([]),
  ]);
  const myBy = new Map(mine.map((r) => [r.projectId, r]));
  const today = shanghaiDate(now());
  return {
    items: rows.map((p) => {
      const my = myBy.get(p.id);
      return {
        id: p.id,
        orgUnitId: p.orgUnitId,
        orgUnitName: '',
        year: p.year,
        number: p.number,
        title: p.title,
        category: p.category as QuarterlyOut['projects'][number]['category'],
        state: p.state as QuarterlyOut['projects'][number]['state'],
        deadline: p.deadline,
        doneAt: p.doneAt?.toISOString() ?? null,
        delayed: isDelayed(p, today),
        ratingAverage: stats.get(p.id)?.average ?? null,
        ratingCount: stats.get(p.id)?.count ?? 0,
        responsibleUnit: p.responsibleUnit,
        myRating: my ? { score: my.score, comment: my.comment } : null,
        canRate: p.state === 'done' && !my,
      };
    }),
    total: Number(n),
    page: q.page,
    pageSize: q.pageSize,
  };
}

/**
 * A resident rates a finished project of their own community, once: the unique key
 * (project, person) decides between two concurrent submissions, and the loser gets 409.
 */
export async function rateProject(ctx: CommandContext, id: string, input: z.infer<typeof ratingIn>) {
  const p = await loadProject(ctx.tx, id);
  const paths = residentPaths(ctx.actor);
  if (!ctx.actor.personId || !paths.includes(p.orgPath)) throw new AppError('not_found');
  if (p.state !== 'done') throw new AppError('project_not_done');
  const [row] = await ctx.tx
    .insert(projectRating)
    .values({ projectId: p.id, personId: ctx.actor.personId, userId: ctx.actor.userId, ...input })
    .onConflictDoNothing()
    .returning();
  if (!row) throw new AppError('project_already_rated');
  await recordAudit(ctx, {
    action: 'projects.project_rated',
    subjectType: 'livelihood_project',
    subjectId: p.id,
    orgPath: p.orgPath,
    orgUnitId: p.orgUnitId,
    summary: `居民评价暖心实项目 ${p.number} 号「${p.title}」：${input.score} 分`,
  });
  return { score: row.score, comment: row.comment };
}

// ——— public ———

/** The year's list as the public sees it: states, delays and average ratings; lead names masked. */
export async function publicProjects(
  db: Executor,
  communityId: string,
  year?: number,
): Promise<z.infer<typeof publicProjectList>> {
  const unit = await loadOrgUnit(db, communityId);
  if (unit.kind !== 'community') throw new AppError('not_found');
  const y = year ?? Number(shanghaiDate(now()).slice(0, 4));
  const paths = pathAndAncestors(unit.path);
  const rows = await db
    .select()
    .from(livelihoodProject)
    .where(and(inArray(livelihoodProject.orgPath, paths), eq(livelihoodProject.year, y)))
    .orderBy(asc(livelihoodProject.number));
  const plans = await db
    .select({ id: projectPlan.id, title: projectPlan.title, state: projectPlan.state })
    .from(projectPlan)
    .where(and(eq(projectPlan.orgPath, unit.path), ne(projectPlan.state, 'draft')))
    .orderBy(asc(projectPlan.createdAt));
  const stats = await ratingStats(
    db,
    rows.map((r) => r.id),
  );
  const today = shanghaiDate(now());
  return {
    communityName: unit.name,
    year: y,
    total: rows.length,
    done: rows.filter((r) => r.state === 'done').length,
    items: rows.map((p) => ({
      id: p.id,
      number: p.number,
      title: p.title,
      category: p.category as QuarterlyOut['projects'][number]['category'],
      responsibleUnit: p.responsibleUnit,
      leadName: maskName(p.leadName),
      deadline: p.deadline,
      state: p.state as QuarterlyOut['projects'][number]['state'],
      doneAt: p.doneAt?.toISOString() ?? null,
      delayed: isDelayed(p, today),
      ratingAverage: stats.get(p.id)?.average ?? null,
      ratingCount: stats.get(p.id)?.count ?? 0,
    })),
    plans: plans.map((p) => ({ ...p, state: p.state as 'published' | 'done' })),
  };
}
