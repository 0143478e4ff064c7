import { and, asc, count, eq, exists, ilike, inArray, like, or, type SQL, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type {
  HouseholdOut,
  householdCreate,
  householdQuery,
  householdUpdate,
  RELATIONS,
} from '../../../common/contracts/org.ts';
import { type Executor, readAll } from '../../db/client.ts';
import { type Actor, allowedActions, authorize, scopeCondition, type Target } from '../../platform/access.ts';
import { recordAudit } from '../../platform/audit.ts';
import { now } from '../../platform/clock.ts';
import type { CommandContext, QueryContext } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import { addressOf, loadOrgUnit, trails, underUnit } from './org-units.ts';
import { household, householdMember, person } from './schema.ts';

export type HouseholdRow = typeof household.$inferSelect;
type Relation = (typeof RELATIONS)[number];

export function householdTarget(h: HouseholdRow): Target {
  return { orgPath: h.orgPath, householdIds: [h.id] };
}

export async function loadHousehold(db: Executor, id: string, lock = false): Promise<HouseholdRow> {
  const q = db.select().from(household).where(eq(household.id, id));
  const [row] = lock ? await q.for('update') : await q;
  if (!row) throw new AppError('not_found');
  return row;
}

/** "1单元 302" — how a room is written on a roster. */
export function roomLabel(h: { unitNo: string; room: string }): string {
  return h.unitNo ? `${h.unitNo}单元 ${h.room}` : h.room;
}

async function present(db: Executor, actor: Actor, rows: HouseholdRow[]): Promise<HouseholdOut[]> {
  if (rows.length === 0) return [];
  const [members, trailMap] = await readAll(db, [
    () =>
      db
        .select({
          householdId: householdMember.householdId,
          relation: householdMember.relation,
          personId: person.id,
          name: person.name,
          phone: person.phone,
          tags: person.tags,
          birthYear: person.birthYear,
        })
        .from(householdMember)
        .innerJoin(person, eq(person.id, householdMember.personId))
        .where(
          inArray(
            householdMember.householdId,
            rows.map((r) => r.id),
          ),
        )
        .orderBy(asc(person.birthYear)),
    () =>
      trails(
        db,
        rows.map((r) => r.orgPath),
      ),
  ]);
  return rows.map((h) => {
    const trail = trailMap.get(h.orgPath) ?? [];
    return {
      id: h.id,
      buildingId: h.buildingId,
      address: `${addressOf(trail)} ${roomLabel(h)}`,
      unitNo: h.unitNo,
      room: h.room,
      floorAreaM2: h.floorAreaM2 === null ? null : Number(h.floorAreaM2),
      tags: h.tags,
      members: members
        .filter((m) => m.householdId === h.id)
        .map(({ householdId: _, relation, ...m }) => ({ ...m, relation: relation as Relation })),
      trail,
      updatedAt: h.updatedAt.toISOString(),
      allowed: allowedActions(actor, householdTarget(h), ['org:write', 'person:reveal_id']),
    };
  });
}

export async function getHousehold({ actor, db }: QueryContext, id: string): Promise<HouseholdOut> {
  const h = await loadHousehold(db, id);
  authorize(actor, 'org:read', householdTarget(h));
  return (await present(db, actor, [h]))[0];
}

/** Search by room ("302", "1-302"), a member's name, or a phone tail ("1234"). */
export async function listHouseholds({ actor, db }: QueryContext, q: z.infer<typeof householdQuery>) {
  const where: (SQL | undefined)[] = [
    scopeCondition(actor, 'org:read', household.orgPath, (hid) => eq(household.id, hid)),
  ];
  if (q.orgUnitId) where.push(await underUnit(db, household.orgPath, q.orgUnitId));
  if (q.tag) where.push(sql`${q.tag} = any(${household.tags})`);
  if (q.q) {
    const text = q.q;
    const room = text.match(/^(\d+)\s*[-单元]+\s*(\S+)$/);
    const memberMatch = exists(
      db
        .select({ x: sql`1` })
        .from(householdMember)
        .innerJoin(person, eq(person.id, householdMember.personId))
        .where(
          and(
            eq(householdMember.householdId, household.id),
            or(
              ilike(person.name, `%${text}%`),
              /^\d{3,11}$/.test(text) ? like(person.phone, `%${text}`) : undefined,
            ),
          ),
        ),
    );
    where.push(
      or(
        eq(household.room, text),
        room ? and(eq(household.unitNo, room[1]), eq(household.room, room[2])) : undefined,
        memberMatch,
      ),
    );
  }
  const cond = and(...where);
  const [rows, [{ n }]] = await Promise.all([
    db
      .select()
      .from(household)
      .where(cond)
      .orderBy(asc(household.orgPath), asc(household.unitNo), asc(household.room))
      .limit(q.pageSize)
      .offset((q.page - 1) * q.pageSize),
    db.select({ n: count() }).from(household).where(cond),
  ]);
  return { items: await present(db, actor, rows), total: n, page: q.page, pageSize: q.pageSize };
}

export async function createHousehold(ctx: CommandContext, input: z.infer<typeof householdCreate>) {
  const building = await loadOrgUnit(ctx.tx, input.buildingId);
  authorize(ctx.actor, 'org:write', { orgPath: building.path });
  if (building.kind !== 'building') throw new AppError('not_a_building');
  const [dup] = await ctx.tx
    .select({ id: household.id })
    .from(household)
    .where(
      and(
        eq(household.buildingId, building.id),
        eq(household.unitNo, input.unitNo),
        eq(household.room, input.room),
      ),
    );
  if (dup) throw new AppError('duplicate_room', { householdId: dup.id });
  const [row] = await ctx.tx
    .insert(household)
    .values({
      districtId: building.districtId,
      buildingId: building.id,
      orgPath: building.path,
      unitNo: input.unitNo,
      room: input.room,
      floorAreaM2: input.floorAreaM2 == null ? null : input.floorAreaM2.toFixed(2),
      tags: input.tags,
    })
    .returning();
  await recordAudit(ctx, {
    action: 'org.household_created',
    subjectType: 'household',
    subjectId: row.id,
    orgPath: row.orgPath,
    orgUnitId: building.id,
    summary: `新建住户 ${building.name} ${roomLabel(row)}`,
  });
  return (await present(ctx.tx, ctx.actor, [row]))[0];
}

export async function updateHousehold(
  ctx: CommandContext,
  id: string,
  patch: z.infer<typeof householdUpdate>,
) {
  const h = await loadHousehold(ctx.tx, id, true);
  authorize(ctx.actor, 'org:write', householdTarget(h));
  const next = {
    unitNo: patch.unitNo ?? h.unitNo,
    room: patch.room ?? h.room,
  };
  if (next.unitNo !== h.unitNo || next.room !== h.room) {
    const [dup] = await ctx.tx
      .select({ id: household.id })
      .from(household)
      .where(
        and(
          eq(household.buildingId, h.buildingId),
          eq(household.unitNo, next.unitNo),
          eq(household.room, next.room),
        ),
      );
    if (dup) throw new AppError('duplicate_room', { householdId: dup.id });
  }
  const [row] = await ctx.tx
    .update(household)
    .set({
      ...next,
      floorAreaM2:
        patch.floorAreaM2 === undefined
          ? h.floorAreaM2
          : patch.floorAreaM2 === null
            ? null
            : patch.floorAreaM2.toFixed(2),
      tags: patch.tags ?? h.tags,
      updatedAt: now(),
    })
    .where(eq(household.id, id))
    .returning();
  await recordAudit(ctx, {
    action: 'org.household_updated',
    subjectType: 'household',
    subjectId: id,
    orgPath: h.orgPath,
    orgUnitId: h.buildingId,
    summary: `修改住户 ${roomLabel(h)}：${describeChanges(h, row)}`,
  });
  return (await present(ctx.tx, ctx.actor, [row]))[0];
}

function describeChanges(before: HouseholdRow, after: HouseholdRow): string {
  const parts: string[] = [];
  if (before.unitNo !== after.unitNo || before.room !== after.room)
    parts.push(`房号 ${roomLabel(before)} → ${roomLabel(after)}`);
  if (before.floorAreaM2 !== after.floorAreaM2)
    parts.push(`面积 ${before.floorAreaM2 ?? '-'} → ${after.floorAreaM2 ?? '-'} m²`);
  if (before.tags.join() !== after.tags.join())
    parts.push(`标签 [${before.tags.join(',')}] → [${after.tags.join(',')}]`);
  return parts.join('；') || '无变化';
}

export async function putMember(
  ctx: CommandContext,
  householdId: string,
  personId: string,
  relation: Relation,
) {
  const h = await loadHousehold(ctx.tx, householdId, true);
  authorize(ctx.actor, 'org:write', householdTarget(h));
  const [p] = await ctx.tx.select().from(person).where(eq(person.id, personId));
  if (!p) throw new AppError('not_found');
  authorize(ctx.actor, 'org:write', { orgPath: p.orgPath, householdIds: [householdId] });
  await ctx.tx
    .insert(householdMember)
    .values({ householdId, personId, relation })
    .onConflictDoUpdate({
      target: [householdMember.householdId, householdMember.personId],
      set: { relation },
    });
  // A person registered at a community moves down to the building they now live in.
  if (p.orgPath !== h.orgPath && h.orgPath.startsWith(p.orgPath)) {
    await ctx.tx
      .update(person)
      .set({ orgPath: h.orgPath, orgUnitId: h.buildingId })
      .where(eq(person.id, personId));
  }
  await recordAudit(ctx, {
    action: 'org.member_added',
    subjectType: 'household',
    subjectId: householdId,
    orgPath: h.orgPath,
    orgUnitId: h.buildingId,
    summary: `${p.name} 登记为住户 ${roomLabel(h)} 成员（${relation}）`,
  });
  return (await present(ctx.tx, ctx.actor, [h]))[0];
}

export async function removeMember(ctx: CommandContext, householdId: string, personId: string) {
  const h = await loadHousehold(ctx.tx, householdId, true);
  authorize(ctx.actor, 'org:write', householdTarget(h));
  const deleted = await ctx.tx
    .delete(householdMember)
    .where(and(eq(householdMember.householdId, householdId), eq(householdMember.personId, personId)))
    .returning();
  if (deleted.length === 0) throw new AppError('not_found');
  await recordAudit(ctx, {
    action: 'org.member_removed',
    subjectType: 'household',
    subjectId: householdId,
    orgPath: h.orgPath,
    orgUnitId: h.buildingId,
    summary: `从住户 ${roomLabel(h)} 移出成员 ${personId}`,
  });
  return (await present(ctx.tx, ctx.actor, [h]))[0];
}
