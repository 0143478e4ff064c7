import { and, asc, count, eq, exists, ilike, inArray, like, or, type SQL, sql } from 'drizzle-orm';
import type { z } from 'zod';
import { maskIdNumber } from '../../../common/masking.ts';
import type {
  PersonOut,
  personCreate,
  personQuery,
  personUpdate,
  RELATIONS,
} from '../../../common/contracts/org.ts';
import { type Executor, readAll } from '../../db/client.ts';
import { type Actor, allowedActions, authorize, scopeCondition, type Target } from '../../platform/access.ts';
import { recordAudit } from '../../platform/audit.ts';
import { now } from '../../platform/clock.ts';
import type { CommandContext, QueryContext } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import { loadHousehold, roomLabel } from './households.ts';
import { addressOf, loadOrgUnit, trails, underUnit } from './org-units.ts';
import { household, householdMember, partyMembership, partyOrg, person } from './schema.ts';

export type PersonRow = typeof person.$inferSelect;
type Relation = (typeof RELATIONS)[number];

/** The age below which the roster flags a person (the seed's import rule: under 14). */
export const MINOR_AGE = 14;
export function isMinor(birthYear: number | null, at: Date = now()): boolean {
  return birthYear !== null && at.getUTCFullYear() - birthYear < MINOR_AGE;
}

async function householdIdsOf(db: Executor, personIds: string[]) {
  if (personIds.length === 0) return [];
  return db
    .select({
      personId: householdMember.personId,
      householdId: householdMember.householdId,
      relation: householdMember.relation,
      orgPath: household.orgPath,
      unitNo: household.unitNo,
      room: household.room,
    })
    .from(householdMember)
    .innerJoin(household, eq(household.id, householdMember.householdId))
    .where(inArray(householdMember.personId, personIds));
}

export async function personTarget(db: Executor, p: PersonRow): Promise<Target> {
  const hh = await householdIdsOf(db, [p.id]);
  return { orgPath: p.orgPath, householdIds: hh.map((h) => h.householdId) };
}

export async function loadPerson(db: Executor, id: string, lock = false): Promise<PersonRow> {
  const q = db.select().from(person).where(eq(person.id, id));
  const [row] = lock ? await q.for('update') : await q;
  if (!row) throw new AppError('not_found');
  return row;
}

async function present(db: Executor, actor: Actor, rows: PersonRow[]): Promise<PersonOut[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const [hh, party] = await readAll(db, [
    () => householdIdsOf(db, ids),
    () =>
      db
        .select({
          personId: partyMembership.personId,
          partyOrgId: partyOrg.id,
          name: partyOrg.name,
          kind: partyMembership.kind,
          workplace: partyMembership.workplace,
        })
        .from(partyMembership)
        .innerJoin(partyOrg, eq(partyOrg.id, partyMembership.partyOrgId))
        .where(inArray(partyMembership.personId, ids)),
  ]);
  const trailMap = await trails(
    db,
    hh.map((h) => h.orgPath),
  );
  return rows.map((p) => {
    const mine = hh.filter((h) => h.personId === p.id);
    const target = { orgPath: p.orgPath, householdIds: mine.map((h) => h.householdId) };
    return {
      id: p.id,
      orgUnitId: p.orgUnitId,
      name: p.name,
      phone: p.phone,
      idNumberMasked: p.idNumber ? maskIdNumber(p.idNumber) : null,
      gender: p.gender as PersonOut['gender'],
      birthYear: p.birthYear,
      tags: p.tags,
      households: mine.map((h) => ({
        householdId: h.householdId,
        address: `${addressOf(trailMap.get(h.orgPath) ?? [])} ${roomLabel(h)}`,
        relation: h.relation as Relation,
      })),
      partyOrgs: party.filter((x) => x.personId === p.id).map(({ personId: _, ...x }) => x),
      minor: isMinor(p.birthYear),
      allowed: allowedActions(actor, target, ['org:write', 'person:reveal_id']),
    };
  });
}

export async function getPerson({ actor, db }: QueryContext, id: string): Promise<PersonOut> {
  const p = await loadPerson(db, id);
  authorize(actor, 'org:read', await personTarget(db, p));
  return (await present(db, actor, [p]))[0];
}

/** Search by name (any part) or phone tail (3 or more digits). */
export async function listPersons({ actor, db }: QueryContext, q: z.infer<typeof personQuery>) {
  const where: (SQL | undefined)[] = [
    scopeCondition(actor, 'org:read', person.orgPath, (hid) =>
      exists(
        db
          .select({ x: sql`1` })
          .from(householdMember)
          .where(and(eq(householdMember.personId, person.id), eq(householdMember.householdId, hid))),
      ),
    ),
  ];
  if (q.orgUnitId) where.push(await underUnit(db, person.orgPath, q.orgUnitId));
  if (q.tag) where.push(sql`${q.tag} = any(${person.tags})`);
  if (q.q) {
    where.push(
      or(ilike(person.name, `%${q.q}%`), /^\d{3,11}$/.test(q.q) ? like(person.phone, `%${q.q}`) : undefined),
    );
  }
  const cond = and(...where);
  const [rows, [{ n }]] = await Promise.all([
    db
      .select()
      .from(person)
      .where(cond)
      .orderBy(asc(person.name), asc(person.id))
      .limit(q.pageSize)
      .offset((q.page - 1) * q.pageSize),
    db.select({ n: count() }).from(person).where(cond),
  ]);
  return { items: await present(db, actor, rows), total: n, page: q.page, pageSize: q.pageSize };
}

export async function createPerson(ctx: CommandContext, input: z.infer<typeof personCreate>) {
  let unit = await loadOrgUnit(ctx.tx, input.orgUnitId);
  const hh = input.householdId ? await loadHousehold(ctx.tx, input.householdId, true) : null;
  if (hh) {
    if (!hh.orgPath.startsWith(unit.path)) throw new AppError('validation_failed', { field: 'householdId' });
    unit = await loadOrgUnit(ctx.tx, hh.buildingId);
  }
  authorize(ctx.actor, 'org:write', { orgPath: unit.path });
  const [row] = await ctx.tx
    .insert(person)
    .values({
      districtId: unit.districtId,
      orgUnitId: unit.id,
      orgPath: unit.path,
      name: input.name,
      phone: input.phone ?? null,
      idNumber: input.idNumber ?? null,
      gender: input.gender ?? null,
      birthYear: input.birthYear ?? null,
      tags: input.tags,
    })
    .returning();
  if (hh) {
    await ctx.tx
      .insert(householdMember)
      .values({ householdId: hh.id, personId: row.id, relation: input.relation ?? 'member' });
  }
  await recordAudit(ctx, {
    action: 'org.person_created',
    subjectType: 'person',
    subjectId: row.id,
    orgPath: row.orgPath,
    orgUnitId: unit.id,
    summary: `登记居民 ${row.name}${hh ? `（${roomLabel(hh)}）` : ''}`,
  });
  return (await present(ctx.tx, ctx.actor, [row]))[0];
}

export async function updatePerson(ctx: CommandContext, id: string, patch: z.infer<typeof personUpdate>) {
  const p = await loadPerson(ctx.tx, id, true);
  authorize(ctx.actor, 'org:write', await personTarget(ctx.tx, p));
  const [row] = await ctx.tx
    .update(person)
    .set({ ...patch, updatedAt: now() })
    .where(eq(person.id, id))
    .returning();
  await recordAudit(ctx, {
    action: 'org.person_updated',
    subjectType: 'person',
    subjectId: id,
    orgPath: p.orgPath,
    orgUnitId: p.orgUnitId,
    // Never the values: the audit trail must not become a second copy of ID numbers and phones.
    summary: `修改居民 ${p.name} 的 ${Object.keys(patch).join('、')}`,
  });
  return (await present(ctx.tx, ctx.actor, [row]))[0];
}

/** The full ID number, for a role that may see it and says why; the reason is audited. */
export async function revealIdNumber(ctx: CommandContext, id: string, reason: string) {
  const p = await loadPerson(ctx.tx, id);
  authorize(ctx.actor, 'person:reveal_id', await personTarget(ctx.tx, p));
  await recordAudit(ctx, {
    action: 'org.person_id_revealed',
    subjectType: 'person',
    subjectId: id,
    orgPath: p.orgPath,
    orgUnitId: p.orgUnitId,
    summary: `查看 ${p.name} 的完整证件号，事由：${reason}`,
  });
  return { idNumber: p.idNumber };
}
