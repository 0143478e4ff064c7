import { and, asc, eq, gt, inArray, lt } from 'drizzle-orm';
import type { z } from 'zod';
import type { BookingKind, BookingOut, bookingQuery } from '../../../common/contracts/venues.ts';
import type { Executor } from '../../db/client.ts';
import { type Actor, allowedActions, authorize, can, scopeCondition } from '../../platform/access.ts';
import { recordAudit } from '../../platform/audit.ts';
import { now } from '../../platform/clock.ts';
import type { CommandContext, QueryContext } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import { localParts, withinOpeningHours } from './hours.ts';
import { venueBooking, venueSpace } from './schema.ts';
import { loadSpace, loadVenue } from './venues.ts';

export type BookingRow = typeof venueBooking.$inferSelect;

export type BookSpaceInput = {
  spaceId: string;
  startsAt: Date;
  endsAt: Date;
  purpose: string;
  kind?: BookingKind;
  /** Plain links to the volunteers' activity or the meetings' meeting the room is for. */
  activityId?: string | null;
  meetingId?: string | null;
};

function pgCode(err: unknown): string | undefined {
  const e = err as { code?: string; cause?: { code?: string } };
  return e?.code ?? e?.cause?.code;
}

/** The live booking of a space that overlaps [start, end), if any. */
async function overlapping(db: Executor, spaceId: string, start: Date, end: Date) {
  const [row] = await db
    .select()
    .from(venueBooking)
    .where(
      and(
        eq(venueBooking.spaceId, spaceId),
        eq(venueBooking.state, 'booked'),
        lt(venueBooking.startsAt, end),
        gt(venueBooking.endsAt, start),
      ),
    )
    // The earliest holder, so a clash with two bookings always names the same one.
    .orderBy(asc(venueBooking.startsAt))
    .limit(1);
  return row;
}

function conflictError(other: BookingRow | undefined) {
  return new AppError(
    'booking_conflict',
    other
      ? { startsAt: other.startsAt.toISOString(), endsAt: other.endsAt.toISOString(), purpose: other.purpose }
      : undefined,
  );
}

/**
 * Inserts a booking in a savepoint. The exclusion constraint is the last word when requests race:
 * its violation becomes `booking_conflict` with the booking that holds the slot.
 */
export async function insertBooking(
  ctx: CommandContext,
  values: typeof venueBooking.$inferInsert,
): Promise<BookingRow> {
  try {
    return await ctx.tx.transaction(
      async (sp) => (await sp.insert(venueBooking).values(values).returning())[0],
    );
  } catch (err) {
    if (pgCode(err) === '23P01')
      throw conflictError(await overlapping(ctx.tx, values.spaceId, values.startsAt, values.endsAt));
    throw err;
  }
}

/**
 * Books a space for [startsAt, endsAt): inside the venue's opening hours, not in the past, never over
 * another live booking. Other modules call it in their own transaction (the volunteers module books a
 * room for an activity: `volunteers:manage` over the venue is enough then).
 */
export async function bookSpace(ctx: CommandContext, input: BookSpaceInput): Promise<BookingRow> {
  const space = await loadSpace(ctx.tx, input.spaceId);
  const target = { orgPath: space.venue.orgPath };
  if (!(input.activityId && can(ctx.actor, 'volunteers:manage', target)))
    authorize(ctx.actor, 'venues:book', target);
  if (!space.active || !space.venue.active) throw new AppError('space_inactive');
  const { startsAt, endsAt } = input;
  if (!(endsAt > startsAt) || localParts(startsAt).date !== localParts(new Date(endsAt.getTime() - 1)).date)
    throw new AppError('booking_range_invalid');
  if (startsAt < now()) throw new AppError('booking_in_past');
  if (!withinOpeningHours(space.venue.weeklyHours, startsAt, endsAt))
    throw new AppError('outside_opening_hours');
  const row = await insertBooking(ctx, {
    spaceId: space.id,
    venueId: space.venueId,
    orgPath: space.venue.orgPath,
    startsAt,
    endsAt,
    purpose: input.purpose,
    kind: input.kind ?? (input.activityId ? 'activity' : input.meetingId ? 'meeting' : 'other'),
    bookedByUserId: ctx.actor.userId,
    bookedByName: ctx.actor.displayName,
    activityId: input.activityId ?? null,
    meetingId: input.meetingId ?? null,
  });
  const p = localParts(startsAt);
  await recordAudit(ctx, {
    action: 'venues.booked',
    subjectType: 'venue_booking',
    subjectId: row.id,
    orgPath: space.venue.orgPath,
    orgUnitId: space.venue.orgUnitId,
    summary: `预订「${space.venue.name}·${space.name}」${p.date} ${p.time}–${localParts(endsAt).time}：${row.purpose}`,
  });
  return row;
}

/** Cancels a booking and frees its slot. */
export async function cancelBooking(ctx: CommandContext, id: string): Promise<BookingRow> {
  const [b] = await ctx.tx.select().from(venueBooking).where(eq(venueBooking.id, id)).for('update');
  if (!b) throw new AppError('not_found');
  const target = { orgPath: b.orgPath };
  if (!(b.activityId && can(ctx.actor, 'volunteers:manage', target)))
    authorize(ctx.actor, 'venues:book', target);
  if (b.state === 'cancelled') throw new AppError('booking_cancelled');
  const [row] = await ctx.tx
    .update(venueBooking)
    .set({ state: 'cancelled', cancelledAt: now(), cancelledByName: ctx.actor.displayName })
    .where(eq(venueBooking.id, id))
    .returning();
  const v = await loadVenue(ctx.tx, b.venueId);
  await recordAudit(ctx, {
    action: 'venues.booking_cancelled',
    subjectType: 'venue_booking',
    subjectId: id,
    orgPath: b.orgPath,
    orgUnitId: v.orgUnitId,
    summary: `取消「${v.name}」的预订：${b.purpose}`,
  });
  return row;
}

export async function presentBookings(db: Executor, actor: Actor, rows: BookingRow[]): Promise<BookingOut[]> {
  const ids = [...new Set(rows.map((b) => b.spaceId))];
  const spaces = new Map(
    ids.length === 0
      ? []
      : (
          await db
            .select({ id: venueSpace.id, name: venueSpace.name })
            .from(venueSpace)
            .where(inArray(venueSpace.id, ids))
        ).map((s) => [s.id, s.name]),
  );
  return rows.map((b) => ({
    id: b.id,
    spaceId: b.spaceId,
    spaceName: spaces.get(b.spaceId) ?? '',
    venueId: b.venueId,
    startsAt: b.startsAt.toISOString(),
    endsAt: b.endsAt.toISOString(),
    purpose: b.purpose,
    kind: b.kind as BookingKind,
    bookedByName: b.bookedByName,
    activityId: b.activityId,
    meetingId: b.meetingId,
    state: b.state as 'booked' | 'cancelled',
    // A service session's booking is cancelled with its session.
    allowed:
      b.state === 'booked' && b.kind !== 'service' && b.endsAt > now()
        ? allowedActions(actor, { orgPath: b.orgPath }, ['venues:book'])
        : [],
  }));
}

/** The bookings of a venue in a time window (the week view), for those who may book there. */
export async function listBookings({ actor, db }: QueryContext, q: z.infer<typeof bookingQuery>) {
  const v = await loadVenue(db, q.venueId);
  authorize(actor, 'venues:book', { orgPath: v.orgPath });
  const rows = await db
    .select()
    .from(venueBooking)
    .where(
      and(
        eq(venueBooking.venueId, v.id),
        scopeCondition(actor, 'venues:book', venueBooking.orgPath),
        lt(venueBooking.startsAt, new Date(q.to)),
        gt(venueBooking.endsAt, new Date(q.from)),
        q.includeCancelled ? undefined : eq(venueBooking.state, 'booked'),
      ),
    )
    .orderBy(asc(venueBooking.startsAt));
  return { items: await presentBookings(db, actor, rows) };
}
