import { eq } from 'drizzle-orm';
import type { z } from 'zod';
import type { decisionIn, MeetingState } from '../../../common/contracts/meetings.ts';
import { recordAudit } from '../../platform/audit.ts';
import type { CommandContext } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import { notify } from '../../platform/notify.ts';
import { transitionCase } from '../cases/index.ts';
import { DECIDING } from './meeting-machine.ts';
import { loadMeeting, mayRecord, presentMeeting, standing } from './meetings.ts';
import { agendaItem, meetingDecision, meetingTask } from './schema.ts';

/**
 * 议定事项: each decision either dispatches the agenda item's case through the cases module's own
 * transition (社区派单, with the meeting recorded on the case), becomes a task with owner and
 * deadline, or stands as a resolution. One transaction: if the case refuses the dispatch, no
 * decision is recorded.
 */
export async function decide(ctx: CommandContext, id: string, input: z.infer<typeof decisionIn>) {
  const m = await loadMeeting(ctx.tx, id, true);
  const s = await standing(ctx.tx, ctx.actor, m);
  if (!mayRecord(s)) throw new AppError('forbidden');
  if (!DECIDING.includes(m.state as MeetingState))
    throw new AppError('illegal_transition', { state: m.state, action: 'decide' });
  let item: typeof agendaItem.$inferSelect | undefined;
  if (input.agendaItemId) {
    [item] = await ctx.tx.select().from(agendaItem).where(eq(agendaItem.id, input.agendaItemId));
    if (!item || item.meetingId !== id) throw new AppError('not_found');
  }
  let caseId: string | null = null;
  if (input.kind === 'dispatch_case') {
    if (!item?.caseId)
      throw new AppError('validation_failed', { field: 'agendaItemId', reason: 'not a case' });
    caseId = item.caseId;
    await transitionCase(ctx, caseId, {
      action: 'dispatch',
      assignee: input.assignee,
      note: `议事决定（${m.title}）：${input.text}`.slice(0, 1000),
      meetingId: m.id,
      photoIds: [],
    });
  }
  const [d] = await ctx.tx
    .insert(meetingDecision)
    .values({
      meetingId: id,
      agendaItemId: item?.id ?? null,
      kind: input.kind,
      text: input.text,
      caseId,
      createdBy: ctx.actor.userId,
    })
    .returning();
  if (input.kind === 'task') {
    const [t] = await ctx.tx
      .insert(meetingTask)
      .values({
        districtId: m.districtId,
        meetingId: id,
        decisionId: d.id,
        orgPath: m.orgPath,
        title: input.text.slice(0, 200),
        ownerName: input.ownerName,
        ownerUserId: input.ownerUserId ?? null,
        dueOn: input.dueOn,
        state: 'open',
      })
      .returning();
    await notify(ctx.tx, {
      recipients: [t.ownerUserId],
      kind: 'meetings.task_assigned',
      title: `会议任务：${t.title}`,
      body: `来自「${m.title}」，${t.dueOn} 前完成`,
      link: `/m/meetings/${id}`,
      subject: { type: 'meeting_task', id: t.id },
      dedupeKey: `meeting-task:${t.id}`,
    });
  }
  await recordAudit(ctx, {
    action: 'meetings.decided',
    subjectType: 'meeting',
    subjectId: id,
    orgPath: m.orgPath,
    orgUnitId: m.orgUnitId,
    summary: `会议「${m.title}」议定：${input.text}`.slice(0, 500),
  });
  return presentMeeting(ctx.tx, ctx.actor, m, s);
}
