import { and, asc, count, eq, ilike, inArray, isNull, ne, type SQL, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { OrgUnitKind } from '../../../common/contracts/org.ts';
import {
  PARTY_ORG_KINDS,
  PARTY_PARENT_KINDS,
  type PartyMemberKind,
  type PartyMemberOut,
  type PartyOrgKind,
  type PartyOrgOut,
  type PartyOrgSummary,
  type partyMemberBody,
  type partyOrgCreate,
  type partyOrgQuery,
  type partyOrgUpdate,
} from '../../../common/contracts/party.ts';
import { type Executor, readAll } from '../../db/client.ts';
import { type Actor, allowedActions, authorize, scopeCondition, type Target } from '../../platform/access.ts';
import { recordAudit } from '../../platform/audit.ts';
import type { CommandContext, QueryContext } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import { addressOf, loadOrgUnit, trails, underUnit } from './org-units.ts';
import { loadPerson, personTarget } from './persons.ts';
import { orgUnit, partyMembership, partyOrg, person } from './schema.ts';

export type PartyOrgRow = typeof partyOrg.$inferSelect;

const KIND_LABEL: Record<PartyOrgKind, string> = {
  community_committee: '社区党组织',
  general_branch: '党总支',
  branch: '党支部',
  group: '党小组',
};
const MEMBER_KIND_LABEL: Record<PartyMemberKind, string> = {
  party_member: '党员',
  registered_member: '在职党员报到',
};

/** Committee first, then general branches, branches, groups: the order the tree is read in. */
const kindRank = sql`array_position(array[${sql.join(
  PARTY_ORG_KINDS.map((k) => sql`${k}`),
  sql`, `,
)}]::text[], ${partyOrg.kind})`;

export function partyOrgTarget(p: PartyOrgRow): Target {
  return { orgPath: p.orgPath };
}

export async function loadPartyOrg(db: Executor, id: string, lock = false): Promise<PartyOrgRow> {
  const q = db.select().from(partyOrg).where(eq(partyOrg.id, id));
  const [row] = lock ? await q.for('update') : await q;
  if (!row) throw new AppError('not_found');
  return row;
}

async function summarize(db: Executor, actor: Actor, rows: PartyOrgRow[]): Promise<PartyOrgSummary[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const secretaryIds = rows.flatMap((r) => r.secretaryPersonId ?? []);
  const [members, children, units, secretaries, trailMap] = await readAll(db, [
    () =>
      db
        .select({ id: partyMembership.partyOrgId, n: count() })
        .from(partyMembership)
        .where(inArray(partyMembership.partyOrgId, ids))
        .groupBy(partyMembership.partyOrgId),
    () =>
      db
        .select({ id: partyOrg.parentId, n: count() })
        .from(partyOrg)
        .where(inArray(partyOrg.parentId, ids))
        .groupBy(partyOrg.parentId),
    () =>
      db
        .select({ id: orgUnit.id, name: orgUnit.name, kind: orgUnit.kind })
        .from(orgUnit)
        .where(inArray(orgUnit.id, [...new Set(rows.map((r) => r.orgUnitId))])),
    () =>
      secretaryIds.length
        ? db.select({ id: person.id, name: person.name }).from(person).where(inArray(person.id, secretaryIds))
        : Promise.resolve([]),
    () =>
      trails(
        db,
        rows.map((r) => r.orgPath),
      ),
  ]);
  const memberN = new Map(members.map((m) => [m.id, m.n]));
  const childN = new Map(children.map((c) => [c.id, c.n]));
  const unitById = new Map(units.map((u) => [u.id, { ...u, kind: u.kind as OrgUnitKind }]));
  const secretaryName = new Map(secretaries.map((s) => [s.id, s.name]));
  return rows.map((r) => ({
    id: r.id,
    parentId: r.parentId,
    kind: r.kind as PartyOrgKind,
    name: r.name,
    orgUnit: unitById.get(r.orgUnitId) ?? { id: r.orgUnitId, name: '', kind: 'community' },
    address: addressOf(trailMap.get(r.orgPath) ?? []),
    secretary:
      r.secretaryPersonId && secretaryName.has(r.secretaryPersonId)
        ? { personId: r.secretaryPersonId, name: secretaryName.get(r.secretaryPersonId)! }
        : null,
    memberCount: memberN.get(r.id) ?? 0,
    childCount: childN.get(r.id) ?? 0,
    allowed: allowedActions(actor, partyOrgTarget(r), ['party:write']),
  }));
}

async function detail(db: Executor, actor: Actor, org: PartyOrgRow): Promise<PartyOrgOut> {
  const [parentRows, childRows, memberRows] = await readAll(db, [
    () =>
      org.parentId
        ? db
            .select({ id: partyOrg.id, name: partyOrg.name, kind: partyOrg.kind })
            .from(partyOrg)
            .where(eq(partyOrg.id, org.parentId))
        : Promise.resolve([]),
    () =>
      db
        .select()
        .from(partyOrg)
        .where(eq(partyOrg.parentId, org.id))
        .orderBy(asc(partyOrg.orgPath), kindRank, asc(partyOrg.name)),
    () =>
      db
        .select({
          personId: person.id,
          name: person.name,
          phone: person.phone,
          kind: partyMembership.kind,
          workplace: partyMembership.workplace,
          joinedOn: partyMembership.joinedOn,
        })
        .from(partyMembership)
        .innerJoin(person, eq(person.id, partyMembership.personId))
        .where(eq(partyMembership.partyOrgId, org.id))
        .orderBy(asc(partyMembership.kind), asc(person.name), asc(person.id)),
  ]);
  const [[self], children] = await readAll(db, [
    () => summarize(db, actor, [org]),
    () => summarize(db, actor, childRows),
  ]);
  const parent = parentRows[0];
  return {
    ...self,
    // The parent may sit above the actor's scope (a branch secretary's committee): its name is shown
    // as part of this org's identity, nothing more.
    parent: parent ? { ...parent, kind: parent.kind as PartyOrgKind } : null,
    children,
    members: memberRows.map((m) => ({ ...m, kind: m.kind as PartyMemberOut['kind'] })),
  };
}

export async function getPartyOrg({ actor, db }: QueryContext, id: string): Promise<PartyOrgOut> {
  const org = await loadPartyOrg(db, id);
  authorize(actor, 'party:read', partyOrgTarget(org));
  return detail(db, actor, org);
}

export async function listPartyOrgs({ actor, db }: QueryContext, q: z.infer<typeof partyOrgQuery>) {
  const where: (SQL | undefined)[] = [scopeCondition(actor, 'party:read', partyOrg.orgPath)];
  if (q.orgUnitId) where.push(await underUnit(db, partyOrg.orgPath, q.orgUnitId));
  if (q.kind) where.push(eq(partyOrg.kind, q.kind));
  if (q.q) where.push(ilike(partyOrg.name, `%${q.q}%`));
  const cond = and(...where);
  const [rows, [{ n }]] = await Promise.all([
    db
      .select()
      .from(partyOrg)
      .where(cond)
      .orderBy(asc(partyOrg.orgPath), kindRank, asc(partyOrg.name), asc(partyOrg.id))
      .limit(q.pageSize)
      .offset((q.page - 1) * q.pageSize),
    db.select({ n: count() }).from(partyOrg).where(cond),
  ]);
  return { items: await summarize(db, actor, rows), total: n, page: q.page, pageSize: q.pageSize };
}

/** Siblings under one parent (or committees at one community) must be told apart by name. */
async function assertNameFree(
  db: Executor,
  org: { parentId: string | null; orgUnitId: string; name: string },
  self?: string,
) {
  const [dup] = await db
    .select({ id: partyOrg.id })
    .from(partyOrg)
    .where(
      and(
        org.parentId
          ? eq(partyOrg.parentId, org.parentId)
          : and(isNull(partyOrg.parentId), eq(partyOrg.orgUnitId, org.orgUnitId)),
        eq(partyOrg.name, org.name),
        self ? ne(partyOrg.id, self) : undefined,
      ),
    );
  if (dup) throw new AppError('duplicate_name', { partyOrgId: dup.id });
}

export async function createPartyOrg(
  ctx: CommandContext,
  input: z.infer<typeof partyOrgCreate>,
): Promise<PartyOrgOut> {
  const parent = input.parentId ? await loadPartyOrg(ctx.tx, input.parentId) : null;
  if (parent) authorize(ctx.actor, 'party:read', partyOrgTarget(parent));
  const unit = await loadOrgUnit(ctx.tx, input.orgUnitId);
  authorize(ctx.actor, 'party:write', { orgPath: unit.path });

  if (input.kind === 'community_committee') {
    // The top of the party tree: one per community, with no party parent.
    if (parent || unit.kind !== 'community') {
      throw new AppError('party_kind_nesting', {
        kind: input.kind,
        orgUnitKind: unit.kind,
        parentKind: parent?.kind ?? null,
      });
    }
    const [existing] = await ctx.tx
      .select({ id: partyOrg.id })
      .from(partyOrg)
      .where(and(eq(partyOrg.orgUnitId, unit.id), eq(partyOrg.kind, 'community_committee')));
    if (existing) throw new AppError('party_committee_exists', { partyOrgId: existing.id });
  } else {
    if (!parent || !PARTY_PARENT_KINDS[input.kind].includes(parent.kind as PartyOrgKind)) {
      throw new AppError('party_kind_nesting', {
        kind: input.kind,
        parentKind: parent?.kind ?? null,
        allowedParentKinds: PARTY_PARENT_KINDS[input.kind],
      });
    }
    if (!unit.path.startsWith(parent.orgPath))
      throw new AppError('outside_parent_unit', { parentId: parent.id });
  }
  await assertNameFree(ctx.tx, { parentId: parent?.id ?? null, orgUnitId: unit.id, name: input.name });

  const [row] = await ctx.tx
    .insert(partyOrg)
    .values({
      districtId: unit.districtId,
      parentId: parent?.id ?? null,
      orgUnitId: unit.id,
      orgPath: unit.path,
      kind: input.kind,
      name: input.name,
    })
    .returning();
  await recordAudit(ctx, {
    action: 'org.party_org_created',
    subjectType: 'party_org',
    subjectId: row.id,
    orgPath: row.orgPath,
    orgUnitId: unit.id,
    summary: `${parent ? `在「${parent.name}」下` : `在「${unit.name}」`}新建${KIND_LABEL[input.kind]}「${row.name}」`,
  });
  return detail(ctx.tx, ctx.actor, row);
}

export async function updatePartyOrg(
  ctx: CommandContext,
  id: string,
  patch: z.infer<typeof partyOrgUpdate>,
): Promise<PartyOrgOut> {
  const org = await loadPartyOrg(ctx.tx, id, true);
  authorize(ctx.actor, 'party:write', partyOrgTarget(org));
  const changes: string[] = [];
  const set: Partial<PartyOrgRow> = {};
  if (patch.name !== undefined && patch.name !== org.name) {
    await assertNameFree(
      ctx.tx,
      { parentId: org.parentId, orgUnitId: org.orgUnitId, name: patch.name },
      org.id,
    );
    set.name = patch.name;
    changes.push(`名称「${org.name}」→「${patch.name}」`);
  }
  if (patch.secretaryPersonId !== undefined && patch.secretaryPersonId !== org.secretaryPersonId) {
    if (patch.secretaryPersonId === null) {
      changes.push('取消书记');
    } else {
      const [m] = await ctx.tx
        .select({ name: person.name })
        .from(partyMembership)
        .innerJoin(person, eq(person.id, partyMembership.personId))
        .where(
          and(eq(partyMembership.partyOrgId, org.id), eq(partyMembership.personId, patch.secretaryPersonId)),
        );
      if (!m) throw new AppError('secretary_not_member', { personId: patch.secretaryPersonId });
      changes.push(`书记设为 ${m.name}`);
    }
    set.secretaryPersonId = patch.secretaryPersonId;
  }
  if (changes.length === 0) return detail(ctx.tx, ctx.actor, org);
  const [row] = await ctx.tx.update(partyOrg).set(set).where(eq(partyOrg.id, id)).returning();
  await recordAudit(ctx, {
    action: 'org.party_org_updated',
    subjectType: 'party_org',
    subjectId: id,
    orgPath: org.orgPath,
    orgUnitId: org.orgUnitId,
    summary: `修改${KIND_LABEL[org.kind as PartyOrgKind]}「${org.name}」：${changes.join('；')}`,
  });
  return detail(ctx.tx, ctx.actor, row);
}

/** Adds a member or changes how they belong (party member ↔ registered from a workplace). */
export async function putPartyMember(
  ctx: CommandContext,
  id: string,
  personId: string,
  body: z.infer<typeof partyMemberBody>,
): Promise<PartyOrgOut> {
  const org = await loadPartyOrg(ctx.tx, id, true);
  authorize(ctx.actor, 'party:write', partyOrgTarget(org));
  const p = await loadPerson(ctx.tx, personId);
  // Only someone on the actor's own roster can be enrolled: never confirm a person elsewhere exists.
  authorize(ctx.actor, 'party:write', await personTarget(ctx.tx, p));
  const workplace = body.kind === 'registered_member' ? (body.workplace?.trim() ?? '') : '';
  if (body.kind === 'registered_member' && !workplace) throw new AppError('workplace_required');
  if (body.kind === 'party_member') {
    // A party member's organisational relationship (组织关系) lies in exactly one organisation.
    const [elsewhere] = await ctx.tx
      .select({ partyOrgId: partyOrg.id, name: partyOrg.name })
      .from(partyMembership)
      .innerJoin(partyOrg, eq(partyOrg.id, partyMembership.partyOrgId))
      .where(
        and(
          eq(partyMembership.personId, personId),
          eq(partyMembership.kind, 'party_member'),
          ne(partyMembership.partyOrgId, id),
        ),
      );
    if (elsewhere) throw new AppError('party_member_elsewhere', elsewhere);
  }
  const [before] = await ctx.tx
    .select({ kind: partyMembership.kind })
    .from(partyMembership)
    .where(and(eq(partyMembership.partyOrgId, id), eq(partyMembership.personId, personId)));
  const values = { kind: body.kind, workplace: workplace || null, joinedOn: body.joinedOn ?? null };
  await ctx.tx
    .insert(partyMembership)
    .values({ partyOrgId: id, personId, ...values })
    .onConflictDoUpdate({ target: [partyMembership.partyOrgId, partyMembership.personId], set: values });
  await recordAudit(ctx, {
    action: before ? 'org.party_member_updated' : 'org.party_member_added',
    subjectType: 'party_org',
    subjectId: id,
    orgPath: org.orgPath,
    orgUnitId: org.orgUnitId,
    summary: `${p.name} ${before ? '身份改为' : '登记为'}「${org.name}」${MEMBER_KIND_LABEL[body.kind]}${workplace ? `（${workplace}）` : ''}`,
  });
  return detail(ctx.tx, ctx.actor, org);
}

export async function removePartyMember(
  ctx: CommandContext,
  id: string,
  personId: string,
): Promise<PartyOrgOut> {
  const org = await loadPartyOrg(ctx.tx, id, true);
  authorize(ctx.actor, 'party:write', partyOrgTarget(org));
  const deleted = await ctx.tx
    .delete(partyMembership)
    .where(and(eq(partyMembership.partyOrgId, id), eq(partyMembership.personId, personId)))
    .returning();
  if (deleted.length === 0) throw new AppError('not_found');
  let row = org;
  // A secretary who leaves the organisation no longer leads it.
  if (org.secretaryPersonId === personId) {
    [row] = await ctx.tx
      .update(partyOrg)
      .set({ secretaryPersonId: null })
      .where(eq(partyOrg.id, id))
      .returning();
  }
  const [p] = await ctx.tx.select({ name: person.name }).from(person).where(eq(person.id, personId));
  await recordAudit(ctx, {
    action: 'org.party_member_removed',
    subjectType: 'party_org',
    subjectId: id,
    orgPath: org.orgPath,
    orgUnitId: org.orgUnitId,
    summary: `从「${org.name}」移出${MEMBER_KIND_LABEL[deleted[0].kind as PartyMemberKind] ?? '成员'} ${p?.name ?? personId}${row !== org ? '（同时卸任书记）' : ''}`,
  });
  return detail(ctx.tx, ctx.actor, row);
}
