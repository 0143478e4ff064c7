import { and, asc, desc, eq, inArray, like, sql } from 'drizzle-orm';
import type {
  AgendaKind,
  BodyKind,
  DecisionKind,
  MeetingState,
  PublicMeetingList,
  PublicOutcome,
} from '../../../common/contracts/meetings.ts';
import { maskName } from '../../../common/masking.ts';
import type { Db } from '../../db/client.ts';
import { AppError } from '../../platform/errors.ts';
import { loadOrgUnit, nameOrgUnits } from '../org/index.ts';
import { venueNames } from '../venues/index.ts';
import { loadBody } from './bodies.ts';
import { PUBLISHED } from './meeting-machine.ts';
import {
  agendaItem,
  deliberativeBody,
  meeting,
  meetingAttendance,
  meetingDecision,
  meetingTask,
} from './schema.ts';
import { count } from 'drizzle-orm';

/**
 * 议事结果公开: once the minutes are approved, anyone may read what was on the agenda, what was
 * decided and how far each decision has got. Owners' names are masked; no attendee is named.
 * Before approval (or for a cancelled meeting) the page does not exist.
 */
export async function publicOutcome(db: Db, id: string): Promise<PublicOutcome> {
  const [m] = await db.select().from(meeting).where(eq(meeting.id, id));
  if (!m || !PUBLISHED.includes(m.state as MeetingState)) throw new AppError('not_found');
  const body = await loadBody(db, m.bodyId);
  const units = await nameOrgUnits(db, [m.orgUnitId]);
  const venues = await venueNames(db, m.venueId ? [m.venueId] : []);
  const agenda = await db
    .select()
    .from(agendaItem)
    .where(eq(agendaItem.meetingId, id))
    .orderBy(asc(agendaItem.position));
  const decisions = await db
    .select()
    .from(meetingDecision)
    .where(eq(meetingDecision.meetingId, id))
    .orderBy(asc(meetingDecision.createdAt));
  const tasks = await db.select().from(meetingTask).where(eq(meetingTask.meetingId, id));
  const taskOf = new Map(tasks.map((t) => [t.decisionId, t]));
  const [{ n }] = await db
    .select({ n: count() })
    .from(meetingAttendance)
    .where(eq(meetingAttendance.meetingId, id));
  return {
    id: m.id,
    title: m.title,
    bodyName: body.name,
    bodyKind: body.kind as BodyKind,
    orgUnitName: units.get(m.orgUnitId) ?? '',
    venueName: m.venueId ? (venues.get(m.venueId) ?? null) : null,
    startsAt: m.startsAt.toISOString(),
    state: m.state as MeetingState,
    attendance: n,
    agenda: agenda.map((a) => ({ position: a.position, kind: a.kind as AgendaKind, title: a.title })),
    decisions: decisions.map((d) => {
      const t = taskOf.get(d.id);
      return {
        text: d.text,
        kind: d.kind as DecisionKind,
        ownerName: t ? maskName(t.ownerName) : null,
        dueOn: t?.dueOn ?? null,
        state: t ? (t.state as 'open' | 'done') : d.kind === 'dispatch_case' ? 'dispatched' : 'resolved',
        result: t?.result ?? null,
        doneAt: t?.doneAt?.toISOString() ?? null,
      };
    }),
  };
}

/** 议事结果公开 of a community: its published meetings, latest first (the last 100). */
export async function publicMeetings(db: Db, communityId: string): Promise<PublicMeetingList> {
  const unit = await loadOrgUnit(db, communityId);
  if (unit.kind !== 'community') throw new AppError('not_found');
  const rows = await db
    .select({
      id: meeting.id,
      title: meeting.title,
      bodyName: deliberativeBody.name,
      bodyKind: deliberativeBody.kind,
      startsAt: meeting.startsAt,
      decisions: sql<number>`(select count(*) from ${meetingDecision} where ${meetingDecision.meetingId} = ${meeting.id})::int`,
      tasks: sql<number>`(select count(*) from ${meetingTask} where ${meetingTask.meetingId} = ${meeting.id})::int`,
      tasksDone: sql<number>`(select count(*) from ${meetingTask} where ${meetingTask.meetingId} = ${meeting.id} and ${meetingTask.state} = 'done')::int`,
    })
    .from(meeting)
    .innerJoin(deliberativeBody, eq(deliberativeBody.id, meeting.bodyId))
    .where(and(like(meeting.orgPath, `${unit.path}%`), inArray(meeting.state, [...PUBLISHED])))
    .orderBy(desc(meeting.startsAt))
    .limit(100);
  return {
    items: rows.map((r) => ({
      ...r,
      bodyKind: r.bodyKind as BodyKind,
      startsAt: r.startsAt.toISOString(),
      decisions: Number(r.decisions),
      tasks: Number(r.tasks),
      tasksDone: Number(r.tasksDone),
    })),
  };
}
