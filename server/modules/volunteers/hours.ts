import { and, count, desc, eq, gte, lte, sum } from 'drizzle-orm';
import type { z } from 'zod';
import type { ActivityKind, myHoursQuery } from '../../../common/contracts/activities.ts';
import { shanghaiDate } from '../../platform/clock.ts';
import type { QueryContext } from '../../platform/context.ts';
import { activity, volunteerHours } from './activity-schema.ts';

/**
 * 我的志愿时长: the actor's certified hours, newest first, with the points claim raised for each (its
 * state lives in the points module), and the year's totals.
 */
export async function myHours({ actor, db }: QueryContext, q: z.infer<typeof myHoursQuery>) {
  const year = q.year ?? Number(shanghaiDate().slice(0, 4));
  const personId = actor.personId;
  if (!personId)
    return {
      items: [],
      total: 0,
      page: q.page,
      pageSize: q.pageSize,
      year,
      yearMinutes: 0,
      yearActivities: 0,
    };
  const mine = eq(volunteerHours.personId, personId);
  const inYear = and(
    mine,
    gte(volunteerHours.deedDate, `${year}-01-01`),
    lte(volunteerHours.deedDate, `${year}-12-31`),
  );
  const [totals] = await db
    .select({ n: count(), minutes: sum(volunteerHours.minutes) })
    .from(volunteerHours)
    .where(inYear);
  const [{ total }] = await db.select({ total: count() }).from(volunteerHours).where(mine);
  const rows = await db
    .select({ h: volunteerHours, title: activity.title, kind: activity.kind })
    .from(volunteerHours)
    .innerJoin(activity, eq(activity.id, volunteerHours.activityId))
    .where(mine)
    .orderBy(desc(volunteerHours.deedDate), desc(volunteerHours.confirmedAt))
    .limit(q.pageSize)
    .offset((q.page - 1) * q.pageSize);
  return {
    items: rows.map(({ h, title, kind }) => ({
      id: h.id,
      activityId: h.activityId,
      activityTitle: title,
      kind: kind as ActivityKind,
      deedDate: h.deedDate,
      minutes: h.minutes,
      claimId: h.claimId,
      claimSkipped: h.claimSkipped,
    })),
    total,
    page: q.page,
    pageSize: q.pageSize,
    year,
    yearMinutes: Number(totals.minutes ?? 0),
    yearActivities: totals.n,
  };
}
