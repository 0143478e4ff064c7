import { and, asc, eq } from 'drizzle-orm';
import type { AttendanceIn } from '../../../common/contracts/activities.ts';
import { recordAudit } from '../../platform/audit.ts';
import { now, shanghaiDate } from '../../platform/clock.ts';
import type { CommandContext, QueryContext } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import { notify } from '../../platform/notify.ts';
import { qrSvg } from '../../platform/qr.ts';
import { currentCode, type RotatingQr, verifyCode } from '../../platform/rotating-qr.ts';
import { raiseSystemClaim } from '../points/index.ts';
import {
  type ActivityRow,
  assertManager,
  assertVisible,
  inCheckinWindow,
  lengthMinutes,
  loadActivity,
  presentActivity,
  recordedMinutes,
  type SignupRow,
} from './activities.ts';
import { activity, activitySignup, volunteerHours } from './activity-schema.ts';

type Purpose = 'checkin' | 'checkout';
/** The rotating-QR purposes: a check-in code is no check-out code, and fits no other activity. */
const qrPurpose = (p: Purpose) => (p === 'checkin' ? 'activity.checkin' : 'activity.checkout');

async function tally(db: QueryContext['db'], id: string) {
  const rows = await db
    .select({ in: activitySignup.checkedInAt, out: activitySignup.checkedOutAt })
    .from(activitySignup)
    .where(and(eq(activitySignup.activityId, id), eq(activitySignup.status, 'confirmed')));
  return {
    confirmed: rows.length,
    checkedIn: rows.filter((r) => r.in).length,
    checkedOut: rows.filter((r) => r.out).length,
  };
}

/** The organiser's phone: this moment's check-in (or check-out) code, as text and as a QR of the scan link. */
export async function activityCode(
  { actor, db }: QueryContext,
  qr: RotatingQr,
  id: string,
  purpose: Purpose,
) {
  const a = await loadActivity(db, id);
  await assertManager(db, actor, a);
  if (a.state !== 'open' || a.confirmedAt) throw new AppError('activity_closed');
  if (!inCheckinWindow(a, now())) throw new AppError('checkin_window_closed');
  const c = currentCode(qr, qrPurpose(purpose), id, now());
  const link = `/m/activities/${id}/scan?purpose=${purpose}&code=${c.code}`;
  return {
    purpose,
    code: c.code,
    link,
    qrSvg: await qrSvg(link),
    refreshInSeconds: c.refreshInSeconds,
    stepSeconds: c.stepSeconds,
    ...(await tally(db, id)),
  };
}

/** The actor's confirmed place, locked; checks the activity is open, in its window, and the code. */
async function scanPrelude(ctx: CommandContext, qr: RotatingQr, id: string, code: string, purpose: Purpose) {
  const a = await loadActivity(ctx.tx, id);
  assertVisible(ctx.actor, a);
  if (a.state !== 'open' || a.confirmedAt) throw new AppError('activity_closed');
  const at = now();
  if (!inCheckinWindow(a, at)) throw new AppError('checkin_window_closed');
  verifyCode(qr, qrPurpose(purpose), id, code, at);
  const [mine] = ctx.actor.personId
    ? await ctx.tx
        .select()
        .from(activitySignup)
        .where(and(eq(activitySignup.activityId, id), eq(activitySignup.personId, ctx.actor.personId)))
        .for('update')
    : [];
  if (mine?.status !== 'confirmed') throw new AppError('not_signed_up');
  return { a, mine, at };
}

/** 扫码签到: only a confirmed participant, at the place (the rotating code), in the window. */
export async function checkIn(ctx: CommandContext, qr: RotatingQr, id: string, code: string) {
  const { a, mine, at } = await scanPrelude(ctx, qr, id, code, 'checkin');
  if (mine.checkedInAt)
    return { purpose: 'checkin' as const, already: true, at: mine.checkedInAt.toISOString(), minutes: null };
  await ctx.tx.update(activitySignup).set({ checkedInAt: at }).where(eq(activitySignup.id, mine.id));
  await recordAudit(ctx, {
    action: 'volunteers.checked_in',
    subjectType: 'activity',
    subjectId: id,
    orgPath: a.orgPath,
    orgUnitId: a.orgUnitId,
    summary: `志愿活动「${a.title}」扫码签到`,
  });
  return { purpose: 'checkin' as const, already: false, at: at.toISOString(), minutes: null };
}

/** 扫码签退 after check-in; the minutes are check-out − check-in, capped by the activity's length. */
export async function checkOut(ctx: CommandContext, qr: RotatingQr, id: string, code: string) {
  const { a, mine, at } = await scanPrelude(ctx, qr, id, code, 'checkout');
  if (!mine.checkedInAt) throw new AppError('not_checked_in');
  if (mine.checkedOutAt)
    return {
      purpose: 'checkout' as const,
      already: true,
      at: mine.checkedOutAt.toISOString(),
      minutes: recordedMinutes(a, mine),
    };
  await ctx.tx.update(activitySignup).set({ checkedOutAt: at }).where(eq(activitySignup.id, mine.id));
  await recordAudit(ctx, {
    action: 'volunteers.checked_out',
    subjectType: 'activity',
    subjectId: id,
    orgPath: a.orgPath,
    orgUnitId: a.orgUnitId,
    summary: `志愿活动「${a.title}」扫码签退`,
  });
  return {
    purpose: 'checkout' as const,
    already: false,
    at: at.toISOString(),
    minutes: recordedMinutes(a, { checkedInAt: mine.checkedInAt, checkedOutAt: at }),
  };
}

/**
 * Minutes to certify for one participant without an adjustment: as recorded; checked in but never
 * out → until the end (capped); never checked in → absent.
 */
function defaultMinutes(a: ActivityRow, s: SignupRow): number | null {
  if (!s.checkedInAt) return null;
  if (s.checkedOutAt) return recordedMinutes(a, s);
  const until = Math.floor((a.endsAt.getTime() - s.checkedInAt.getTime()) / 60_000);
  return Math.min(Math.max(0, until), lengthMinutes(a));
}

/** Points errors that skip one person's claim without failing the confirmation (the hours stand). */
const SKIPPABLE = new Set(['cap_exceeded', 'rule_not_for_participant', 'rule_not_declarable', 'not_found']);

/**
 * 确认考勤: the organiser certifies who attended and for how long → one `volunteer_hours` row per person
 * → for activities that earn points, a C05 claim (已初核) per person with at least an hour, in this
 * transaction. The activity's row lock and `confirmedAt` make a second or concurrent confirmation a
 * refusal (`attendance_confirmed`): one hours row and one claim per person, ever.
 */
export async function confirmAttendance(ctx: CommandContext, id: string, input: AttendanceIn) {
  const a = await loadActivity(ctx.tx, id, true);
  await assertManager(ctx.tx, ctx.actor, a);
  if (a.confirmedAt) throw new AppError('attendance_confirmed');
  if (a.state !== 'open') throw new AppError('activity_closed');
  const at = now();
  if (at < a.startsAt) throw new AppError('attendance_too_early');
  const people = await ctx.tx
    .select()
    .from(activitySignup)
    .where(and(eq(activitySignup.activityId, id), eq(activitySignup.status, 'confirmed')))
    .orderBy(asc(activitySignup.queuedAt));
  const cap = lengthMinutes(a);
  const byPerson = new Map(people.map((p) => [p.personId, p]));
  const adjust = new Map(input.adjustments.map((x) => [x.personId, x]));
  for (const x of input.adjustments) {
    if (!byPerson.has(x.personId)) throw new AppError('not_signed_up', { personId: x.personId });
    if (x.minutes !== undefined && x.minutes > cap) throw new AppError('attendance_minutes_invalid', { cap });
  }
  const deedDate = shanghaiDate(a.startsAt);
  let present = 0;
  let claims = 0;
  for (const p of people) {
    const x = adjust.get(p.personId);
    const minutes = x?.absent ? null : (x?.minutes ?? defaultMinutes(a, p));
    const attended = minutes !== null && minutes > 0;
    await ctx.tx
      .update(activitySignup)
      .set({ attendance: attended ? 'present' : 'absent' })
      .where(eq(activitySignup.id, p.id));
    if (!attended) continue;
    present++;
    const hours = Math.round(minutes / 60);
    let claimId: string | null = null;
    let claimSkipped: string | null = null;
    if (!a.earnsPoints) claimSkipped = 'no_points';
    else if (hours === 0) claimSkipped = 'under_an_hour';
    else {
      try {
        const c = await raiseSystemClaim(ctx, {
          personId: p.personId,
          ruleCode: 'C05',
          quantity: hours,
          deedDate,
          description: `志愿服务：${a.title}（${minutes} 分钟）`,
          sourceKey: `activity:${a.id}:${p.personId}`,
          initialState: 'checked',
        });
        claimId = c.id;
        claims++;
      } catch (err) {
        // Thrown before any write of the claim, so the transaction is intact; the hours still count.
        if (!(err instanceof AppError) || !SKIPPABLE.has(err.code)) throw err;
        claimSkipped = err.code;
      }
    }
    await ctx.tx
      .insert(volunteerHours)
      .values({
        activityId: a.id,
        personId: p.personId,
        name: p.name,
        districtId: a.districtId,
        orgPath: a.orgPath,
        teamId: a.teamId,
        venueId: a.venueId,
        partnerProjectId: a.partnerProjectId,
        minutes,
        deedDate,
        claimId,
        claimSkipped,
        confirmedBy: ctx.actor.userId,
        confirmedAt: at,
      })
      .onConflictDoNothing();
    await notify(ctx.tx, {
      recipients: [p.userId],
      kind: 'volunteers.hours_confirmed',
      title: `志愿时长已确认：${a.title} ${minutes} 分钟`,
      body: claimId ? `已按规则 C05 申报积分 ${hours} 小时，待社区评议。` : undefined,
      link: '/m/activities/hours',
      subject: { type: 'activity', id: a.id },
      dedupeKey: `activity-hours:${a.id}`,
    });
  }
  const [row] = await ctx.tx
    .update(activity)
    .set({
      state: 'finished',
      confirmedAt: at,
      confirmedBy: ctx.actor.userId,
      confirmedByName: ctx.actor.displayName,
      updatedAt: at,
    })
    .where(eq(activity.id, id))
    .returning();
  await recordAudit(ctx, {
    action: 'volunteers.attendance_confirmed',
    subjectType: 'activity',
    subjectId: id,
    orgPath: a.orgPath,
    orgUnitId: a.orgUnitId,
    summary: `确认志愿活动「${a.title}」考勤：到场 ${present} 人，申报积分 ${claims} 条`,
  });
  return presentActivity(ctx.tx, ctx.actor, row);
}
