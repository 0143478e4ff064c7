import { and, asc, eq, inArray, type SQL, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type {
  VenueKind,
  VenueOut,
  venueIn,
  venueQuery,
  venueUpdate,
} from '../../../common/contracts/venues.ts';
import type { Executor } from '../../db/client.ts';
import { type Actor, allowedActions, authorize, scopeCondition } from '../../platform/access.ts';
import { recordAudit } from '../../platform/audit.ts';
import type { CommandContext, QueryContext } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import { loadOrgUnit, nameOrgUnits, underUnit } from '../org/index.ts';
import { venue } from './schema.ts';

export type VenueRow = typeof venue.$inferSelect;

export async function loadVenue(db: Executor, id: string): Promise<VenueRow> {
  const [row] = await db.select().from(venue).where(eq(venue.id, id));
  if (!row) throw new AppError('not_found');
  return row;
}

/**
 * Who sees a venue: staff with meetings:read over it, and residents of the area it serves (a
 * resident's grant sits at their building, below the venue's community or compound).
 */
export function venueVisible(actor: Actor): SQL {
  const parts: SQL[] = [scopeCondition(actor, 'meetings:read', venue.orgPath)];
  for (const g of actor.grants)
    if (g.role === 'resident') parts.push(sql`${g.orgPath} like ${venue.orgPath} || '%'`);
  return sql`(${sql.join(parts, sql` or `)})`;
}

async function present(db: Executor, actor: Actor, rows: VenueRow[]): Promise<VenueOut[]> {
  const names = await nameOrgUnits(db, [...new Set(rows.map((r) => r.orgUnitId))]);
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    kind: r.kind as VenueKind,
    orgUnitId: r.orgUnitId,
    orgUnitName: names.get(r.orgUnitId) ?? '',
    address: r.address,
    facilities: r.facilities,
    openingHours: r.openingHours,
    capacity: r.capacity,
    active: r.active,
    allowed: allowedActions(actor, { orgPath: r.orgPath }, ['venues:manage']),
  }));
}

export async function listVenues({ actor, db }: QueryContext, q: z.infer<typeof venueQuery>) {
  const where: (SQL | undefined)[] = [venueVisible(actor)];
  if (q.kind) where.push(eq(venue.kind, q.kind));
  if (q.orgUnitId) where.push(await underUnit(db, venue.orgPath, q.orgUnitId));
  const rows = await db
    .select()
    .from(venue)
    .where(and(...where))
    .orderBy(asc(venue.orgPath), asc(venue.name));
  return { items: await present(db, actor, rows) };
}

export async function getVenue({ actor, db }: QueryContext, id: string) {
  const [row] = await db
    .select()
    .from(venue)
    .where(and(eq(venue.id, id), venueVisible(actor)));
  if (!row) throw new AppError('not_found');
  return (await present(db, actor, [row]))[0];
}

export async function createVenue(ctx: CommandContext, input: z.infer<typeof venueIn>) {
  const unit = await loadOrgUnit(ctx.tx, input.orgUnitId);
  authorize(ctx.actor, 'venues:manage', { orgPath: unit.path });
  if (unit.kind !== 'community' && unit.kind !== 'compound') throw new AppError('venue_unit_invalid');
  const [row] = await ctx.tx
    .insert(venue)
    .values({ ...input, districtId: unit.districtId, orgPath: unit.path })
    .returning();
  await recordAudit(ctx, {
    action: 'venues.created',
    subjectType: 'venue',
    subjectId: row.id,
    orgPath: row.orgPath,
    orgUnitId: row.orgUnitId,
    summary: `登记场所「${row.name}」`,
  });
  return (await present(ctx.tx, ctx.actor, [row]))[0];
}

export async function updateVenue(ctx: CommandContext, id: string, patch: z.infer<typeof venueUpdate>) {
  const v = await loadVenue(ctx.tx, id);
  authorize(ctx.actor, 'venues:manage', { orgPath: v.orgPath });
  const [row] = await ctx.tx.update(venue).set(patch).where(eq(venue.id, id)).returning();
  await recordAudit(ctx, {
    action: 'venues.updated',
    subjectType: 'venue',
    subjectId: id,
    orgPath: row.orgPath,
    orgUnitId: row.orgUnitId,
    summary: `修改场所「${row.name}」${patch.active === false ? '（停用）' : ''}`,
  });
  return (await present(ctx.tx, ctx.actor, [row]))[0];
}

/** Names of venues by id, for other modules' lists. */
export async function venueNames(db: Executor, ids: string[]): Promise<Map<string, string>> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Map();
  const rows = await db
    .select({ id: venue.id, name: venue.name })
    .from(venue)
    .where(inArray(venue.id, unique));
  return new Map(rows.map((r) => [r.id, r.name]));
}
