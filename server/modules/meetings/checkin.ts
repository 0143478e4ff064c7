import { count, eq } from 'drizzle-orm';
import type { MeetingState } from '../../../common/contracts/meetings.ts';
import { recordAudit } from '../../platform/audit.ts';
import { now } from '../../platform/clock.ts';
import type { CommandContext, QueryContext } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import { qrSvg } from '../../platform/qr.ts';
import { currentCode, type RotatingQr, verifyCode } from '../../platform/rotating-qr.ts';
import { attendeeKey, mayAttend } from './access.ts';
import { OPEN_FOR_ATTENDANCE } from './meeting-machine.ts';
import { loadMeeting, mayRecord, standing } from './meetings.ts';
import { meetingAttendance } from './schema.ts';

const PURPOSE = 'meeting-checkin';

/** The organiser's phone: the code of this moment, as text and as a QR of the check-in link. */
export async function checkinCode({ actor, db }: QueryContext, qr: RotatingQr, id: string) {
  const m = await loadMeeting(db, id);
  const s = await standing(db, actor, m);
  if (!mayRecord(s)) throw new AppError('forbidden');
  if (!OPEN_FOR_ATTENDANCE.includes(m.state as MeetingState))
    throw new AppError('illegal_transition', { state: m.state, action: 'show_code' });
  const c = currentCode(qr, PURPOSE, id, now());
  const link = `/m/meetings/${id}/check-in?code=${c.code}`;
  return {
    code: c.code,
    link,
    qrSvg: await qrSvg(link),
    refreshInSeconds: c.refreshInSeconds,
    stepSeconds: c.stepSeconds,
  };
}

/**
 * 扫码签到. The code proves presence at the venue now; the unique (meeting, person) row makes a
 * second scan — or two at once from two phones of one person — a no-op that says "already".
 */
export async function checkIn(ctx: CommandContext, qr: RotatingQr, id: string, code: string) {
  const m = await loadMeeting(ctx.tx, id);
  const s = await standing(ctx.tx, ctx.actor, m);
  if (!mayAttend(ctx.actor, s.body, s.seat)) throw new AppError('not_meeting_attendee');
  if (!OPEN_FOR_ATTENDANCE.includes(m.state as MeetingState))
    throw new AppError('illegal_transition', { state: m.state, action: 'check_in' });
  const step = verifyCode(qr, PURPOSE, id, code, now());
  const key = attendeeKey(ctx.actor)!;
  const inserted = await ctx.tx
    .insert(meetingAttendance)
    .values({
      meetingId: id,
      attendeeKey: key,
      personId: ctx.actor.personId,
      userId: ctx.actor.userId,
      name: s.seat?.name ?? ctx.actor.displayName,
      member: !!s.seat,
      via: 'qr',
      codeStep: step,
      at: now(),
    })
    .onConflictDoNothing()
    .returning({ id: meetingAttendance.id });
  if (inserted.length)
    await recordAudit(ctx, {
      action: 'meetings.checked_in',
      subjectType: 'meeting',
      subjectId: id,
      orgPath: m.orgPath,
      orgUnitId: m.orgUnitId,
      summary: `扫码签到会议「${m.title}」`,
    });
  const [{ n }] = await ctx.tx
    .select({ n: count() })
    .from(meetingAttendance)
    .where(eq(meetingAttendance.meetingId, id));
  return { checkedIn: true, already: inserted.length === 0, attendance: n };
}
