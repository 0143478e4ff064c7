import { and, asc, desc, eq, gte, inArray, isNull, lt, or, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type {
  SeriesOut,
  SessionOut,
  ServiceKind,
  seriesIn,
  seriesQuery,
  sessionQuery,
  visitsIn,
} from '../../../common/contracts/venues.ts';
import type { Db, Executor } from '../../db/client.ts';
import { type Actor, allowedActions, authorize, SYSTEM_ACTOR } from '../../platform/access.ts';
import { recordAudit } from '../../platform/audit.ts';
import { now, shanghaiDate } from '../../platform/clock.ts';
import type { CommandContext, QueryContext } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import { insertBooking } from './bookings.ts';
import { addDays, daysBetween, localParts, shanghaiInstant, weekdayOf, withinOpeningHours } from './hours.ts';
import { serviceSeries, serviceSession, venue, venueBooking, venueSpace } from './schema.ts';
import { loadSpace, venueVisible } from './venues.ts';

export type SeriesRow = typeof serviceSeries.$inferSelect;
export type SessionRow = typeof serviceSession.$inferSelect;

/** How far ahead a series' sessions are generated (and booked). */
export const GENERATE_WEEKS = 8;

/** The dates of a series' sessions in [from, to] (Shanghai calendar dates). */
export function seriesDates(
  s: Pick<SeriesRow, 'weekdays' | 'everyWeeks' | 'validFrom' | 'validTo'>,
  from: string,
  to: string,
): string[] {
  const start = from > s.validFrom ? from : s.validFrom;
  const end = s.validTo && s.validTo < to ? s.validTo : to;
  // Weeks are counted from the Monday of valid_from, so "fortnightly" keeps its rhythm.
  const anchor = addDays(s.validFrom, 1 - weekdayOf(s.validFrom));
  const out: string[] = [];
  for (let d = start; d <= end; d = addDays(d, 1)) {
    if (!s.weekdays.includes(weekdayOf(d))) continue;
    if (Math.floor(daysBetween(anchor, d) / 7) % s.everyWeeks !== 0) continue;
    out.push(d);
  }
  return out;
}

/**
 * Generates the series' sessions from today up to GENERATE_WEEKS ahead, each booking its space.
 * Idempotent: a session exists once per (series, start); a slot already booked by someone else makes
 * the session a `conflict` (shown to staff) instead of a double booking.
 */
export async function generateSessions(
  ctx: CommandContext,
  s: SeriesRow,
  at: Date = now(),
): Promise<{ generated: number; conflicts: number }> {
  if (!s.active) return { generated: 0, conflicts: 0 };
  const today = shanghaiDate(at);
  const candidates = seriesDates(s, today, addDays(today, GENERATE_WEEKS * 7))
    .map((d) => ({ startsAt: shanghaiInstant(d, s.startTime), endsAt: shanghaiInstant(d, s.endTime) }))
    .filter((c) => c.startsAt > at);
  if (candidates.length === 0) return { generated: 0, conflicts: 0 };
  const inserted = await ctx.tx
    .insert(serviceSession)
    .values(
      candidates.map((c) => ({
        seriesId: s.id,
        venueId: s.venueId,
        spaceId: s.spaceId,
        orgPath: s.orgPath,
        ...c,
      })),
    )
    .onConflictDoNothing()
    .returning();
  let conflicts = 0;
  for (const session of inserted) {
    try {
      const booking = await insertBooking(ctx, {
        spaceId: s.spaceId,
        venueId: s.venueId,
        orgPath: s.orgPath,
        startsAt: session.startsAt,
        endsAt: session.endsAt,
        purpose: s.title,
        kind: 'service',
        bookedByUserId: ctx.actor.userId,
        bookedByName: s.createdByName,
      });
      await ctx.tx
        .update(serviceSession)
        .set({ bookingId: booking.id })
        .where(eq(serviceSession.id, session.id));
    } catch (err) {
      if (!(err instanceof AppError && err.code === 'booking_conflict')) throw err;
      conflicts++;
      await ctx.tx.update(serviceSession).set({ state: 'conflict' }).where(eq(serviceSession.id, session.id));
    }
  }
  return { generated: inserted.length, conflicts };
}

/** The scheduler's job: keep every live series generated GENERATE_WEEKS ahead. */
export async function generateAllSessions(db: Db, at: Date = now()): Promise<number> {
  const today = shanghaiDate(at);
  const live = await db
    .select()
    .from(serviceSeries)
    .where(
      and(
        eq(serviceSeries.active, true),
        or(isNull(serviceSeries.validTo), gte(serviceSeries.validTo, today)),
      ),
    );
  let generated = 0;
  for (const s of live)
    generated += await db.transaction(
      async (tx) => (await generateSessions({ actor: SYSTEM_ACTOR, tx }, s, at)).generated,
    );
  return generated;
}

export async function createSeries(ctx: CommandContext, input: z.infer<typeof seriesIn>) {
  const space = await loadSpace(ctx.tx, input.spaceId);
  authorize(ctx.actor, 'venues:manage', { orgPath: space.venue.orgPath });
  if (!space.active || !space.venue.active) throw new AppError('space_inactive');
  // Every weekday of the rule must lie within the venue's hours (checked on that weekday's next date).
  const today = shanghaiDate();
  for (const wd of input.weekdays) {
    const d = addDays(today, (wd - weekdayOf(today) + 7) % 7);
    if (
      !withinOpeningHours(
        space.venue.weeklyHours,
        shanghaiInstant(d, input.startTime),
        shanghaiInstant(d, input.endTime),
      )
    )
      throw new AppError('outside_opening_hours');
  }
  const [row] = await ctx.tx
    .insert(serviceSeries)
    .values({
      ...input,
      weekdays: [...new Set(input.weekdays)].sort(),
      venueId: space.venueId,
      orgPath: space.venue.orgPath,
      createdByName: ctx.actor.displayName,
    })
    .returning();
  const result = await generateSessions(ctx, row);
  await recordAudit(ctx, {
    action: 'venues.series_created',
    subjectType: 'service_series',
    subjectId: row.id,
    orgPath: row.orgPath,
    orgUnitId: space.venue.orgUnitId,
    summary: `在「${space.venue.name}·${space.name}」设立常态化服务「${row.title}」（${row.providerName}），生成 ${result.generated} 场`,
  });
  return { series: (await presentSeries(ctx.tx, ctx.actor, [row]))[0], ...result };
}

async function presentSeries(db: Executor, actor: Actor, rows: SeriesRow[]): Promise<SeriesOut[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const names = await db
    .select({ id: venueSpace.id, space: venueSpace.name, venue: venue.name })
    .from(venueSpace)
    .innerJoin(venue, eq(venue.id, venueSpace.venueId))
    .where(inArray(venueSpace.id, [...new Set(rows.map((r) => r.spaceId))]));
  const tallies = await db
    .select({
      seriesId: serviceSession.seriesId,
      held: sql<number>`count(*)::int`,
      visits: sql<number>`coalesce(sum(${serviceSession.visits}), 0)::int`,
    })
    .from(serviceSession)
    .where(
      and(
        inArray(serviceSession.seriesId, ids),
        eq(serviceSession.state, 'scheduled'),
        lt(serviceSession.startsAt, now()),
      ),
    )
    .groupBy(serviceSession.seriesId);
  return rows.map((r) => {
    const n = names.find((x) => x.id === r.spaceId);
    const t = tallies.find((x) => x.seriesId === r.id);
    return {
      id: r.id,
      venueId: r.venueId,
      venueName: n?.venue ?? '',
      spaceId: r.spaceId,
      spaceName: n?.space ?? '',
      kind: r.kind as ServiceKind,
      title: r.title,
      providerName: r.providerName,
      weekdays: r.weekdays,
      everyWeeks: r.everyWeeks,
      startTime: r.startTime,
      endTime: r.endTime,
      validFrom: r.validFrom,
      validTo: r.validTo,
      active: r.active,
      sessionsHeld: t?.held ?? 0,
      visits: t?.visits ?? 0,
      allowed: allowedActions(actor, { orgPath: r.orgPath }, ['venues:manage', 'venues:book']),
    };
  });
}

export async function listSeries({ actor, db }: QueryContext, q: z.infer<typeof seriesQuery>) {
  const rows = await db
    .select()
    .from(serviceSeries)
    .where(
      and(
        venueVisible(actor, serviceSeries.orgPath),
        q.venueId ? eq(serviceSeries.venueId, q.venueId) : undefined,
      ),
    )
    .orderBy(asc(serviceSeries.orgPath), asc(serviceSeries.title));
  return { items: await presentSeries(db, actor, rows) };
}

async function presentSessions(db: Executor, actor: Actor, rows: SessionRow[]): Promise<SessionOut[]> {
  if (rows.length === 0) return [];
  const series = await db
    .select({
      id: serviceSeries.id,
      title: serviceSeries.title,
      kind: serviceSeries.kind,
      providerName: serviceSeries.providerName,
      venueName: venue.name,
      spaceName: venueSpace.name,
    })
    .from(serviceSeries)
    .innerJoin(venue, eq(venue.id, serviceSeries.venueId))
    .innerJoin(venueSpace, eq(venueSpace.id, serviceSeries.spaceId))
    .where(inArray(serviceSeries.id, [...new Set(rows.map((r) => r.seriesId))]));
  const at = now();
  return rows.map((r) => {
    const s = series.find((x) => x.id === r.seriesId);
    return {
      id: r.id,
      seriesId: r.seriesId,
      title: s?.title ?? '',
      kind: (s?.kind ?? 'other') as ServiceKind,
      providerName: s?.providerName ?? '',
      venueId: r.venueId,
      venueName: s?.venueName ?? '',
      spaceName: s?.spaceName ?? '',
      startsAt: r.startsAt.toISOString(),
      endsAt: r.endsAt.toISOString(),
      state: r.state as SessionOut['state'],
      visits: r.visits,
      visitorCount: r.visitorPersonIds.length,
      note: r.note,
      started: r.startsAt <= at,
      // venues:book: may record visits once started, or cancel before.
      allowed: r.state === 'scheduled' ? allowedActions(actor, { orgPath: r.orgPath }, ['venues:book']) : [],
    };
  });
}

export async function listSessions({ actor, db }: QueryContext, q: z.infer<typeof sessionQuery>) {
  const rows = await db
    .select()
    .from(serviceSession)
    .where(
      and(
        venueVisible(actor, serviceSession.orgPath),
        q.venueId ? eq(serviceSession.venueId, q.venueId) : undefined,
        q.seriesId ? eq(serviceSession.seriesId, q.seriesId) : undefined,
        gte(serviceSession.startsAt, new Date(q.from)),
        lt(serviceSession.startsAt, new Date(q.to)),
      ),
    )
    .orderBy(q.order === 'desc' ? desc(serviceSession.startsAt) : asc(serviceSession.startsAt))
    .limit(500);
  return { items: await presentSessions(db, actor, rows) };
}

async function lockSession(ctx: CommandContext, id: string) {
  const [s] = await ctx.tx.select().from(serviceSession).where(eq(serviceSession.id, id)).for('update');
  if (!s) throw new AppError('not_found');
  authorize(ctx.actor, 'venues:book', { orgPath: s.orgPath });
  const [series] = await ctx.tx.select().from(serviceSeries).where(eq(serviceSeries.id, s.seriesId));
  const [v] = await ctx.tx.select().from(venue).where(eq(venue.id, s.venueId));
  return { s, series, v };
}

/** Records the visits (服务人次) of a session that has started; recording again replaces the count. */
export async function recordVisits(ctx: CommandContext, id: string, input: z.infer<typeof visitsIn>) {
  const { s, series, v } = await lockSession(ctx, id);
  if (s.state !== 'scheduled') throw new AppError('session_cancelled');
  if (s.startsAt > now()) throw new AppError('session_not_started');
  const personIds = [...new Set(input.personIds)];
  if (personIds.length > input.visits)
    throw new AppError('validation_failed', { visits: 'fewer than named residents' });
  const [row] = await ctx.tx
    .update(serviceSession)
    .set({
      visits: input.visits,
      visitorPersonIds: personIds,
      visitsRecordedAt: now(),
      visitsRecordedByName: ctx.actor.displayName,
    })
    .where(eq(serviceSession.id, id))
    .returning();
  const p = localParts(s.startsAt);
  await recordAudit(ctx, {
    action: 'venues.visits_recorded',
    subjectType: 'service_session',
    subjectId: id,
    orgPath: s.orgPath,
    orgUnitId: v.orgUnitId,
    summary: `登记「${series.title}」${p.date} 服务人次 ${input.visits}${s.visits === null ? '' : `（原 ${s.visits}）`}`,
  });
  return (await presentSessions(ctx.tx, ctx.actor, [row]))[0];
}

/** Cancels one session that has not started, freeing its space. */
export async function cancelSession(ctx: CommandContext, id: string, note: string) {
  const { s, series, v } = await lockSession(ctx, id);
  if (s.state === 'cancelled') throw new AppError('session_cancelled');
  if (s.startsAt <= now()) throw new AppError('session_started');
  const [row] = await ctx.tx
    .update(serviceSession)
    .set({ state: 'cancelled', note: note || null })
    .where(eq(serviceSession.id, id))
    .returning();
  if (s.bookingId)
    await ctx.tx
      .update(venueBooking)
      .set({ state: 'cancelled', cancelledAt: now(), cancelledByName: ctx.actor.displayName })
      .where(eq(venueBooking.id, s.bookingId));
  const p = localParts(s.startsAt);
  await recordAudit(ctx, {
    action: 'venues.session_cancelled',
    subjectType: 'service_session',
    subjectId: id,
    orgPath: s.orgPath,
    orgUnitId: v.orgUnitId,
    summary: `取消「${series.title}」${p.date} ${p.time} 场次${note ? `：${note}` : ''}`,
  });
  return (await presentSessions(ctx.tx, ctx.actor, [row]))[0];
}
