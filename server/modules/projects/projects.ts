import { and, asc, avg, count, eq, ilike, inArray, isNull, max, or, type SQL, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type {
  ProjectOut,
  ProjectSummary,
  milestoneMark,
  projectIn,
  projectQuery,
  projectTransition,
  projectUpdate as projectUpdateIn,
  updateIn,
} from '../../../common/contracts/projects.ts';
import { execRows, type Executor, type Tx, readAll } from '../../db/client.ts';
import type { Actor } from '../../platform/access.ts';
import { recordAudit } from '../../platform/audit.ts';
import { now, shanghaiDate } from '../../platform/clock.ts';
import type { CommandContext, QueryContext } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import { loadPartnerUnit, nameOrgUnits } from '../org/index.ts';
import {
  appendUpdate,
  milestonesOf,
  presentMilestone,
  presentUpdate,
  replaceMilestones,
  updatesOf,
} from './parts.ts';
import { listUnit, loadPlan } from './plans.ts';
import { allowedOn, authorizeList, mayManage, readScope } from './policy.ts';
import { livelihoodProject, projectMilestone, type projectPlan, projectRating } from './schema.ts';

// 暖心实项目: "将幸福家园建设分解为为民服务、环境整治等100个暖心实项目，明确责任主体与完成时限".
// planned → in_progress → done; "delayed" is never stored: it follows from the deadline and today.

export type ProjectRow = typeof livelihoodProject.$inferSelect;
type Action = z.infer<typeof projectTransition>['action'];

const MOVES: Record<Action, { from: string[]; to: string; label: string; audit: string }> = {
  start: { from: ['planned'], to: 'in_progress', label: '开工', audit: 'projects.project_started' },
  complete: {
    from: ['planned', 'in_progress'],
    to: 'done',
    label: '完成',
    audit: 'projects.project_completed',
  },
  reopen: { from: ['done'], to: 'in_progress', label: '重新打开', audit: 'projects.project_reopened' },
};

export async function loadProject(db: Executor, id: string, lock = false): Promise<ProjectRow> {
  const q = db.select().from(livelihoodProject).where(eq(livelihoodProject.id, id));
  const [row] = lock ? await q.for('update') : await q;
  if (!row) throw new AppError('not_found');
  return row;
}

/** Asia/Shanghai date of a timestamp. */
export const dayOf = (d: Date | null) => (d ? shanghaiDate(d) : null);

export function isDelayed(p: Pick<ProjectRow, 'state' | 'deadline' | 'doneAt'>, today: string): boolean {
  if (p.state === 'done') return (dayOf(p.doneAt) ?? '') > p.deadline;
  return p.deadline < today;
}

/** The SQL form of isDelayed. */
export function delayedSql(today: string): SQL {
  return sql`((${livelihoodProject.state} <> 'done' and ${livelihoodProject.deadline} < ${today}::date) or (${livelihoodProject.state} = 'done' and (${livelihoodProject.doneAt} at time zone 'Asia/Shanghai')::date > ${livelihoodProject.deadline}))`;
}

export async function ratingStats(db: Executor, ids: string[]) {
  const out = new Map<string, { average: number | null; count: number }>();
  if (ids.length === 0) return out;
  const rows = await db
    .select({ id: projectRating.projectId, avg: avg(projectRating.score), n: count() })
    .from(projectRating)
    .where(inArray(projectRating.projectId, ids))
    .groupBy(projectRating.projectId);
  for (const r of rows)
    out.set(r.id, { average: r.avg === null ? null : Math.round(Number(r.avg) * 10) / 10, count: r.n });
  return out;
}

function actionsFor(actor: Actor, p: ProjectRow): Action[] {
  if (!mayManage(actor, p.orgPath)) return [];
  return (Object.keys(MOVES) as Action[]).filter((a) => MOVES[a].from.includes(p.state));
}

export async function presentSummaries(
  db: Executor,
  actor: Actor,
  rows: ProjectRow[],
): Promise<ProjectSummary[]> {
  const [stats, names] = await readAll(db, [
    () =>
      ratingStats(
        db,
        rows.map((r) => r.id),
      ),
    () => nameOrgUnits(db, [...new Set(rows.map((r) => r.orgUnitId))]),
  ]);
  const today = shanghaiDate(now());
  return rows.map((p) => ({
    id: p.id,
    orgUnitId: p.orgUnitId,
    orgUnitName: names.get(p.orgUnitId) ?? '',
    year: p.year,
    number: p.number,
    title: p.title,
    category: p.category as ProjectSummary['category'],
    state: p.state as ProjectSummary['state'],
    deadline: p.deadline,
    doneAt: p.doneAt?.toISOString() ?? null,
    delayed: isDelayed(p, today),
    ratingAverage: stats.get(p.id)?.average ?? null,
    ratingCount: stats.get(p.id)?.count ?? 0,
    responsibleUnit: p.responsibleUnit,
    leadName: p.leadName,
    budgetFen: p.budgetFen,
    spentFen: p.spentFen,
    allowed: allowedOn(actor, p.orgPath),
  }));
}

async function present(db: Executor, actor: Actor, p: ProjectRow): Promise<ProjectOut> {
  const [[summary], milestones, updates, ratings] = await readAll(db, [
    () => presentSummaries(db, actor, [p]),
    () => milestonesOf(db, { projectId: p.id }),
    () => updatesOf(db, { projectId: p.id }),
    () =>
      execRows<{ score: number; comment: string; name: string; at: Date | string }>(
        db,
        sql`select r.score, r.comment, coalesce(pe.name, '') as name, r.created_at as at
          from project_rating r left join person pe on pe.id = r.person_id
          where r.project_id = ${p.id} order by r.created_at desc`,
      ),
  ]);
  const today = shanghaiDate(now());
  const { allowed, ...rest } = summary;
  return {
    ...rest,
    partnerUnitId: p.partnerUnitId,
    departmentId: p.departmentId,
    description: p.description,
    startedAt: p.startedAt?.toISOString() ?? null,
    milestones: milestones.map((m) => presentMilestone(m, today)),
    updates: updates.map(presentUpdate),
    ratings: ratings.map((r) => ({
      score: r.score,
      comment: r.comment,
      name: r.name,
      at: new Date(r.at).toISOString(),
    })),
    allowed,
    actions: actionsFor(actor, p),
  };
}

/** A partner unit or a department named as the responsible unit must exist (and be readable). */
async function checkUnits(
  db: Executor,
  input: { partnerUnitId?: string | null; departmentId?: string | null },
) {
  if (input.partnerUnitId) {
    const ok = await loadPartnerUnit(db, input.partnerUnitId).catch(() => null);
    if (!ok) throw new AppError('validation_failed', { field: 'partnerUnitId' });
  }
  if (input.departmentId) {
    const rows = await execRows<{ id: string }>(
      db,
      sql`select id from department where id = ${input.departmentId}`,
    );
    if (rows.length === 0) throw new AppError('validation_failed', { field: 'departmentId' });
  }
}

async function nextNumber(tx: Tx, orgUnitId: string, year: number): Promise<number> {
  const [r] = await tx
    .select({ n: max(livelihoodProject.number) })
    .from(livelihoodProject)
    .where(and(eq(livelihoodProject.orgUnitId, orgUnitId), eq(livelihoodProject.year, year)));
  return (r?.n ?? 0) + 1;
}

async function numberFree(tx: Tx, orgUnitId: string, year: number, number: number, except?: string) {
  const [r] = await tx
    .select({ id: livelihoodProject.id })
    .from(livelihoodProject)
    .where(
      and(
        eq(livelihoodProject.orgUnitId, orgUnitId),
        eq(livelihoodProject.year, year),
        eq(livelihoodProject.number, number),
      ),
    );
  if (r && r.id !== except) throw new AppError('project_number_taken', { number });
}

export async function createProject(
  ctx: CommandContext,
  input: z.infer<typeof projectIn>,
): Promise<ProjectOut> {
  const unit = await listUnit(ctx.tx, ctx.actor, input.orgUnitId);
  await checkUnits(ctx.tx, input);
  // One list per unit and year is numbered in order: lock the unit's rows' key space.
  await ctx.tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`project:${unit.id}:${input.year}`}))`);
  const number = input.number ?? (await nextNumber(ctx.tx, unit.id, input.year));
  await numberFree(ctx.tx, unit.id, input.year, number);
  const { milestones, orgUnitId: _u, number: _n, ...rest } = input;
  const [row] = await ctx.tx
    .insert(livelihoodProject)
    .values({ ...rest, number, districtId: unit.districtId, orgUnitId: unit.id, orgPath: unit.path })
    .returning();
  await replaceMilestones(ctx.tx, { projectId: row.id }, milestones);
  await recordAudit(ctx, {
    action: 'projects.project_created',
    subjectType: 'livelihood_project',
    subjectId: row.id,
    orgPath: row.orgPath,
    orgUnitId: row.orgUnitId,
    summary: `新建${row.year}年暖心实项目 ${row.number} 号「${row.title}」：责任单位${row.responsibleUnit}，完成时限 ${row.deadline}，预算 ¥${(row.budgetFen / 100).toFixed(2)}`,
  });
  return present(ctx.tx, ctx.actor, row);
}

export async function updateProject(
  ctx: CommandContext,
  id: string,
  patch: z.infer<typeof projectUpdateIn>,
): Promise<ProjectOut> {
  const p = await loadProject(ctx.tx, id, true);
  authorizeList(ctx.actor, 'projects:manage', p.orgPath);
  await checkUnits(ctx.tx, patch);
  if (patch.number !== undefined) await numberFree(ctx.tx, p.orgUnitId, p.year, patch.number, p.id);
  const { milestones, ...rest } = patch;
  const [row] = await ctx.tx
    .update(livelihoodProject)
    .set({ ...rest, updatedAt: now() })
    .where(eq(livelihoodProject.id, id))
    .returning();
  if (milestones) await replaceMilestones(ctx.tx, { projectId: id }, milestones);
  await recordAudit(ctx, {
    action: 'projects.project_updated',
    subjectType: 'livelihood_project',
    subjectId: id,
    orgPath: p.orgPath,
    orgUnitId: p.orgUnitId,
    summary: `修改暖心实项目 ${p.number} 号「${row.title}」：${Object.keys(patch).join('、')}`,
  });
  return present(ctx.tx, ctx.actor, row);
}

export async function transitionProject(
  ctx: CommandContext,
  id: string,
  t: z.infer<typeof projectTransition>,
): Promise<ProjectOut> {
  const p = await loadProject(ctx.tx, id, true);
  authorizeList(ctx.actor, 'projects:manage', p.orgPath);
  const move = MOVES[t.action];
  if (!move.from.includes(p.state))
    throw new AppError('illegal_transition', { state: p.state, action: t.action });
  const at = now();
  const [row] = await ctx.tx
    .update(livelihoodProject)
    .set({
      state: move.to,
      updatedAt: at,
      ...(p.startedAt ? {} : t.action !== 'reopen' ? { startedAt: at } : {}),
      doneAt: move.to === 'done' ? at : null,
    })
    .where(eq(livelihoodProject.id, id))
    .returning();
  // A project done is done in every step: open milestones close with it.
  if (t.action === 'complete')
    await ctx.tx
      .update(projectMilestone)
      .set({ doneAt: at })
      .where(and(eq(projectMilestone.projectId, id), isNull(projectMilestone.doneAt)));
  await appendUpdate(ctx.tx, ctx.actor, { projectId: id }, { action: t.action, note: t.note || move.label });
  await recordAudit(ctx, {
    action: move.audit,
    subjectType: 'livelihood_project',
    subjectId: id,
    orgPath: p.orgPath,
    orgUnitId: p.orgUnitId,
    summary: `暖心实项目 ${p.number} 号「${p.title}」${move.label}${t.note ? `：${t.note}` : ''}`,
  });
  return present(ctx.tx, ctx.actor, row);
}

export async function addProjectUpdate(
  ctx: CommandContext,
  id: string,
  u: z.infer<typeof updateIn>,
): Promise<ProjectOut> {
  const p = await loadProject(ctx.tx, id, true);
  authorizeList(ctx.actor, 'projects:manage', p.orgPath);
  await appendUpdate(ctx.tx, ctx.actor, { projectId: id }, { action: 'progress', ...u });
  const [row] = await ctx.tx
    .update(livelihoodProject)
    .set({
      updatedAt: now(),
      ...(u.spentFen !== undefined ? { spentFen: u.spentFen } : {}),
      // Recording progress on a planned project means the work has begun.
      ...(p.state === 'planned' ? { state: 'in_progress', startedAt: now() } : {}),
    })
    .where(eq(livelihoodProject.id, id))
    .returning();
  await recordAudit(ctx, {
    action: 'projects.project_progress_recorded',
    subjectType: 'livelihood_project',
    subjectId: id,
    orgPath: p.orgPath,
    orgUnitId: p.orgUnitId,
    summary: `暖心实项目 ${p.number} 号「${p.title}」进展：${u.note.slice(0, 60)}${u.photoIds.length ? `（照片 ${u.photoIds.length} 张）` : ''}${u.spentFen !== undefined ? `，累计支出 ¥${(u.spentFen / 100).toFixed(2)}` : ''}`,
  });
  return present(ctx.tx, ctx.actor, row);
}

/** Marks a milestone of a plan or a project done (or not done again). */
export async function markMilestone(ctx: CommandContext, id: string, m: z.infer<typeof milestoneMark>) {
  const [ms] = await ctx.tx.select().from(projectMilestone).where(eq(projectMilestone.id, id)).for('update');
  if (!ms) throw new AppError('not_found');
  const owner = ms.planId
    ? await loadPlan(ctx.tx, ms.planId, true)
    : await loadProject(ctx.tx, ms.projectId!, true);
  authorizeList(ctx.actor, 'projects:manage', owner.orgPath);
  if (ms.planId && (owner as typeof projectPlan.$inferSelect).state === 'done')
    throw new AppError('plan_not_editable');
  const [row] = await ctx.tx
    .update(projectMilestone)
    .set({ doneAt: m.done ? (ms.doneAt ?? now()) : null, ...(m.note !== undefined ? { note: m.note } : {}) })
    .where(eq(projectMilestone.id, id))
    .returning();
  await recordAudit(ctx, {
    action: m.done ? 'projects.milestone_done' : 'projects.milestone_undone',
    subjectType: ms.planId ? 'project_plan' : 'livelihood_project',
    subjectId: owner.id,
    orgPath: owner.orgPath,
    orgUnitId: owner.orgUnitId,
    summary: `「${owner.title}」节点「${ms.title}」${m.done ? '已完成' : '改为未完成'}`,
  });
  return presentMilestone(row);
}

export async function getProject({ actor, db }: QueryContext, id: string): Promise<ProjectOut> {
  const p = await loadProject(db, id);
  authorizeList(actor, 'projects:read', p.orgPath);
  return present(db, actor, p);
}

export function projectFilters(q: Partial<z.infer<typeof projectQuery>>, today: string): SQL[] {
  const where: SQL[] = [];
  if (q.orgUnitId) where.push(eq(livelihoodProject.orgUnitId, q.orgUnitId));
  if (q.year) where.push(eq(livelihoodProject.year, q.year));
  if (q.state) where.push(eq(livelihoodProject.state, q.state));
  if (q.category) where.push(eq(livelihoodProject.category, q.category));
  if (q.unit) where.push(eq(livelihoodProject.responsibleUnit, q.unit));
  if (q.delayed !== undefined) where.push(q.delayed ? delayedSql(today) : sql`not ${delayedSql(today)}`);
  if (q.q) {
    const n = Number(q.q);
    where.push(
      or(
        ilike(livelihoodProject.title, `%${q.q}%`),
        ilike(livelihoodProject.responsibleUnit, `%${q.q}%`),
        Number.isInteger(n) ? eq(livelihoodProject.number, n) : undefined,
      )!,
    );
  }
  return where;
}

export async function listProjects({ actor, db }: QueryContext, q: z.infer<typeof projectQuery>) {
  const today = shanghaiDate(now());
  const cond = and(readScope(actor, livelihoodProject.orgPath), ...projectFilters(q, today));
  const [rows, [{ n }]] = await Promise.all([
    db
      .select()
      .from(livelihoodProject)
      .where(cond)
      .orderBy(asc(livelihoodProject.year), asc(livelihoodProject.orgUnitId), asc(livelihoodProject.number))
      .limit(q.pageSize)
      .offset((q.page - 1) * q.pageSize),
    db.select({ n: count() }).from(livelihoodProject).where(cond),
  ]);
  return { items: await presentSummaries(db, actor, rows), total: n, page: q.page, pageSize: q.pageSize };
}

/** The responsible units named in a unit's lists, for the list's filter. */
export async function responsibleUnits({ actor, db }: QueryContext, orgUnitId?: string) {
  const rows = await db
    .selectDistinct({ unit: livelihoodProject.responsibleUnit })
    .from(livelihoodProject)
    .where(
      and(
        readScope(actor, livelihoodProject.orgPath),
        orgUnitId ? eq(livelihoodProject.orgUnitId, orgUnitId) : undefined,
      ),
    )
    .orderBy(asc(livelihoodProject.responsibleUnit));
  return { items: rows.map((r) => r.unit) };
}
