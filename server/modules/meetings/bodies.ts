import { and, asc, eq, inArray, type SQL, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type {
  BodyKind,
  BodyLevel,
  BodyOut,
  bodyIn,
  bodyQuery,
  bodyUpdate,
  MemberRole,
  memberIn,
} from '../../../common/contracts/meetings.ts';
import type { Executor } from '../../db/client.ts';
import { type Actor, allowedActions, authorize, scopeCondition } from '../../platform/access.ts';
import { recordAudit } from '../../platform/audit.ts';
import type { CommandContext, QueryContext } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import { userAccount } from '../../platform/schema.ts';
import { loadOrgUnit, loadPartnerUnit, loadPerson, nameOrgUnits, underUnit } from '../org/index.ts';
import { bodyMember, deliberativeBody } from './schema.ts';

export type BodyRow = typeof deliberativeBody.$inferSelect;
export type MemberRow = typeof bodyMember.$inferSelect;

export async function loadBody(db: Executor, id: string): Promise<BodyRow> {
  const [row] = await db.select().from(deliberativeBody).where(eq(deliberativeBody.id, id));
  if (!row) throw new AppError('not_found');
  return row;
}

export async function membersOfBodies(db: Executor, ids: string[]): Promise<Map<string, MemberRow[]>> {
  const out = new Map<string, MemberRow[]>(ids.map((id) => [id, []]));
  if (ids.length === 0) return out;
  const rows = await db
    .select()
    .from(bodyMember)
    .where(inArray(bodyMember.bodyId, [...new Set(ids)]))
    .orderBy(asc(bodyMember.createdAt), asc(bodyMember.name));
  const rank: Record<string, number> = { chair: 0, secretary: 1, member: 2 };
  // Chair first, then the secretary, then members in the order they were entered.
  rows.sort((a, b) => rank[a.role] - rank[b.role]);
  for (const r of rows) out.get(r.bodyId)?.push(r);
  return out;
}

/** The actor's seat in a body, if any: by person (residents, party members) or by user (staff). */
export function seatOf(actor: Actor, members: MemberRow[]): MemberRow | undefined {
  const rank = { chair: 0, secretary: 1, member: 2 } as Record<string, number>;
  return members
    .filter(
      (m) =>
        (m.personId !== null && m.personId === actor.personId) ||
        (m.userId !== null && m.userId === actor.userId),
    )
    .sort((a, b) => rank[a.role] - rank[b.role])[0];
}

async function present(db: Executor, actor: Actor, rows: BodyRow[]): Promise<BodyOut[]> {
  const [names, members] = [
    await nameOrgUnits(db, [...new Set(rows.map((r) => r.orgUnitId))]),
    await membersOfBodies(
      db,
      rows.map((r) => r.id),
    ),
  ];
  return rows.map((r) => ({
    id: r.id,
    kind: r.kind as BodyKind,
    level: r.level as BodyLevel,
    name: r.name,
    orgUnitId: r.orgUnitId,
    orgUnitName: names.get(r.orgUnitId) ?? '',
    openToResidents: r.openToResidents,
    active: r.active,
    members: (members.get(r.id) ?? []).map((m) => ({
      id: m.id,
      role: m.role as MemberRole,
      personId: m.personId,
      userId: m.userId,
      partnerUnitId: m.partnerUnitId,
      name: m.name,
      affiliation: m.affiliation,
    })),
    allowed: allowedActions(actor, { orgPath: r.orgPath }, ['meetings:manage']),
  }));
}

/** Bodies visible to staff in scope, and to the members themselves. */
function bodyVisible(actor: Actor): SQL {
  const seat = sql`exists (select 1 from ${bodyMember} where ${bodyMember.bodyId} = ${deliberativeBody.id} and (${bodyMember.personId} = ${actor.personId ?? null} or ${bodyMember.userId} = ${actor.userId ?? null}))`;
  return sql`(${scopeCondition(actor, 'meetings:read', deliberativeBody.orgPath)} or ${seat})`;
}

export async function listBodies({ actor, db }: QueryContext, q: z.infer<typeof bodyQuery>) {
  const where: (SQL | undefined)[] = [bodyVisible(actor)];
  if (q.kind) where.push(eq(deliberativeBody.kind, q.kind));
  if (q.orgUnitId) where.push(await underUnit(db, deliberativeBody.orgPath, q.orgUnitId));
  const rows = await db
    .select()
    .from(deliberativeBody)
    .where(and(...where))
    // Community bodies first, then compounds, then buildings; by name within a level.
    .orderBy(asc(sql`length(${deliberativeBody.orgPath})`), asc(deliberativeBody.name));
  return { items: await present(db, actor, rows) };
}

export async function getBody({ actor, db }: QueryContext, id: string) {
  const [row] = await db
    .select()
    .from(deliberativeBody)
    .where(and(eq(deliberativeBody.id, id), bodyVisible(actor)));
  if (!row) throw new AppError('not_found');
  return (await present(db, actor, [row]))[0];
}

/** Resolves each member to a name, checking persons and partner units belong to the body's area. */
async function memberRows(tx: Executor, body: BodyRow, input: z.infer<typeof memberIn>[]) {
  const rows: (typeof bodyMember.$inferInsert)[] = [];
  for (const m of input) {
    let name = m.name ?? null;
    let userId = m.userId ?? null;
    if (m.personId) {
      const p = await loadPerson(tx, m.personId);
      if (p.districtId !== body.districtId) throw new AppError('not_found');
      name ??= p.name;
      if (!userId) {
        const [u] = await tx
          .select({ id: userAccount.id })
          .from(userAccount)
          .where(eq(userAccount.personId, p.id))
          .limit(1);
        userId = u?.id ?? null;
      }
    }
    if (m.partnerUnitId) {
      const u = await loadPartnerUnit(tx, m.partnerUnitId);
      if (!body.orgPath.startsWith(u.orgPath) && !u.orgPath.startsWith(body.orgPath))
        throw new AppError('not_found');
      name ??= u.name;
    }
    if (!name && userId) {
      const [u] = await tx
        .select({ name: userAccount.displayName })
        .from(userAccount)
        .where(eq(userAccount.id, userId));
      if (!u) throw new AppError('not_found');
      name = u.name;
    }
    if (!name) throw new AppError('validation_failed', { field: 'members.name' });
    rows.push({
      bodyId: body.id,
      role: m.role,
      personId: m.personId ?? null,
      userId,
      partnerUnitId: m.partnerUnitId ?? null,
      name,
      affiliation: m.affiliation,
    });
  }
  return rows;
}

export async function createBody(ctx: CommandContext, input: z.infer<typeof bodyIn>) {
  const unit = await loadOrgUnit(ctx.tx, input.orgUnitId);
  authorize(ctx.actor, 'meetings:manage', { orgPath: unit.path });
  if (!['community', 'compound', 'building'].includes(unit.kind)) throw new AppError('body_unit_invalid');
  const [row] = await ctx.tx
    .insert(deliberativeBody)
    .values({
      districtId: unit.districtId,
      orgUnitId: unit.id,
      orgPath: unit.path,
      level: unit.kind,
      kind: input.kind,
      name: input.name,
      openToResidents: input.openToResidents ?? input.kind === 'corridor_session',
    })
    .returning();
  const members = await memberRows(ctx.tx, row, input.members);
  if (members.length) await ctx.tx.insert(bodyMember).values(members);
  await recordAudit(ctx, {
    action: 'meetings.body_created',
    subjectType: 'deliberative_body',
    subjectId: row.id,
    orgPath: row.orgPath,
    orgUnitId: row.orgUnitId,
    summary: `设立议事主体「${row.name}」，成员 ${members.length} 人`,
  });
  return (await present(ctx.tx, ctx.actor, [row]))[0];
}

export async function updateBody(ctx: CommandContext, id: string, patch: z.infer<typeof bodyUpdate>) {
  const body = await loadBody(ctx.tx, id);
  authorize(ctx.actor, 'meetings:manage', { orgPath: body.orgPath });
  const { members, ...rest } = patch;
  let row = body;
  if (Object.keys(rest).length) {
    [row] = await ctx.tx.update(deliberativeBody).set(rest).where(eq(deliberativeBody.id, id)).returning();
  }
  if (members) {
    const rows = await memberRows(ctx.tx, body, members);
    await ctx.tx.delete(bodyMember).where(eq(bodyMember.bodyId, id));
    if (rows.length) await ctx.tx.insert(bodyMember).values(rows);
  }
  await recordAudit(ctx, {
    action: 'meetings.body_updated',
    subjectType: 'deliberative_body',
    subjectId: id,
    orgPath: body.orgPath,
    orgUnitId: body.orgUnitId,
    summary: `修改议事主体「${row.name}」${members ? `，成员 ${members.length} 人` : ''}`,
  });
  return (await present(ctx.tx, ctx.actor, [row]))[0];
}
