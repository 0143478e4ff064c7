import { and, asc, desc, eq, inArray, isNotNull, type SQL } from 'drizzle-orm';
import type { z } from 'zod';
import type { milestoneIn, milestoneOut, updateOut } from '../../../common/contracts/projects.ts';
import type { Executor, Tx } from '../../db/client.ts';
import type { Actor } from '../../platform/access.ts';
import { now, shanghaiDate } from '../../platform/clock.ts';
import { AppError } from '../../platform/errors.ts';
import { projectMilestone, projectUpdate } from './schema.ts';

// Milestones and progress updates, shared by 一事一策 plans and 暖心实项目.

export type Owner = { planId: string } | { projectId: string };
type MilestoneRow = typeof projectMilestone.$inferSelect;
type UpdateRow = typeof projectUpdate.$inferSelect;

const ownerCondition = (o: Owner): SQL =>
  'planId' in o ? eq(projectMilestone.planId, o.planId) : eq(projectMilestone.projectId, o.projectId);

/**
 * Replaces an owner's milestone list by the edited one: rows named by id keep their done state,
 * rows left out are removed, rows without id are new. An id of another owner is refused.
 */
export async function replaceMilestones(tx: Tx, owner: Owner, list: z.infer<typeof milestoneIn>[]) {
  const existing = await tx.select().from(projectMilestone).where(ownerCondition(owner));
  const byId = new Map(existing.map((m) => [m.id, m]));
  for (const m of list)
    if (m.id && !byId.has(m.id)) throw new AppError('validation_failed', { field: 'milestones', id: m.id });
  const keep = new Set(list.map((m) => m.id).filter(Boolean));
  const gone = existing.filter((m) => !keep.has(m.id)).map((m) => m.id);
  if (gone.length) await tx.delete(projectMilestone).where(inArray(projectMilestone.id, gone));
  for (const [i, m] of list.entries()) {
    const values = { seq: i + 1, title: m.title, ownerName: m.ownerName, dueDate: m.dueDate, note: m.note };
    if (m.id) await tx.update(projectMilestone).set(values).where(eq(projectMilestone.id, m.id));
    else await tx.insert(projectMilestone).values({ ...owner, ...values });
  }
}

export function presentMilestone(m: MilestoneRow, today = shanghaiDate(now())): z.infer<typeof milestoneOut> {
  return {
    id: m.id,
    seq: m.seq,
    title: m.title,
    ownerName: m.ownerName,
    dueDate: m.dueDate,
    doneAt: m.doneAt?.toISOString() ?? null,
    note: m.note,
    overdue: !m.doneAt && m.dueDate < today,
  };
}

export function presentUpdate(u: UpdateRow): z.infer<typeof updateOut> {
  return {
    id: u.id,
    note: u.note,
    photoIds: u.photoIds,
    spentFen: u.spentFen,
    actorName: u.actorName,
    at: u.at.toISOString(),
  };
}

export async function milestonesOf(db: Executor, owner: Owner) {
  return db.select().from(projectMilestone).where(ownerCondition(owner)).orderBy(asc(projectMilestone.seq));
}

export async function updatesOf(db: Executor, owner: Owner) {
  const cond =
    'planId' in owner ? eq(projectUpdate.planId, owner.planId) : eq(projectUpdate.projectId, owner.projectId);
  return db.select().from(projectUpdate).where(cond).orderBy(desc(projectUpdate.at), desc(projectUpdate.id));
}

/** Milestones done / total per plan, in one query, for lists. */
export async function milestoneCounts(db: Executor, planIds: string[]) {
  const out = new Map<string, { total: number; done: number }>();
  if (planIds.length === 0) return out;
  const rows = await db
    .select({ planId: projectMilestone.planId, doneAt: projectMilestone.doneAt })
    .from(projectMilestone)
    .where(and(inArray(projectMilestone.planId, planIds), isNotNull(projectMilestone.planId)));
  for (const r of rows) {
    const c = out.get(r.planId!) ?? { total: 0, done: 0 };
    c.total += 1;
    if (r.doneAt) c.done += 1;
    out.set(r.planId!, c);
  }
  return out;
}

export async function appendUpdate(
  tx: Tx,
  actor: Actor,
  owner: Owner,
  u: { action: string; note: string; photoIds?: string[]; spentFen?: number | null },
) {
  const [row] = await tx
    .insert(projectUpdate)
    .values({
      ...owner,
      action: u.action,
      note: u.note,
      photoIds: u.photoIds ?? [],
      spentFen: u.spentFen ?? null,
      actorUserId: actor.userId,
      actorName: actor.displayName,
      at: now(),
    })
    .returning();
  return row;
}
