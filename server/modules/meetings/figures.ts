import { and, count, countDistinct, eq, gte, inArray, lt, ne, type SQL, sql } from 'drizzle-orm';
import type { z } from 'zod';
import {
  BODY_KINDS,
  BODY_LEVELS,
  type figuresQuery,
  type MeetingFigures,
} from '../../../common/contracts/meetings.ts';
import { scopeCondition } from '../../platform/access.ts';
import type { QueryContext } from '../../platform/context.ts';
import { civicCase } from '../cases/index.ts';
import { underUnit } from '../org/index.ts';
import { shanghaiMidnight } from './meetings.ts';
import {
  agendaItem,
  deliberativeBody,
  meeting,
  meetingAttendance,
  meetingDecision,
  meetingTask,
} from './schema.ts';
import { shanghaiToday } from './tasks.ts';

const HELD = ['in_session', 'minutes_draft', 'minutes_approved', 'closed'];
/** 通过议事解决: an agenda case now completed or closed. */
const RESOLVED = ['completed', 'closed'];

/**
 * 议事figures: meetings by level and body, attendance, decisions and tasks done, cases resolved
 * through deliberation. Cancelled meetings are not counted; one SQL aggregate per figure.
 */
export async function meetingFigures(
  { actor, db }: QueryContext,
  q: z.infer<typeof figuresQuery>,
): Promise<MeetingFigures> {
  const where: (SQL | undefined)[] = [
    scopeCondition(actor, 'meetings:manage', meeting.orgPath),
    ne(meeting.state, 'cancelled'),
  ];
  if (q.orgUnitId) where.push(await underUnit(db, meeting.orgPath, q.orgUnitId));
  if (q.from) where.push(gte(meeting.startsAt, shanghaiMidnight(q.from)));
  if (q.to) where.push(lt(meeting.startsAt, new Date(shanghaiMidnight(q.to).getTime() + 86_400_000)));
  const cond = and(...where);
  const inScope = db.select({ id: meeting.id }).from(meeting).where(cond);

  const byGroup = await db
    .select({ level: deliberativeBody.level, kind: deliberativeBody.kind, n: count() })
    .from(meeting)
    .innerJoin(deliberativeBody, eq(deliberativeBody.id, meeting.bodyId))
    .where(cond)
    .groupBy(deliberativeBody.level, deliberativeBody.kind);
  const [{ held }] = await db
    .select({ held: count() })
    .from(meeting)
    .where(and(cond, inArray(meeting.state, HELD)));
  const [{ attendance }] = await db
    .select({ attendance: count() })
    .from(meetingAttendance)
    .where(inArray(meetingAttendance.meetingId, inScope));
  const [{ decisions }] = await db
    .select({ decisions: count() })
    .from(meetingDecision)
    .where(inArray(meetingDecision.meetingId, inScope));
  const [t] = await db
    .select({
      tasks: count(),
      done: sql<number>`count(*) filter (where ${meetingTask.state} = 'done')::int`,
      overdue: sql<number>`count(*) filter (where ${meetingTask.state} = 'open' and ${meetingTask.dueOn} < ${shanghaiToday()})::int`,
    })
    .from(meetingTask)
    .where(inArray(meetingTask.meetingId, inScope));
  const [c] = await db
    .select({
      cases: countDistinct(agendaItem.caseId),
      resolved: sql<number>`count(distinct ${agendaItem.caseId}) filter (where ${inArray(civicCase.state, RESOLVED)})::int`,
    })
    .from(agendaItem)
    .leftJoin(civicCase, eq(civicCase.id, agendaItem.caseId))
    .where(and(inArray(agendaItem.meetingId, inScope), sql`${agendaItem.caseId} is not null`));

  const sum = (f: (g: (typeof byGroup)[number]) => boolean) =>
    byGroup.filter(f).reduce((a, g) => a + Number(g.n), 0);
  return {
    meetings: sum(() => true),
    held: Number(held),
    byLevel: BODY_LEVELS.map((level) => ({ level, meetings: sum((g) => g.level === level) })),
    byKind: BODY_KINDS.map((kind) => ({ kind, meetings: sum((g) => g.kind === kind) })),
    attendance: Number(attendance),
    decisions: Number(decisions),
    tasks: Number(t.tasks),
    tasksDone: Number(t.done),
    tasksOverdue: Number(t.overdue),
    agendaCases: Number(c.cases),
    casesResolved: Number(c.resolved),
  };
}
