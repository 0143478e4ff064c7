import { and, count, desc, eq, ilike, type SQL } from 'drizzle-orm';
import type { z } from 'zod';
import type {
  PlanOut,
  planIn,
  planQuery,
  planTransition,
  planUpdate,
  publicPlanOut,
} from '../../../common/contracts/projects.ts';
import { maskName } from '../../../common/masking.ts';
import { type Executor, readAll } from '../../db/client.ts';
import type { Actor } from '../../platform/access.ts';
import { recordAudit } from '../../platform/audit.ts';
import { now, shanghaiDate } from '../../platform/clock.ts';
import type { CommandContext, QueryContext } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import { loadCase } from '../cases/index.ts';
import { loadOrgUnit, nameOrgUnits } from '../org/index.ts';
import {
  appendUpdate,
  milestoneCounts,
  milestonesOf,
  presentMilestone,
  presentUpdate,
  replaceMilestones,
  updatesOf,
} from './parts.ts';
import { allowedOn, authorizeList, mayManage, readScope } from './policy.ts';
import { projectPlan } from './schema.ts';

// 一事一策: "对历史遗留问题，成立专班'一事一策'攻坚并公示进度". A plan is drafted by the community,
// published (its progress page goes public), and done when the problem is solved.

type PlanRow = typeof projectPlan.$inferSelect;
type PlanAction = z.infer<typeof planTransition>['action'];

const MOVES: Record<PlanAction, { from: PlanRow['state'][]; to: PlanRow['state']; label: string }> = {
  publish: { from: ['draft'], to: 'published', label: '发布' },
  complete: { from: ['published'], to: 'done', label: '办结' },
  reopen: { from: ['done'], to: 'published', label: '重新打开' },
};

export async function loadPlan(db: Executor, id: string, lock = false): Promise<PlanRow> {
  const q = db.select().from(projectPlan).where(eq(projectPlan.id, id));
  const [row] = lock ? await q.for('update') : await q;
  if (!row) throw new AppError('not_found');
  return row;
}

/** Plans and projects sit at a community or a subdistrict the actor may manage. */
export async function listUnit(db: Executor, actor: Actor, orgUnitId: string) {
  const unit = await loadOrgUnit(db, orgUnitId);
  authorizeList(actor, 'projects:manage', unit.path);
  if (unit.kind !== 'community' && unit.kind !== 'subdistrict') throw new AppError('project_unit_invalid');
  return unit;
}

async function checkCase(db: Executor, caseId: string | null, unitPath: string) {
  if (!caseId) return;
  const c = await loadCase(db, caseId).catch(() => null);
  if (!c?.orgPath.startsWith(unitPath)) throw new AppError('validation_failed', { field: 'caseId' });
}

function actionsFor(actor: Actor, p: PlanRow): PlanAction[] {
  if (!mayManage(actor, p.orgPath)) return [];
  return (Object.keys(MOVES) as PlanAction[]).filter((a) => MOVES[a].from.includes(p.state));
}

async function present(db: Executor, actor: Actor, p: PlanRow): Promise<PlanOut> {
  const [milestones, updates, names] = await readAll(db, [
    () => milestonesOf(db, { planId: p.id }),
    () => updatesOf(db, { planId: p.id }),
    () => nameOrgUnits(db, [p.orgUnitId]),
  ]);
  const today = shanghaiDate(now());
  return {
    id: p.id,
    orgUnitId: p.orgUnitId,
    orgUnitName: names.get(p.orgUnitId) ?? '',
    title: p.title,
    state: p.state as PlanOut['state'],
    caseId: p.caseId,
    problem: p.problem,
    goal: p.goal,
    taskForce: p.taskForce,
    milestones: milestones.map((m) => presentMilestone(m, today)),
    milestonesTotal: milestones.length,
    milestonesDone: milestones.filter((m) => m.doneAt).length,
    updates: updates.map(presentUpdate),
    publishedAt: p.publishedAt?.toISOString() ?? null,
    doneAt: p.doneAt?.toISOString() ?? null,
    createdAt: p.createdAt.toISOString(),
    allowed: allowedOn(actor, p.orgPath),
    actions: actionsFor(actor, p),
  };
}

export async function createPlan(ctx: CommandContext, input: z.infer<typeof planIn>): Promise<PlanOut> {
  const unit = await listUnit(ctx.tx, ctx.actor, input.orgUnitId);
  await checkCase(ctx.tx, input.caseId, unit.path);
  const [row] = await ctx.tx
    .insert(projectPlan)
    .values({
      districtId: unit.districtId,
      orgUnitId: unit.id,
      orgPath: unit.path,
      caseId: input.caseId,
      title: input.title,
      problem: input.problem,
      goal: input.goal,
      taskForce: input.taskForce,
      createdBy: ctx.actor.userId,
    })
    .returning();
  await replaceMilestones(ctx.tx, { planId: row.id }, input.milestones);
  await recordAudit(ctx, {
    action: 'projects.plan_created',
    subjectType: 'project_plan',
    subjectId: row.id,
    orgPath: row.orgPath,
    orgUnitId: row.orgUnitId,
    summary: `新建一事一策「${row.title}」：专班 ${input.taskForce.length} 人，节点 ${input.milestones.length} 个`,
  });
  return present(ctx.tx, ctx.actor, row);
}

export async function updatePlan(
  ctx: CommandContext,
  id: string,
  patch: z.infer<typeof planUpdate>,
): Promise<PlanOut> {
  const p = await loadPlan(ctx.tx, id, true);
  authorizeList(ctx.actor, 'projects:manage', p.orgPath);
  if (p.state === 'done') throw new AppError('plan_not_editable');
  if (patch.caseId !== undefined) await checkCase(ctx.tx, patch.caseId, p.orgPath);
  const { milestones, ...rest } = patch;
  const [row] = await ctx.tx
    .update(projectPlan)
    .set({ ...rest, updatedAt: now() })
    .where(eq(projectPlan.id, id))
    .returning();
  if (milestones) await replaceMilestones(ctx.tx, { planId: id }, milestones);
  await recordAudit(ctx, {
    action: 'projects.plan_updated',
    subjectType: 'project_plan',
    subjectId: id,
    orgPath: p.orgPath,
    orgUnitId: p.orgUnitId,
    summary: `修改一事一策「${row.title}」：${Object.keys(patch).join('、')}`,
  });
  return present(ctx.tx, ctx.actor, row);
}

export async function transitionPlan(
  ctx: CommandContext,
  id: string,
  t: z.infer<typeof planTransition>,
): Promise<PlanOut> {
  const p = await loadPlan(ctx.tx, id, true);
  authorizeList(ctx.actor, 'projects:manage', p.orgPath);
  const move = MOVES[t.action];
  if (!move.from.includes(p.state))
    throw new AppError('illegal_transition', { state: p.state, action: t.action });
  const at = now();
  const [row] = await ctx.tx
    .update(projectPlan)
    .set({
      state: move.to,
      updatedAt: at,
      ...(t.action === 'publish' ? { publishedAt: at } : {}),
      ...(t.action === 'complete' ? { doneAt: at } : {}),
      ...(t.action === 'reopen' ? { doneAt: null } : {}),
    })
    .where(eq(projectPlan.id, id))
    .returning();
  await appendUpdate(ctx.tx, ctx.actor, { planId: id }, { action: t.action, note: t.note || move.label });
  await recordAudit(ctx, {
    action: `projects.plan_${t.action === 'publish' ? 'published' : t.action === 'complete' ? 'completed' : 'reopened'}`,
    subjectType: 'project_plan',
    subjectId: id,
    orgPath: p.orgPath,
    orgUnitId: p.orgUnitId,
    summary: `一事一策「${p.title}」${move.label}${t.note ? `：${t.note}` : ''}`,
  });
  return present(ctx.tx, ctx.actor, row);
}

export async function addPlanUpdate(
  ctx: CommandContext,
  id: string,
  u: { note: string; photoIds: string[] },
): Promise<PlanOut> {
  const p = await loadPlan(ctx.tx, id, true);
  authorizeList(ctx.actor, 'projects:manage', p.orgPath);
  await appendUpdate(
    ctx.tx,
    ctx.actor,
    { planId: id },
    { action: 'progress', note: u.note, photoIds: u.photoIds },
  );
  await ctx.tx.update(projectPlan).set({ updatedAt: now() }).where(eq(projectPlan.id, id));
  await recordAudit(ctx, {
    action: 'projects.plan_progress_recorded',
    subjectType: 'project_plan',
    subjectId: id,
    orgPath: p.orgPath,
    orgUnitId: p.orgUnitId,
    summary: `一事一策「${p.title}」进展：${u.note.slice(0, 60)}`,
  });
  return present(ctx.tx, ctx.actor, p);
}

export async function getPlan({ actor, db }: QueryContext, id: string): Promise<PlanOut> {
  const p = await loadPlan(db, id);
  authorizeList(actor, 'projects:read', p.orgPath);
  return present(db, actor, p);
}

export async function listPlans({ actor, db }: QueryContext, q: z.infer<typeof planQuery>) {
  const where: (SQL | undefined)[] = [readScope(actor, projectPlan.orgPath)];
  if (q.state) where.push(eq(projectPlan.state, q.state));
  if (q.orgUnitId) where.push(eq(projectPlan.orgUnitId, q.orgUnitId));
  if (q.q) where.push(ilike(projectPlan.title, `%${q.q}%`));
  const cond = and(...where);
  const [rows, [{ n }]] = await Promise.all([
    db
      .select()
      .from(projectPlan)
      .where(cond)
      .orderBy(desc(projectPlan.createdAt), desc(projectPlan.id))
      .limit(q.pageSize)
      .offset((q.page - 1) * q.pageSize),
    db.select({ n: count() }).from(projectPlan).where(cond),
  ]);
  const [counts, names] = await Promise.all([
    milestoneCounts(
      db,
      rows.map((r) => r.id),
    ),
    nameOrgUnits(db, [...new Set(rows.map((r) => r.orgUnitId))]),
  ]);
  return {
    items: rows.map((p) => ({
      id: p.id,
      orgUnitId: p.orgUnitId,
      orgUnitName: names.get(p.orgUnitId) ?? '',
      title: p.title,
      state: p.state as PlanOut['state'],
      milestonesTotal: counts.get(p.id)?.total ?? 0,
      milestonesDone: counts.get(p.id)?.done ?? 0,
      publishedAt: p.publishedAt?.toISOString() ?? null,
      doneAt: p.doneAt?.toISOString() ?? null,
      createdAt: p.createdAt.toISOString(),
      allowed: allowedOn(actor, p.orgPath),
    })),
    total: n,
    page: q.page,
    pageSize: q.pageSize,
  };
}

/**
 * The public progress page of a published plan: official members by name, private persons masked,
 * owners of milestones named as the task force names them (masked unless an official of it).
 */
export async function publicPlan(db: Executor, id: string): Promise<z.infer<typeof publicPlanOut>> {
  const p = await loadPlan(db, id);
  if (p.state === 'draft') throw new AppError('not_found');
  const [milestones, updates, names] = await readAll(db, [
    () => milestonesOf(db, { planId: id }),
    () => updatesOf(db, { planId: id }),
    () => nameOrgUnits(db, [p.orgUnitId]),
  ]);
  const officials = new Set(p.taskForce.filter((m) => m.kind === 'official').map((m) => m.name));
  const shown = (name: string) => (officials.has(name) ? name : maskName(name));
  const today = shanghaiDate(now());
  return {
    id: p.id,
    communityName: names.get(p.orgUnitId) ?? '',
    title: p.title,
    problem: p.problem,
    goal: p.goal,
    state: p.state as PlanOut['state'],
    publishedAt: p.publishedAt?.toISOString() ?? null,
    doneAt: p.doneAt?.toISOString() ?? null,
    taskForce: p.taskForce.map((m) => ({ name: shown(m.name), unit: m.unit, role: m.role })),
    milestones: milestones.map((m) => ({
      title: m.title,
      ownerName: m.ownerName ? shown(m.ownerName) : '',
      dueDate: m.dueDate,
      doneAt: m.doneAt?.toISOString() ?? null,
      overdue: !m.doneAt && m.dueDate < today,
    })),
    updates: updates.map((u) => ({ note: u.note, at: u.at.toISOString() })),
  };
}
