import {
  and,
  asc,
  count,
  eq,
  exists,
  ilike,
  inArray,
  isNull,
  like,
  ne,
  or,
  type SQL,
  sql,
} from 'drizzle-orm';
import type { z } from 'zod';
import type { GridOut, gridCreate, gridQuery, gridUpdate } from '../../../common/contracts/grids.ts';
import { type Executor, readAll } from '../../db/client.ts';
import { type Actor, allowedActions, authorize, scopeCondition, type Target } from '../../platform/access.ts';
import { recordAudit } from '../../platform/audit.ts';
import type { CommandContext, QueryContext } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import { roleGrant, userAccount } from '../../platform/schema.ts';
import { loadOrgUnit, nameOrgUnits, type OrgUnitRow } from './org-units.ts';
import { grid, gridBuilding, household, orgUnit } from './schema.ts';

export type GridRow = typeof grid.$inferSelect;

export function gridTarget(g: GridRow): Target {
  return { orgPath: g.orgPath };
}

export async function loadGrid(db: Executor, id: string, lock = false): Promise<GridRow> {
  const q = db.select().from(grid).where(eq(grid.id, id));
  const [row] = lock ? await q.for('update') : await q;
  if (!row) throw new AppError('not_found');
  return row;
}

const byName = (a: { name: string }, b: { name: string }) =>
  a.name.localeCompare(b.name, 'zh', { numeric: true });

async function present(db: Executor, actor: Actor, rows: GridRow[]): Promise<GridOut[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const workerIds = rows.flatMap((r) => r.workerUserId ?? []);
  const [buildings, workers, communityNames] = await readAll(db, [
    () =>
      db
        .select({
          gridId: gridBuilding.gridId,
          id: orgUnit.id,
          name: orgUnit.name,
          compoundId: orgUnit.parentId,
        })
        .from(gridBuilding)
        .innerJoin(orgUnit, eq(orgUnit.id, gridBuilding.buildingId))
        .where(inArray(gridBuilding.gridId, ids)),
    () =>
      workerIds.length
        ? db
            .select({
              userId: userAccount.id,
              displayName: userAccount.displayName,
              phone: userAccount.phone,
            })
            .from(userAccount)
            .where(inArray(userAccount.id, workerIds))
        : Promise.resolve([]),
    () => nameOrgUnits(db, [...new Set(rows.map((r) => r.orgUnitId))]),
  ]);
  const buildingIds = buildings.map((b) => b.id);
  const [households, compoundNames] = await readAll(db, [
    () =>
      buildingIds.length
        ? db
            .select({ buildingId: household.buildingId, n: count() })
            .from(household)
            .where(inArray(household.buildingId, buildingIds))
            .groupBy(household.buildingId)
        : Promise.resolve([]),
    () => nameOrgUnits(db, [...new Set(buildings.flatMap((b) => b.compoundId ?? []))]),
  ]);
  const hhN = new Map(households.map((h) => [h.buildingId, h.n]));
  const workerById = new Map(workers.map((w) => [w.userId, w]));
  return rows.map((g) => {
    const mine = buildings
      .filter((b) => b.gridId === g.id)
      .map((b) => ({
        id: b.id,
        name: b.name,
        compoundId: b.compoundId,
        compoundName: b.compoundId ? (compoundNames.get(b.compoundId) ?? null) : null,
        householdCount: hhN.get(b.id) ?? 0,
      }))
      .sort((a, b) => (a.compoundName ?? '').localeCompare(b.compoundName ?? '', 'zh') || byName(a, b));
    return {
      id: g.id,
      orgUnitId: g.orgUnitId,
      orgUnitName: communityNames.get(g.orgUnitId) ?? '',
      name: g.name,
      buildings: mine,
      householdCount: mine.reduce((s, b) => s + b.householdCount, 0),
      worker: g.workerUserId ? (workerById.get(g.workerUserId) ?? null) : null,
      allowed: allowedActions(actor, gridTarget(g), ['grid:write']),
    };
  });
}

export async function getGrid({ actor, db }: QueryContext, id: string): Promise<GridOut> {
  const g = await loadGrid(db, id);
  authorize(actor, 'grid:read', gridTarget(g));
  return (await present(db, actor, [g]))[0];
}

export async function listGrids({ actor, db }: QueryContext, q: z.infer<typeof gridQuery>) {
  const where: (SQL | undefined)[] = [scopeCondition(actor, 'grid:read', grid.orgPath)];
  if (q.orgUnitId) {
    // A grid hangs at its community; from a compound or building, find it through the buildings it covers.
    const under = `%/${q.orgUnitId}/%`;
    where.push(
      or(
        like(grid.orgPath, under),
        exists(
          db
            .select({ x: sql`1` })
            .from(gridBuilding)
            .innerJoin(orgUnit, eq(orgUnit.id, gridBuilding.buildingId))
            .where(and(eq(gridBuilding.gridId, grid.id), like(orgUnit.path, under))),
        ),
      ),
    );
  }
  if (q.q) where.push(ilike(grid.name, `%${q.q}%`));
  const cond = and(...where);
  const [rows, [{ n }]] = await Promise.all([
    db
      .select()
      .from(grid)
      .where(cond)
      .orderBy(asc(grid.orgPath), asc(grid.name), asc(grid.id))
      .limit(q.pageSize)
      .offset((q.page - 1) * q.pageSize),
    db.select({ n: count() }).from(grid).where(cond),
  ]);
  return { items: await present(db, actor, rows), total: n, page: q.page, pageSize: q.pageSize };
}

/** Buildings must be buildings of the grid's community and not yet in another grid. */
async function checkBuildings(db: Executor, community: OrgUnitRow, buildingIds: string[], self?: string) {
  if (buildingIds.length === 0) return [];
  const units = await db.select().from(orgUnit).where(inArray(orgUnit.id, buildingIds));
  const byId = new Map(units.map((u) => [u.id, u]));
  for (const id of buildingIds) {
    const u = byId.get(id);
    if (u?.kind !== 'building') throw new AppError('not_a_building', { buildingId: id });
    if (!u.path.startsWith(community.path))
      throw new AppError('building_not_in_community', { buildingId: id });
  }
  const [taken] = await db
    .select({ buildingId: gridBuilding.buildingId, gridId: grid.id, gridName: grid.name })
    .from(gridBuilding)
    .innerJoin(grid, eq(grid.id, gridBuilding.gridId))
    .where(and(inArray(gridBuilding.buildingId, buildingIds), self ? ne(grid.id, self) : undefined))
    .limit(1);
  if (taken)
    throw new AppError('building_in_other_grid', {
      ...taken,
      buildingName: byId.get(taken.buildingId)?.name,
    });
  return units;
}

/**
 * The worker must be an active account holding grid_worker on the same branch of the tree as the
 * grid's community (granted at it, above it, or inside it), so their own scope covers the grid.
 */
async function checkWorker(db: Executor, community: OrgUnitRow, userId: string) {
  const [found] = await db
    .select({ displayName: userAccount.displayName })
    .from(roleGrant)
    .innerJoin(userAccount, eq(userAccount.id, roleGrant.userId))
    .where(
      and(
        eq(roleGrant.userId, userId),
        eq(roleGrant.role, 'grid_worker'),
        isNull(userAccount.disabledAt),
        or(
          sql`${community.path} like ${roleGrant.orgPath} || '%'`,
          like(roleGrant.orgPath, `${community.path}%`),
        ),
      ),
    )
    .limit(1);
  if (!found) throw new AppError('not_a_grid_worker', { userId });
  return found;
}

async function assertNameFree(db: Executor, orgUnitId: string, name: string, self?: string) {
  const [dup] = await db
    .select({ id: grid.id })
    .from(grid)
    .where(and(eq(grid.orgUnitId, orgUnitId), eq(grid.name, name), self ? ne(grid.id, self) : undefined));
  if (dup) throw new AppError('duplicate_name', { gridId: dup.id });
}

/** The unique index is the last word when two requests race for a building. */
async function insertBuildings(db: Executor, gridId: string, buildingIds: string[]) {
  if (buildingIds.length === 0) return;
  try {
    await db.insert(gridBuilding).values(buildingIds.map((buildingId) => ({ gridId, buildingId })));
  } catch (err) {
    const e = err as { code?: string; cause?: { code?: string } };
    if ((e.code ?? e.cause?.code) === '23505') throw new AppError('building_in_other_grid');
    throw err;
  }
}

export async function createGrid(ctx: CommandContext, input: z.infer<typeof gridCreate>): Promise<GridOut> {
  const community = await loadOrgUnit(ctx.tx, input.orgUnitId);
  authorize(ctx.actor, 'grid:write', { orgPath: community.path });
  if (community.kind !== 'community') throw new AppError('not_a_community');
  await assertNameFree(ctx.tx, community.id, input.name);
  const buildingIds = [...new Set(input.buildingIds)];
  await checkBuildings(ctx.tx, community, buildingIds);
  const worker = input.workerUserId ? await checkWorker(ctx.tx, community, input.workerUserId) : null;
  const [row] = await ctx.tx
    .insert(grid)
    .values({
      districtId: community.districtId,
      orgUnitId: community.id,
      orgPath: community.path,
      name: input.name,
      workerUserId: input.workerUserId ?? null,
    })
    .returning();
  await insertBuildings(ctx.tx, row.id, buildingIds);
  await recordAudit(ctx, {
    action: 'org.grid_created',
    subjectType: 'grid',
    subjectId: row.id,
    orgPath: row.orgPath,
    orgUnitId: community.id,
    summary: `在「${community.name}」新建网格「${row.name}」，${buildingIds.length} 栋楼${worker ? `，网格员 ${worker.displayName}` : ''}`,
  });
  return (await present(ctx.tx, ctx.actor, [row]))[0];
}

export async function updateGrid(
  ctx: CommandContext,
  id: string,
  patch: z.infer<typeof gridUpdate>,
): Promise<GridOut> {
  const g = await loadGrid(ctx.tx, id, true);
  authorize(ctx.actor, 'grid:write', gridTarget(g));
  const community = await loadOrgUnit(ctx.tx, g.orgUnitId);
  const changes: string[] = [];
  const set: Partial<GridRow> = {};
  if (patch.name !== undefined && patch.name !== g.name) {
    await assertNameFree(ctx.tx, g.orgUnitId, patch.name, g.id);
    set.name = patch.name;
    changes.push(`名称「${g.name}」→「${patch.name}」`);
  }
  if (patch.workerUserId !== undefined && patch.workerUserId !== g.workerUserId) {
    const worker = patch.workerUserId ? await checkWorker(ctx.tx, community, patch.workerUserId) : null;
    set.workerUserId = patch.workerUserId;
    changes.push(worker ? `网格员改为 ${worker.displayName}` : '取消网格员');
  }
  if (patch.buildingIds !== undefined) {
    const next = [...new Set(patch.buildingIds)];
    const current = (
      await ctx.tx
        .select({ id: gridBuilding.buildingId })
        .from(gridBuilding)
        .where(eq(gridBuilding.gridId, id))
    ).map((b) => b.id);
    const added = next.filter((b) => !current.includes(b));
    const removed = current.filter((b) => !next.includes(b));
    if (added.length || removed.length) {
      await checkBuildings(ctx.tx, community, added, g.id);
      if (removed.length) {
        await ctx.tx
          .delete(gridBuilding)
          .where(and(eq(gridBuilding.gridId, id), inArray(gridBuilding.buildingId, removed)));
      }
      await insertBuildings(ctx.tx, id, added);
      const names = await nameOrgUnits(ctx.tx, [...added, ...removed]);
      const list = (xs: string[]) => xs.map((b) => names.get(b) ?? b).join('、');
      changes.push(
        [added.length ? `划入 ${list(added)}` : '', removed.length ? `划出 ${list(removed)}` : '']
          .filter(Boolean)
          .join('，'),
      );
    }
  }
  if (changes.length === 0) return (await present(ctx.tx, ctx.actor, [g]))[0];
  const [row] = Object.keys(set).length
    ? await ctx.tx.update(grid).set(set).where(eq(grid.id, id)).returning()
    : [g];
  await recordAudit(ctx, {
    action: 'org.grid_updated',
    subjectType: 'grid',
    subjectId: id,
    orgPath: g.orgPath,
    orgUnitId: g.orgUnitId,
    summary: `修改网格「${g.name}」：${changes.join('；')}`,
  });
  return (await present(ctx.tx, ctx.actor, [row]))[0];
}
