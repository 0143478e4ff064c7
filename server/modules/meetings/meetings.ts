import { and, asc, count, desc, eq, gte, inArray, lt, type SQL, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type {
  AgendaKind,
  agendaIn,
  BodyKind,
  BodyLevel,
  DecisionKind,
  MeetingAction,
  MeetingOut,
  MeetingState,
  MeetingSummary,
  MemberRole,
  meetingIn,
  meetingQuery,
  meetingTransition,
} from '../../../common/contracts/meetings.ts';
import type { Executor } from '../../db/client.ts';
import type { Actor } from '../../platform/access.ts';
import { recordAudit } from '../../platform/audit.ts';
import { now } from '../../platform/clock.ts';
import type { CommandContext, QueryContext } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import { notify } from '../../platform/notify.ts';
import { loadCase, OPEN_STATES } from '../cases/index.ts';
import { nameOrgUnits, underUnit } from '../org/index.ts';
import { loadVenue, venueNames } from '../venues/index.ts';
import { type BodyRow, loadBody, type MemberRow, membersOfBodies, seatOf } from './bodies.ts';
import { attendeeKey, manages, mayAttend, meetingVisible } from './access.ts';
import {
  AGENDA_OPEN,
  canMove,
  DECIDING,
  MEETING_TRANSITIONS,
  OPEN_FOR_ATTENDANCE,
} from './meeting-machine.ts';
import {
  agendaItem,
  deliberativeBody,
  meeting,
  meetingAttendance,
  meetingDecision,
  meetingEvent,
  meetingRegistration,
  meetingTask,
} from './schema.ts';
import { presentTasks } from './tasks.ts';

export type MeetingRow = typeof meeting.$inferSelect;

export async function loadMeeting(db: Executor, id: string, lock = false): Promise<MeetingRow> {
  const q = db.select().from(meeting).where(eq(meeting.id, id));
  const [row] = lock ? await q.for('update') : await q;
  if (!row) throw new AppError('not_found');
  return row;
}

export type Standing = {
  body: BodyRow;
  members: MemberRow[];
  seat: MemberRow | undefined;
  registered: boolean;
  manager: boolean;
};

/** Who the actor is to this meeting; not visible to them at all → 404. */
export async function standing(db: Executor, actor: Actor, m: MeetingRow): Promise<Standing> {
  const body = await loadBody(db, m.bodyId);
  const members = (await membersOfBodies(db, [body.id])).get(body.id) ?? [];
  const seat = seatOf(actor, members);
  const key = attendeeKey(actor);
  const [reg] = key
    ? await db
        .select({ id: meetingRegistration.id })
        .from(meetingRegistration)
        .where(and(eq(meetingRegistration.meetingId, m.id), eq(meetingRegistration.attendeeKey, key)))
    : [];
  const manager = manages(actor, m.orgPath);
  const staffSees = actor.grants.some((g) => g.role !== 'resident' && m.orgPath.startsWith(g.orgPath));
  const visible = staffSees || !!seat || !!reg || mayAttend(actor, body, seat);
  if (!visible) throw new AppError('not_found');
  return { body, members, seat, registered: !!reg, manager };
}

function mayMove(s: Standing, action: MeetingAction): boolean {
  const by = MEETING_TRANSITIONS[action].by;
  if (s.manager) return true;
  const role = s.seat?.role;
  if (by === 'chair') return role === 'chair';
  if (by === 'secretary') return role === 'chair' || role === 'secretary';
  return false;
}
const mayRecord = (s: Standing) => s.manager || s.seat?.role === 'chair' || s.seat?.role === 'secretary';

async function appendEvent(
  tx: Executor,
  meetingId: string,
  e: { action: string; from: string | null; to: string; actor: Actor; note?: string | null; at?: Date },
) {
  await tx.insert(meetingEvent).values({
    meetingId,
    action: e.action,
    fromState: e.from,
    toState: e.to,
    actorUserId: e.actor.userId,
    actorName: e.actor.displayName,
    note: e.note ?? null,
    at: e.at ?? now(),
  });
}

async function summaries(db: Executor, rows: MeetingRow[]): Promise<MeetingSummary[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const bodyIds = [...new Set(rows.map((r) => r.bodyId))];
  const bodies = await db.select().from(deliberativeBody).where(inArray(deliberativeBody.id, bodyIds));
  const byBody = new Map(bodies.map((b) => [b.id, b]));
  const names = await nameOrgUnits(db, [...new Set(rows.map((r) => r.orgUnitId))]);
  const venues = await venueNames(
    db,
    rows.map((r) => r.venueId).filter((v): v is string => v !== null),
  );
  const att = await db
    .select({ id: meetingAttendance.meetingId, n: count() })
    .from(meetingAttendance)
    .where(inArray(meetingAttendance.meetingId, ids))
    .groupBy(meetingAttendance.meetingId);
  const reg = await db
    .select({ id: meetingRegistration.meetingId, n: count() })
    .from(meetingRegistration)
    .where(inArray(meetingRegistration.meetingId, ids))
    .groupBy(meetingRegistration.meetingId);
  const attN = new Map(att.map((a) => [a.id, a.n]));
  const regN = new Map(reg.map((a) => [a.id, a.n]));
  return rows.map((r) => {
    const b = byBody.get(r.bodyId)!;
    return {
      id: r.id,
      title: r.title,
      state: r.state as MeetingState,
      bodyId: b.id,
      bodyName: b.name,
      bodyKind: b.kind as BodyKind,
      level: b.level as BodyLevel,
      orgUnitId: r.orgUnitId,
      orgUnitName: names.get(r.orgUnitId) ?? '',
      venueId: r.venueId,
      venueName: r.venueId ? (venues.get(r.venueId) ?? null) : null,
      startsAt: r.startsAt.toISOString(),
      endsAt: r.endsAt.toISOString(),
      attendance: attN.get(r.id) ?? 0,
      registrations: regN.get(r.id) ?? 0,
    };
  });
}

export async function presentMeeting(
  db: Executor,
  actor: Actor,
  m: MeetingRow,
  s?: Standing,
): Promise<MeetingOut> {
  const st = s ?? (await standing(db, actor, m));
  const [summary] = await summaries(db, [m]);
  const agenda = await db
    .select()
    .from(agendaItem)
    .where(eq(agendaItem.meetingId, m.id))
    .orderBy(asc(agendaItem.position));
  const caseStates = new Map<string, string>();
  for (const a of agenda)
    if (a.caseId)
      caseStates.set(a.caseId, (await loadCase(db, a.caseId).catch(() => null))?.state ?? 'unknown');
  const decisions = await db
    .select()
    .from(meetingDecision)
    .where(eq(meetingDecision.meetingId, m.id))
    .orderBy(asc(meetingDecision.createdAt));
  const tasks = await db.select().from(meetingTask).where(eq(meetingTask.meetingId, m.id));
  const taskOuts = await presentTasks(db, actor, tasks);
  const taskByDecision = new Map(taskOuts.map((t) => [t.decisionId, t]));
  const attendees = await db
    .select()
    .from(meetingAttendance)
    .where(eq(meetingAttendance.meetingId, m.id))
    .orderBy(asc(meetingAttendance.at));
  const history = await db
    .select()
    .from(meetingEvent)
    .where(eq(meetingEvent.meetingId, m.id))
    .orderBy(asc(meetingEvent.at));
  const key = attendeeKey(actor);
  const state = m.state as MeetingState;
  const actions: MeetingOut['actions'] = [];
  for (const a of Object.keys(MEETING_TRANSITIONS) as MeetingAction[]) {
    if (!canMove(state, a) || !mayMove(st, a)) continue;
    if (a === 'approve_minutes' && (!m.minutesText || m.minutesDraftedBy === actor.userId)) continue;
    actions.push(a);
  }
  const checkedIn = !!key && attendees.some((x) => x.attendeeKey === key);
  if (st.manager && AGENDA_OPEN.includes(state)) actions.push('edit_agenda');
  if (OPEN_FOR_ATTENDANCE.includes(state) && mayAttend(actor, st.body, st.seat)) {
    if (state === 'scheduled' && !st.registered) actions.push('register');
    if (!checkedIn) actions.push('check_in');
  }
  if (OPEN_FOR_ATTENDANCE.includes(state) && mayRecord(st)) actions.push('show_code');
  if (state === 'minutes_draft' && mayRecord(st)) actions.push('write_minutes');
  if (DECIDING.includes(state) && mayRecord(st)) actions.push('decide');
  return {
    ...summary,
    agenda: agenda.map((a) => ({
      id: a.id,
      position: a.position,
      kind: a.kind as AgendaKind,
      caseId: a.caseId,
      caseState: a.caseId ? (caseStates.get(a.caseId) ?? null) : null,
      projectId: a.projectId,
      title: a.title,
      note: a.note,
    })),
    decisions: decisions.map((d) => ({
      id: d.id,
      kind: d.kind as DecisionKind,
      agendaItemId: d.agendaItemId,
      text: d.text,
      caseId: d.caseId,
      task: taskByDecision.get(d.id) ?? null,
      createdAt: d.createdAt.toISOString(),
    })),
    attendees: attendees.map((x) => ({ name: x.name, via: x.via, at: x.at.toISOString(), member: x.member })),
    members: st.members.length,
    minutes:
      m.minutesText === null
        ? null
        : {
            text: m.minutesText,
            draftedBy: m.minutesDraftedByName,
            draftedAt: m.minutesDraftedAt?.toISOString() ?? null,
            approvedBy: m.minutesApprovedByName,
            approvedAt: m.minutesApprovedAt?.toISOString() ?? null,
            attendance: m.attendanceSnapshot?.count ?? null,
          },
    history: history.map((h) => ({
      action: h.action,
      fromState: h.fromState,
      toState: h.toState,
      actorName: h.actorName,
      note: h.note,
      at: h.at.toISOString(),
    })),
    me: { role: (st.seat?.role as MemberRole) ?? null, registered: st.registered, checkedIn },
    actions,
  };
}

export async function getMeeting({ actor, db }: QueryContext, id: string) {
  return presentMeeting(db, actor, await loadMeeting(db, id));
}

const SHANGHAI = 8 * 3_600_000;
/** Midnight in Asia/Shanghai of a yyyy-mm-dd date. */
export function shanghaiMidnight(day: string): Date {
  return new Date(new Date(`${day}T00:00:00Z`).getTime() - SHANGHAI);
}

export async function listMeetings({ actor, db }: QueryContext, q: z.infer<typeof meetingQuery>) {
  const where: (SQL | undefined)[] = [meetingVisible(actor, { staff: !q.mine })];
  if (q.bodyId) where.push(eq(meeting.bodyId, q.bodyId));
  if (q.state) where.push(eq(meeting.state, q.state));
  if (q.orgUnitId) where.push(await underUnit(db, meeting.orgPath, q.orgUnitId));
  if (q.from) where.push(gte(meeting.startsAt, shanghaiMidnight(q.from)));
  if (q.to) where.push(lt(meeting.startsAt, new Date(shanghaiMidnight(q.to).getTime() + 86_400_000)));
  const cond = and(...where);
  const [rows, [{ n }]] = await Promise.all([
    db
      .select()
      .from(meeting)
      .where(cond)
      .orderBy(q.mine ? asc(meeting.startsAt) : desc(meeting.startsAt))
      .limit(q.pageSize)
      .offset((q.page - 1) * q.pageSize),
    db.select({ n: count() }).from(meeting).where(cond),
  ]);
  return { items: await summaries(db, rows), total: n, page: q.page, pageSize: q.pageSize };
}

/** The user accounts of a body's members: who gets the invitation in their inbox. */
function memberUsers(members: MemberRow[]): string[] {
  return members.map((m) => m.userId).filter((u): u is string => u !== null);
}

async function insertAgenda(
  ctx: CommandContext,
  m: MeetingRow,
  items: z.infer<typeof agendaIn>[],
  startAt: number,
) {
  const rows: (typeof agendaItem.$inferInsert)[] = [];
  let position = startAt;
  for (const a of items) {
    let title = a.title ?? '';
    if (a.kind === 'case') {
      const c = await loadCase(ctx.tx, a.caseId!).catch(() => null);
      // A case outside the body's area, or already closed, cannot be deliberated here.
      if (!c?.orgPath.startsWith(m.orgPath) || !OPEN_STATES.includes(c.state as never))
        throw new AppError('agenda_case_invalid');
      title ||= `${c.categoryName}：${c.description.slice(0, 60)}`;
    }
    rows.push({
      meetingId: m.id,
      position: position++,
      kind: a.kind,
      caseId: a.kind === 'case' ? a.caseId! : null,
      projectId: a.kind === 'project' ? a.projectId! : null,
      title,
      note: a.note,
    });
  }
  if (rows.length) await ctx.tx.insert(agendaItem).values(rows);
  return rows;
}

export async function scheduleMeeting(ctx: CommandContext, input: z.infer<typeof meetingIn>) {
  const body = await loadBody(ctx.tx, input.bodyId);
  const members = (await membersOfBodies(ctx.tx, [body.id])).get(body.id) ?? [];
  if (!manages(ctx.actor, body.orgPath)) {
    // A member without the organiser's grant may see the body but not schedule for it.
    if (
      seatOf(ctx.actor, members) ||
      ctx.actor.grants.some((g) => body.orgPath.startsWith(g.orgPath) && g.role !== 'resident')
    )
      throw new AppError('forbidden');
    throw new AppError('not_found');
  }
  const startsAt = new Date(input.startsAt);
  const endsAt = new Date(input.endsAt);
  if (endsAt <= startsAt) throw new AppError('meeting_time_invalid');
  if (input.venueId) {
    const v = await loadVenue(ctx.tx, input.venueId);
    // The venue must serve the body's area: the same community.
    const community = body.orgPath.split('/').slice(0, 5).join('/');
    if (!v.orgPath.startsWith(`${community}/`) && !body.orgPath.startsWith(v.orgPath))
      throw new AppError('not_found');
  }
  const [m] = await ctx.tx
    .insert(meeting)
    .values({
      districtId: body.districtId,
      bodyId: body.id,
      orgUnitId: body.orgUnitId,
      orgPath: body.orgPath,
      title: input.title,
      venueId: input.venueId,
      startsAt,
      endsAt,
      state: 'scheduled',
      createdBy: ctx.actor.userId,
    })
    .returning();
  await insertAgenda(ctx, m, input.agenda, 1);
  await appendEvent(ctx.tx, m.id, { action: 'schedule', from: null, to: 'scheduled', actor: ctx.actor });
  await notify(ctx.tx, {
    recipients: memberUsers(members),
    kind: 'meetings.invited',
    title: `会议通知：${body.name}「${m.title}」`,
    body: `时间 ${startsAt.toISOString()}`,
    link: `/m/meetings/${m.id}`,
    subject: { type: 'meeting', id: m.id },
    dedupeKey: `meeting-invite:${m.id}`,
  });
  await recordAudit(ctx, {
    action: 'meetings.scheduled',
    subjectType: 'meeting',
    subjectId: m.id,
    orgPath: m.orgPath,
    orgUnitId: m.orgUnitId,
    summary: `安排会议「${m.title}」（${body.name}），议题 ${input.agenda.length} 项`,
  });
  return presentMeeting(ctx.tx, ctx.actor, m);
}

export async function transitionMeeting(
  ctx: CommandContext,
  id: string,
  input: z.infer<typeof meetingTransition>,
) {
  const m = await loadMeeting(ctx.tx, id, true);
  const s = await standing(ctx.tx, ctx.actor, m);
  if (!mayMove(s, input.action)) throw new AppError('forbidden');
  if (!canMove(m.state as MeetingState, input.action))
    throw new AppError('illegal_transition', { state: m.state, action: input.action });
  const to = MEETING_TRANSITIONS[input.action].to;
  const at = now();
  const patch: Partial<MeetingRow> = { state: to, updatedAt: at };
  if (input.action === 'approve_minutes') {
    if (!m.minutesText) throw new AppError('minutes_missing');
    if (m.minutesDraftedBy !== null && m.minutesDraftedBy === ctx.actor.userId)
      throw new AppError('minutes_drafter_cannot_approve');
    Object.assign(patch, {
      minutesApprovedBy: ctx.actor.userId,
      minutesApprovedByName: ctx.actor.displayName,
      minutesApprovedAt: at,
    });
  }
  const [row] = await ctx.tx.update(meeting).set(patch).where(eq(meeting.id, id)).returning();
  await appendEvent(ctx.tx, id, {
    action: input.action,
    from: m.state,
    to,
    actor: ctx.actor,
    note: input.note,
    at,
  });
  if (input.action === 'cancel')
    await notify(ctx.tx, {
      recipients: memberUsers(s.members),
      kind: 'meetings.cancelled',
      title: `会议取消：「${m.title}」`,
      body: input.note,
      link: `/m/meetings/${m.id}`,
      subject: { type: 'meeting', id: m.id },
      dedupeKey: `meeting-cancel:${m.id}`,
    });
  await recordAudit(ctx, {
    action: `meetings.${input.action === 'approve_minutes' ? 'minutes_approved' : PAST[input.action]}`,
    subjectType: 'meeting',
    subjectId: id,
    orgPath: m.orgPath,
    orgUnitId: m.orgUnitId,
    summary: `会议「${m.title}」：${m.state} → ${to}${input.note ? `（${input.note}）` : ''}`,
  });
  return presentMeeting(ctx.tx, ctx.actor, row);
}
const PAST: Record<MeetingAction, string> = {
  start: 'started',
  end: 'ended',
  approve_minutes: 'minutes_approved',
  close: 'closed',
  cancel: 'cancelled',
};

export async function addAgenda(ctx: CommandContext, id: string, items: z.infer<typeof agendaIn>[]) {
  const m = await loadMeeting(ctx.tx, id, true);
  const s = await standing(ctx.tx, ctx.actor, m);
  if (!s.manager) throw new AppError('forbidden');
  if (!AGENDA_OPEN.includes(m.state as MeetingState))
    throw new AppError('illegal_transition', { state: m.state, action: 'edit_agenda' });
  const [{ max }] = await ctx.tx
    .select({ max: sql<number>`coalesce(max(${agendaItem.position}), 0)::int` })
    .from(agendaItem)
    .where(eq(agendaItem.meetingId, id));
  const rows = await insertAgenda(ctx, m, items, max + 1);
  await recordAudit(ctx, {
    action: 'meetings.agenda_added',
    subjectType: 'meeting',
    subjectId: id,
    orgPath: m.orgPath,
    orgUnitId: m.orgUnitId,
    summary: `会议「${m.title}」增加议题：${rows.map((r) => r.title).join('；')}`.slice(0, 500),
  });
  return presentMeeting(ctx.tx, ctx.actor, m, s);
}

export async function removeAgenda(ctx: CommandContext, id: string, itemId: string) {
  const m = await loadMeeting(ctx.tx, id, true);
  const s = await standing(ctx.tx, ctx.actor, m);
  if (!s.manager) throw new AppError('forbidden');
  if (!AGENDA_OPEN.includes(m.state as MeetingState))
    throw new AppError('illegal_transition', { state: m.state, action: 'edit_agenda' });
  const [decided] = await ctx.tx
    .select({ id: meetingDecision.id })
    .from(meetingDecision)
    .where(eq(meetingDecision.agendaItemId, itemId))
    .limit(1);
  if (decided) throw new AppError('conflict', { reason: 'the item has decisions' });
  const [gone] = await ctx.tx
    .delete(agendaItem)
    .where(and(eq(agendaItem.id, itemId), eq(agendaItem.meetingId, id)))
    .returning();
  if (!gone) throw new AppError('not_found');
  await recordAudit(ctx, {
    action: 'meetings.agenda_removed',
    subjectType: 'meeting',
    subjectId: id,
    orgPath: m.orgPath,
    orgUnitId: m.orgUnitId,
    summary: `会议「${m.title}」移除议题：${gone.title}`,
  });
  return presentMeeting(ctx.tx, ctx.actor, m, s);
}

export async function registerFor(ctx: CommandContext, id: string) {
  const m = await loadMeeting(ctx.tx, id);
  const s = await standing(ctx.tx, ctx.actor, m);
  if (!mayAttend(ctx.actor, s.body, s.seat)) throw new AppError('not_meeting_attendee');
  if (m.state !== 'scheduled')
    throw new AppError('illegal_transition', { state: m.state, action: 'register' });
  const key = attendeeKey(ctx.actor)!;
  const inserted = await ctx.tx
    .insert(meetingRegistration)
    .values({
      meetingId: id,
      attendeeKey: key,
      personId: ctx.actor.personId,
      userId: ctx.actor.userId,
      name: s.seat?.name ?? ctx.actor.displayName,
    })
    .onConflictDoNothing()
    .returning({ id: meetingRegistration.id });
  if (inserted.length)
    await recordAudit(ctx, {
      action: 'meetings.registered',
      subjectType: 'meeting',
      subjectId: id,
      orgPath: m.orgPath,
      orgUnitId: m.orgUnitId,
      summary: `报名参加会议「${m.title}」`,
    });
  return presentMeeting(ctx.tx, ctx.actor, m);
}

export async function writeMinutes(ctx: CommandContext, id: string, text: string) {
  const m = await loadMeeting(ctx.tx, id, true);
  const s = await standing(ctx.tx, ctx.actor, m);
  if (!mayRecord(s)) throw new AppError('forbidden');
  if (m.state !== 'minutes_draft')
    throw new AppError('illegal_transition', { state: m.state, action: 'write_minutes' });
  const attendees = await ctx.tx
    .select({ name: meetingAttendance.name })
    .from(meetingAttendance)
    .where(eq(meetingAttendance.meetingId, id))
    .orderBy(asc(meetingAttendance.at));
  const at = now();
  const [row] = await ctx.tx
    .update(meeting)
    .set({
      minutesText: text,
      minutesDraftedBy: ctx.actor.userId,
      minutesDraftedByName: ctx.actor.displayName,
      minutesDraftedAt: at,
      attendanceSnapshot: { count: attendees.length, names: attendees.map((a) => a.name) },
      updatedAt: at,
    })
    .where(eq(meeting.id, id))
    .returning();
  await appendEvent(ctx.tx, id, {
    action: 'draft_minutes',
    from: m.state,
    to: m.state,
    actor: ctx.actor,
    at,
  });
  await recordAudit(ctx, {
    action: 'meetings.minutes_drafted',
    subjectType: 'meeting',
    subjectId: id,
    orgPath: m.orgPath,
    orgUnitId: m.orgUnitId,
    summary: `起草会议「${m.title}」纪要（到会 ${attendees.length} 人）`,
  });
  return presentMeeting(ctx.tx, ctx.actor, row, s);
}

export { mayRecord };
