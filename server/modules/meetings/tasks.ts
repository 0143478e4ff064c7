import { and, asc, count, eq, inArray, lt, type SQL, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { TaskOut, TaskState, taskQuery } from '../../../common/contracts/meetings.ts';
import type { Executor } from '../../db/client.ts';
import { type Actor, scopeCondition } from '../../platform/access.ts';
import { recordAudit } from '../../platform/audit.ts';
import { now } from '../../platform/clock.ts';
import type { CommandContext, QueryContext } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import { manages } from './access.ts';
import { loadMeeting, standing } from './meetings.ts';
import { meeting, meetingTask } from './schema.ts';

export type TaskRow = typeof meetingTask.$inferSelect;

/** Today in Asia/Shanghai, yyyy-mm-dd: a task is overdue from the day after its due date. */
export function shanghaiToday(at: Date = now()): string {
  return new Date(at.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
}

export async function presentTasks(db: Executor, actor: Actor, rows: TaskRow[]): Promise<TaskOut[]> {
  if (rows.length === 0) return [];
  const meetings = await db
    .select({ id: meeting.id, title: meeting.title })
    .from(meeting)
    .where(inArray(meeting.id, [...new Set(rows.map((r) => r.meetingId))]));
  const titles = new Map(meetings.map((m) => [m.id, m.title]));
  const today = shanghaiToday();
  return rows.map((t) => ({
    id: t.id,
    meetingId: t.meetingId,
    meetingTitle: titles.get(t.meetingId) ?? '',
    decisionId: t.decisionId,
    title: t.title,
    ownerName: t.ownerName,
    ownerUserId: t.ownerUserId,
    dueOn: t.dueOn,
    state: t.state as TaskState,
    overdue: t.state === 'open' && t.dueOn < today,
    result: t.result,
    doneAt: t.doneAt?.toISOString() ?? null,
    // meetings:manage here means "may record the result": the owner or an organiser in scope.
    allowed:
      t.state === 'open' && (t.ownerUserId === actor.userId || manages(actor, t.orgPath))
        ? ['meetings:manage']
        : [],
  }));
}

/** Tasks of meetings in the actor's scope, and the tasks they own. */
export async function listTasks({ actor, db }: QueryContext, q: z.infer<typeof taskQuery>) {
  const own = actor.userId ? eq(meetingTask.ownerUserId, actor.userId) : sql`false`;
  const where: (SQL | undefined)[] = [
    q.mine ? own : sql`(${scopeCondition(actor, 'meetings:read', meetingTask.orgPath)} or ${own})`,
  ];
  if (q.meetingId) where.push(eq(meetingTask.meetingId, q.meetingId));
  if (q.state) where.push(eq(meetingTask.state, q.state));
  if (q.overdue) where.push(eq(meetingTask.state, 'open'), lt(meetingTask.dueOn, shanghaiToday()));
  const cond = and(...where);
  const [rows, [{ n }]] = await Promise.all([
    db
      .select()
      .from(meetingTask)
      .where(cond)
      .orderBy(asc(meetingTask.state), asc(meetingTask.dueOn), asc(meetingTask.createdAt))
      .limit(q.pageSize)
      .offset((q.page - 1) * q.pageSize),
    db.select({ n: count() }).from(meetingTask).where(cond),
  ]);
  return { items: await presentTasks(db, actor, rows), total: n, page: q.page, pageSize: q.pageSize };
}

/** 任务办结: the owner, or an organiser in scope, records the result. */
export async function completeTask(ctx: CommandContext, id: string, result: string) {
  const [t] = await ctx.tx.select().from(meetingTask).where(eq(meetingTask.id, id)).for('update');
  if (!t) throw new AppError('not_found');
  const owner = t.ownerUserId !== null && t.ownerUserId === ctx.actor.userId;
  if (!owner && !manages(ctx.actor, t.orgPath)) {
    // Whoever may see the meeting learns they may not; anyone else learns nothing (404).
    await standing(ctx.tx, ctx.actor, await loadMeeting(ctx.tx, t.meetingId));
    throw new AppError('forbidden');
  }
  if (t.state === 'done') throw new AppError('task_done');
  const [row] = await ctx.tx
    .update(meetingTask)
    .set({ state: 'done', result, doneAt: now(), doneBy: ctx.actor.userId })
    .where(eq(meetingTask.id, id))
    .returning();
  await recordAudit(ctx, {
    action: 'meetings.task_done',
    subjectType: 'meeting_task',
    subjectId: id,
    orgPath: t.orgPath,
    summary: `会议任务「${t.title}」办结：${result}`.slice(0, 500),
  });
  return (await presentTasks(ctx.tx, ctx.actor, [row]))[0];
}
