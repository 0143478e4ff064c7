import { and, eq, gt, lte } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { notify } from '../../platform/notify.ts';
import { shanghaiTime } from './activities.ts';
import { activity, activitySignup } from './activity-schema.ts';

/**
 * 活动提醒: each confirmed participant of an open activity starting within the next day gets one inbox
 * reminder; the dedupe key (activity, person) makes every later run send nothing twice.
 */
export async function runActivityReminders(db: Db, at: Date): Promise<number> {
  const horizon = new Date(at.getTime() + 24 * 3600_000);
  const rows = await db
    .select({ a: activity, userId: activitySignup.userId })
    .from(activitySignup)
    .innerJoin(activity, eq(activity.id, activitySignup.activityId))
    .where(
      and(
        eq(activity.state, 'open'),
        gt(activity.startsAt, at),
        lte(activity.startsAt, horizon),
        eq(activitySignup.status, 'confirmed'),
      ),
    );
  let sent = 0;
  await db.transaction(async (tx) => {
    for (const { a, userId } of rows) {
      if (!userId) continue;
      sent += await notify(tx, {
        recipients: [userId],
        kind: 'volunteers.activity_reminder',
        title: `明日志愿活动提醒：${a.title}`,
        body: `${shanghaiTime(a.startsAt)} 在${a.place || '活动地点'}，请按时到场扫码签到。`,
        link: `/m/activities/${a.id}`,
        subject: { type: 'activity', id: a.id },
        dedupeKey: `activity-reminder:${a.id}`,
      });
    }
  });
  return sent;
}
