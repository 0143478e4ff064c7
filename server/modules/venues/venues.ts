import { and, asc, eq, inArray, ne, type SQL, sql } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import type { z } from 'zod';
import type {
  SpaceOut,
  spaceIn,
  spaceUpdate,
  VenueKind,
  VenueOut,
  venueIn,
  venueQuery,
  venueUpdate,
} from '../../../common/contracts/venues.ts';
import type { Executor } from '../../db/client.ts';
import {
  type Actor,
  allowedActions,
  authorize,
  hasPermission,
  scopeCondition,
} from '../../platform/access.ts';
import { recordAudit } from '../../platform/audit.ts';
import type { CommandContext, QueryContext } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import { loadOrgUnit, nameOrgUnits, underUnit } from '../org/index.ts';
import { venue, venueSpace } from './schema.ts';

export type VenueRow = typeof venue.$inferSelect;
export type SpaceRow = typeof venueSpace.$inferSelect;

export async function loadVenue(db: Executor, id: string): Promise<VenueRow> {
  const [row] = await db.select().from(venue).where(eq(venue.id, id));
  if (!row) throw new AppError('not_found');
  return row;
}

/**
 * Who sees a venue: staff with meetings:read or volunteers:read over it, and anyone holding either
 * below it — the residents, leaders and secretaries of the area it serves (a resident's grant sits at
 * their building, below the venue's community or compound).
 */
export function venueVisible(actor: Actor, path: AnyPgColumn | SQL = venue.orgPath): SQL {
  const parts: SQL[] = [
    scopeCondition(actor, 'meetings:read', path),
    scopeCondition(actor, 'volunteers:read', path),
  ];
  for (const g of actor.grants)
    if (hasPermission(g, 'meetings:read') || hasPermission(g, 'volunteers:read'))
      parts.push(sql`${g.orgPath} like ${path} || '%'`);
  return sql`(${sql.join(parts, sql` or `)})`;
}

export async function loadSpace(db: Executor, id: string): Promise<SpaceRow & { venue: VenueRow }> {
  const [row] = await db
    .select()
    .from(venueSpace)
    .innerJoin(venue, eq(venue.id, venueSpace.venueId))
    .where(eq(venueSpace.id, id));
  if (!row) throw new AppError('not_found');
  return { ...row.venue_space, venue: row.venue };
}

export function presentSpace(s: SpaceRow): SpaceOut {
  return {
    id: s.id,
    venueId: s.venueId,
    name: s.name,
    capacity: s.capacity,
    facilities: s.facilities,
    active: s.active,
  };
}

async function present(db: Executor, actor: Actor, rows: VenueRow[]): Promise<VenueOut[]> {
  const names = await nameOrgUnits(db, [...new Set(rows.map((r) => r.orgUnitId))]);
  const spaces =
    rows.length === 0
      ? []
      : await db
          .select()
          .from(venueSpace)
          .where(
            inArray(
              venueSpace.venueId,
              rows.map((r) => r.id),
            ),
          )
          .orderBy(asc(venueSpace.name));
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    kind: r.kind as VenueKind,
    orgUnitId: r.orgUnitId,
    orgUnitName: names.get(r.orgUnitId) ?? '',
    address: r.address,
    facilities: r.facilities,
    openingHours: r.openingHours,
    weeklyHours: r.weeklyHours,
    capacity: r.capacity,
    active: r.active,
    spaces: spaces.filter((s) => s.venueId === r.id).map(presentSpace),
    allowed: allowedActions(actor, { orgPath: r.orgPath }, ['venues:manage', 'venues:book']),
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

/** A venue the actor may manage; out of their sight is "not found". */
async function venueForManage(ctx: CommandContext, venueId: string) {
  const v = await loadVenue(ctx.tx, venueId);
  authorize(ctx.actor, 'venues:manage', { orgPath: v.orgPath });
  return v;
}

async function uniqueSpaceName(ctx: CommandContext, venueId: string, name: string, self?: string) {
  const [dup] = await ctx.tx
    .select({ id: venueSpace.id })
    .from(venueSpace)
    .where(
      and(
        eq(venueSpace.venueId, venueId),
        eq(venueSpace.name, name),
        self ? ne(venueSpace.id, self) : undefined,
      ),
    );
  if (dup) throw new AppError('space_name_taken');
}

export async function createSpace(ctx: CommandContext, venueId: string, input: z.infer<typeof spaceIn>) {
  const v = await venueForManage(ctx, venueId);
  await uniqueSpaceName(ctx, venueId, input.name);
  const [row] = await ctx.tx
    .insert(venueSpace)
    .values({ ...input, venueId })
    .returning();
  await recordAudit(ctx, {
    action: 'venues.space_created',
    subjectType: 'venue_space',
    subjectId: row.id,
    orgPath: v.orgPath,
    orgUnitId: v.orgUnitId,
    summary: `在「${v.name}」设立空间「${row.name}」`,
  });
  return presentSpace(row);
}

export async function updateSpace(ctx: CommandContext, id: string, patch: z.infer<typeof spaceUpdate>) {
  const s = await loadSpace(ctx.tx, id);
  await venueForManage(ctx, s.venueId);
  if (patch.name) await uniqueSpaceName(ctx, s.venueId, patch.name, id);
  const [row] = await ctx.tx.update(venueSpace).set(patch).where(eq(venueSpace.id, id)).returning();
  await recordAudit(ctx, {
    action: 'venues.space_updated',
    subjectType: 'venue_space',
    subjectId: id,
    orgPath: s.venue.orgPath,
    orgUnitId: s.venue.orgUnitId,
    summary: `修改「${s.venue.name}」的空间「${row.name}」${patch.active === false ? '（停用）' : ''}`,
  });
  return presentSpace(row);
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
