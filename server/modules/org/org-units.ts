import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import { and, asc, eq, ilike, inArray, like, type SQL, sql } from 'drizzle-orm';
import {
  CHILD_KIND,
  type OrgUnitKind,
  type OrgUnitOut,
  type orgUnitCreate,
  type orgUnitUpdate,
} from '../../../common/contracts/org.ts';
import type { z } from 'zod';
import { type Executor, execRows, readAll } from '../../db/client.ts';
import { type Actor, allowedActions, authorize, scopeCondition } from '../../platform/access.ts';
import { recordAudit } from '../../platform/audit.ts';
import type { CommandContext, QueryContext } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import { orgUnit } from './schema.ts';

export type OrgUnitRow = typeof orgUnit.$inferSelect;

export async function loadOrgUnit(db: Executor, id: string, lock = false): Promise<OrgUnitRow> {
  const q = db.select().from(orgUnit).where(eq(orgUnit.id, id));
  const [row] = lock ? await q.for('update') : await q;
  if (!row) throw new AppError('not_found');
  return row;
}

/** The ids on a materialised path, from the district down to the unit itself. */
export function pathIds(path: string): string[] {
  return path.split('/').filter(Boolean);
}

/** Ancestors (and the unit) by name, for breadcrumbs and addresses, in one query. */
export async function trails(db: Executor, paths: string[]): Promise<Map<string, OrgUnitOut['trail']>> {
  const ids = [...new Set(paths.flatMap(pathIds))];
  const rows = ids.length
    ? await db
        .select({ id: orgUnit.id, name: orgUnit.name, kind: orgUnit.kind })
        .from(orgUnit)
        .where(inArray(orgUnit.id, ids))
    : [];
  const byId = new Map(rows.map((r) => [r.id, { ...r, kind: r.kind as OrgUnitKind }]));
  return new Map(paths.map((p) => [p, pathIds(p).flatMap((id) => byId.get(id) ?? [])]));
}

/** "春熙社区 · 幸福小区 · 3号楼" from a trail: the part below the subdistrict. */
export function addressOf(trail: OrgUnitOut['trail']): string {
  return trail
    .filter((t) => t.kind === 'community' || t.kind === 'compound' || t.kind === 'building')
    .map((t) => t.name)
    .join(' · ');
}

export async function nameOrgUnits(db: Executor, ids: string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .select({ id: orgUnit.id, name: orgUnit.name })
    .from(orgUnit)
    .where(inArray(orgUnit.id, ids));
  return new Map(rows.map((r) => [r.id, r.name]));
}

async function present(db: Executor, actor: Actor, units: OrgUnitRow[]): Promise<OrgUnitOut[]> {
  if (units.length === 0) return [];
  const ids = units.map((u) => u.id);
  const [children, households, trailMap] = await readAll(db, [
    () =>
      db
        .select({ parentId: orgUnit.parentId, n: sql<number>`count(*)::int` })
        .from(orgUnit)
        .where(inArray(orgUnit.parentId, ids))
        .groupBy(orgUnit.parentId),
    () =>
      // Households under each unit's subtree. The prefix is a range in text_pattern_ops order
      // ('~' sorts after every character of a path), so each count is an index range scan; a
      // `like u.path || '%'` join would scan every household of the district per request.
      execRows<{ id: string; n: number }>(
        db,
        sql`
      select u.id, (select count(*) from household h
                    where h.org_path ~>=~ u.path and h.org_path ~<~ (u.path || '~'))::int as n
      from org_unit u
      where u.id in (${sql.join(
        ids.map((i) => sql`${i}::uuid`),
        sql`, `,
      )})`,
      ),
    () =>
      trails(
        db,
        units.map((u) => u.path),
      ),
  ]);
  const childN = new Map(children.map((c) => [c.parentId, c.n]));
  const hhN = new Map(households.map((r) => [r.id, Number(r.n)]));
  return units.map((u) => ({
    id: u.id,
    parentId: u.parentId,
    kind: u.kind as OrgUnitKind,
    name: u.name,
    code: u.code,
    address: u.address,
    compoundClass: u.compoundClass,
    depth: u.depth,
    childCount: childN.get(u.id) ?? 0,
    householdCount: hhN.get(u.id) ?? 0,
    trail: trailMap.get(u.path) ?? [],
    allowed: allowedActions(actor, { orgPath: u.path }, ['org:write', 'roster:import', 'roster:export']),
  }));
}

export async function getOrgUnit({ actor, db }: QueryContext, id: string): Promise<OrgUnitOut> {
  const unit = await loadOrgUnit(db, id);
  authorize(actor, 'org:read', { orgPath: unit.path });
  return (await present(db, actor, [unit]))[0];
}

/**
 * Without a query: the units the actor's roles are granted at (their "roots"). With a query: units in
 * scope whose name matches.
 */
export async function listOrgUnits(
  { actor, db }: QueryContext,
  filter: { q?: string; kind?: OrgUnitKind },
): Promise<OrgUnitOut[]> {
  const scope = scopeCondition(actor, 'org:read', orgUnit.path);
  if (filter.q || filter.kind) {
    const rows = await db
      .select()
      .from(orgUnit)
      .where(
        and(
          scope,
          filter.q ? ilike(orgUnit.name, `%${filter.q}%`) : undefined,
          filter.kind ? eq(orgUnit.kind, filter.kind) : undefined,
        ),
      )
      .orderBy(asc(orgUnit.depth), asc(orgUnit.name))
      .limit(50);
    return present(db, actor, rows);
  }
  const roots = actor.grants.filter((g) => g.role !== 'resident').map((g) => g.orgPath);
  // Drop a grant's node when another grant already covers it.
  const top = roots.filter((p) => !roots.some((o) => o !== p && p.startsWith(o)));
  if (top.length === 0) return [];
  const rows = await db
    .select()
    .from(orgUnit)
    .where(inArray(orgUnit.path, [...new Set(top)]))
    .orderBy(asc(orgUnit.name));
  return present(db, actor, rows);
}

export async function listChildren({ actor, db }: QueryContext, id: string): Promise<OrgUnitOut[]> {
  const parent = await loadOrgUnit(db, id);
  authorize(actor, 'org:read', { orgPath: parent.path });
  const rows = await db
    .select()
    .from(orgUnit)
    .where(eq(orgUnit.parentId, id))
    .orderBy(sql`length(${orgUnit.name})`, asc(orgUnit.name));
  return present(db, actor, rows);
}

export async function createOrgUnit(
  ctx: CommandContext,
  input: z.infer<typeof orgUnitCreate>,
): Promise<OrgUnitOut> {
  const parent = await loadOrgUnit(ctx.tx, input.parentId);
  authorize(ctx.actor, 'org:write', { orgPath: parent.path });
  const kind = CHILD_KIND[parent.kind as OrgUnitKind];
  if (!kind) throw new AppError('invalid_parent');
  const id = crypto.randomUUID();
  const [row] = await ctx.tx
    .insert(orgUnit)
    .values({
      id,
      districtId: parent.districtId,
      parentId: parent.id,
      kind,
      name: input.name,
      code: input.code ?? null,
      address: input.address ?? null,
      compoundClass: kind === 'compound' ? (input.compoundClass ?? null) : null,
      path: `${parent.path}${id}/`,
      depth: parent.depth + 1,
    })
    .returning();
  await recordAudit(ctx, {
    action: 'org.unit_created',
    subjectType: 'org_unit',
    subjectId: id,
    orgPath: row.path,
    orgUnitId: id,
    summary: `在「${parent.name}」下新建${kindLabel(kind)}「${row.name}」`,
  });
  return (await present(ctx.tx, ctx.actor, [row]))[0];
}

export async function updateOrgUnit(
  ctx: CommandContext,
  id: string,
  patch: z.infer<typeof orgUnitUpdate>,
): Promise<OrgUnitOut> {
  const unit = await loadOrgUnit(ctx.tx, id, true);
  authorize(ctx.actor, 'org:write', { orgPath: unit.path });
  const [row] = await ctx.tx
    .update(orgUnit)
    .set({ ...patch, updatedAt: new Date() })
    .where(eq(orgUnit.id, id))
    .returning();
  await recordAudit(ctx, {
    action: 'org.unit_updated',
    subjectType: 'org_unit',
    subjectId: id,
    orgPath: unit.path,
    orgUnitId: id,
    summary: `修改${kindLabel(unit.kind as OrgUnitKind)}「${unit.name}」：${Object.keys(patch).join('、')}`,
  });
  return (await present(ctx.tx, ctx.actor, [row]))[0];
}

const KIND_LABEL: Record<OrgUnitKind, string> = {
  district: '区',
  subdistrict: '街道',
  community: '社区',
  compound: '小区',
  building: '楼栋',
};
export function kindLabel(k: OrgUnitKind): string {
  return KIND_LABEL[k];
}

/**
 * Rows under an org unit's subtree, for list filters: a prefix of the unit's own path, which the
 * path indexes serve (a "contains /<id>/" pattern would scan the whole district). An unknown unit
 * matches nothing.
 */
export async function underUnit(db: Executor, column: AnyPgColumn, unitId: string): Promise<SQL> {
  const [u] = await db.select({ path: orgUnit.path }).from(orgUnit).where(eq(orgUnit.id, unitId));
  return u ? like(column, `${u.path}%`) : sql`false`;
}
