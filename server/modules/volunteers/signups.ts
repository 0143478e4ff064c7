import { and, asc, count, eq, inArray } from 'drizzle-orm';
import type { ActivityOut } from '../../../common/contracts/activities.ts';
import { hasPermission } from '../../platform/access.ts';
import { recordAudit } from '../../platform/audit.ts';
import { now } from '../../platform/clock.ts';
import type { CommandContext } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import { notify } from '../../platform/notify.ts';
import {
  type ActivityRow,
  assertVisible,
  communityPathOf,
  loadActivity,
  lockForOrganiser,
  presentActivity,
  shanghaiTime,
  signupDeadlineOf,
} from './activities.ts';
import { activity, activitySignup } from './activity-schema.ts';

async function confirmedCount(ctx: CommandContext, activityId: string): Promise<number> {
  const [{ n }] = await ctx.tx
    .select({ n: count() })
    .from(activitySignup)
    .where(and(eq(activitySignup.activityId, activityId), eq(activitySignup.status, 'confirmed')));
  return n;
}

/**
 * Fills free places from the waiting list, first in line first, and tells each promoted person.
 * The caller holds the activity's row lock, so two cancellations at once promote two different people.
 */
async function promote(ctx: CommandContext, a: ActivityRow): Promise<number> {
  const free = a.capacity - (await confirmedCount(ctx, a.id));
  if (free <= 0) return 0;
  const next = await ctx.tx
    .select()
    .from(activitySignup)
    .where(and(eq(activitySignup.activityId, a.id), eq(activitySignup.status, 'waiting')))
    .orderBy(asc(activitySignup.queuedAt), asc(activitySignup.id))
    .limit(free);
  if (next.length === 0) return 0;
  const at = now();
  await ctx.tx
    .update(activitySignup)
    .set({ status: 'confirmed', promotedAt: at })
    .where(
      inArray(
        activitySignup.id,
        next.map((s) => s.id),
      ),
    );
  for (const s of next)
    await notify(ctx.tx, {
      recipients: [s.userId],
      kind: 'volunteers.activity_promoted',
      title: `您已从候补转为正式报名：${a.title}`,
      body: `活动时间 ${shanghaiTime(a.startsAt)}，请准时参加并扫码签到。`,
      link: `/m/activities/${a.id}`,
      subject: { type: 'activity', id: a.id },
    });
  return next.length;
}

/**
 * 报名. The activity's row lock serialises sign-ups, so the count of confirmed places is exact and the
 * capacity is never exceeded: when it is full, the person joins the waiting list at its end.
 */
export async function signUp(ctx: CommandContext, id: string): Promise<ActivityOut> {
  const { actor } = ctx;
  const a = await loadActivity(ctx.tx, id, true);
  assertVisible(actor, a);
  const joins = actor.grants.some(
    (g) => hasPermission(g, 'volunteers:join') && a.orgPath.startsWith(communityPathOf(g.orgPath)),
  );
  if (!joins || !actor.personId) throw new AppError('forbidden');
  if (a.state !== 'open' || now() > signupDeadlineOf(a)) throw new AppError('activity_closed');
  const [mine] = await ctx.tx
    .select()
    .from(activitySignup)
    .where(and(eq(activitySignup.activityId, id), eq(activitySignup.personId, actor.personId)));
  if (mine && mine.status !== 'cancelled') throw new AppError('already_signed_up');
  const status = (await confirmedCount(ctx, id)) < a.capacity ? 'confirmed' : 'waiting';
  const fresh = {
    status,
    userId: actor.userId,
    name: actor.displayName,
    queuedAt: now(),
    promotedAt: null,
    cancelledAt: null,
    checkedInAt: null,
    checkedOutAt: null,
    attendance: null,
  };
  if (mine) await ctx.tx.update(activitySignup).set(fresh).where(eq(activitySignup.id, mine.id));
  else await ctx.tx.insert(activitySignup).values({ activityId: id, personId: actor.personId, ...fresh });
  await recordAudit(ctx, {
    action: status === 'confirmed' ? 'volunteers.signed_up' : 'volunteers.waitlisted',
    subjectType: 'activity',
    subjectId: id,
    orgPath: a.orgPath,
    orgUnitId: a.orgUnitId,
    summary: `${status === 'confirmed' ? '报名' : '候补报名'}志愿活动「${a.title}」`,
  });
  return presentActivity(ctx.tx, actor, a);
}

/** 取消报名 before the start; a freed place goes to the next in line, in this transaction. */
export async function cancelSignup(ctx: CommandContext, id: string): Promise<ActivityOut> {
  const { actor } = ctx;
  const a = await loadActivity(ctx.tx, id, true);
  assertVisible(actor, a);
  if (!actor.personId) throw new AppError('not_signed_up');
  const [mine] = await ctx.tx
    .select()
    .from(activitySignup)
    .where(and(eq(activitySignup.activityId, id), eq(activitySignup.personId, actor.personId)));
  if (!mine || mine.status === 'cancelled') throw new AppError('not_signed_up');
  if (a.state !== 'open' || now() >= a.startsAt) throw new AppError('activity_closed');
  await ctx.tx
    .update(activitySignup)
    .set({ status: 'cancelled', cancelledAt: now() })
    .where(eq(activitySignup.id, mine.id));
  if (mine.status === 'confirmed') await promote(ctx, a);
  await recordAudit(ctx, {
    action: 'volunteers.signup_cancelled',
    subjectType: 'activity',
    subjectId: id,
    orgPath: a.orgPath,
    orgUnitId: a.orgUnitId,
    summary: `取消报名志愿活动「${a.title}」`,
  });
  return presentActivity(ctx.tx, actor, a);
}

/**
 * The organiser changes the number of places. Raising it promotes from the waiting list; lowering it
 * below the people already confirmed keeps their places (nobody is dropped) and admits nobody new.
 */
export async function setCapacity(ctx: CommandContext, id: string, capacity: number): Promise<ActivityOut> {
  const a = await lockForOrganiser(ctx, id);
  const [row] = await ctx.tx
    .update(activity)
    .set({ capacity, updatedAt: now() })
    .where(eq(activity.id, id))
    .returning();
  const promoted = await promote(ctx, row);
  await recordAudit(ctx, {
    action: 'volunteers.capacity_changed',
    subjectType: 'activity',
    subjectId: id,
    orgPath: a.orgPath,
    orgUnitId: a.orgUnitId,
    summary: `志愿活动「${a.title}」名额 ${a.capacity} → ${capacity}${promoted ? `，候补转正 ${promoted} 人` : ''}`,
  });
  return presentActivity(ctx.tx, ctx.actor, row);
}
