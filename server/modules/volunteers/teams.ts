import { and, asc, count, desc, eq, ilike, inArray, isNull, type SQL, sql } from 'drizzle-orm';
import type { z } from 'zod';
import { maskName } from '../../../common/masking.ts';
import type {
  Availability,
  MemberOut,
  MemberRole,
  MyProfile,
  PostKind,
  PostOut,
  Skill,
  TeamDetail,
  TeamOut,
  VolunteerOut,
  joinIn,
  memberIn,
  postIn,
  postUpdate,
  profileIn,
  teamIn,
  teamQuery,
  teamUpdate,
  volunteerQuery,
} from '../../../common/contracts/volunteers.ts';
import { type Executor, execRows } from '../../db/client.ts';
import {
  type Actor,
  allowedActions,
  authorize,
  can,
  hasPermission,
  scopeCondition,
} from '../../platform/access.ts';
import { recordAudit } from '../../platform/audit.ts';
import { now } from '../../platform/clock.ts';
import type { CommandContext, QueryContext } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import { loadOrgUnit, nameOrgUnits, pathIds, underUnit } from '../org/index.ts';
import { volunteerHours } from './activity-schema.ts';
import { volunteer, volunteerMember, volunteerPost, volunteerTeam } from './schema.ts';

export type TeamRow = typeof volunteerTeam.$inferSelect;
export type PostRow = typeof volunteerPost.$inferSelect;
export type VolunteerRow = typeof volunteer.$inferSelect;
export type MemberRow = typeof volunteerMember.$inferSelect;

export async function loadTeam(db: Executor, id: string): Promise<TeamRow> {
  const [row] = await db.select().from(volunteerTeam).where(eq(volunteerTeam.id, id));
  if (!row) throw new AppError('not_found');
  return row;
}

/** Is this person a current leader (队长) of the team? Team leaders organise the team's activities. */
export async function isTeamLeader(db: Executor, teamId: string, personId: string | null): Promise<boolean> {
  if (!personId) return false;
  const rows = await db
    .select({ one: sql<number>`1` })
    .from(volunteerMember)
    .innerJoin(volunteer, eq(volunteer.id, volunteerMember.volunteerId))
    .where(
      and(
        eq(volunteerMember.teamId, teamId),
        eq(volunteer.personId, personId),
        eq(volunteerMember.role, 'leader'),
        isNull(volunteerMember.leftAt),
      ),
    )
    .limit(1);
  return rows.length > 0;
}

/**
 * Who sees a team: staff over it, and anyone reading volunteers below it (a resident of its community
 * or compound sees the 红色志愿服务队 of the community and their own compound's team).
 */
export function teamVisible(actor: Actor): SQL {
  const parts: SQL[] = [scopeCondition(actor, 'volunteers:read', volunteerTeam.orgPath)];
  for (const g of actor.grants)
    if (hasPermission(g, 'volunteers:read'))
      parts.push(sql`${g.orgPath} like ${volunteerTeam.orgPath} || '%'`);
  return sql`(${sql.join(parts, sql` or `)})`;
}

async function visibleTeam(db: Executor, actor: Actor, id: string): Promise<TeamRow> {
  const [row] = await db
    .select()
    .from(volunteerTeam)
    .where(and(eq(volunteerTeam.id, id), teamVisible(actor)));
  if (!row) throw new AppError('not_found');
  return row;
}

/** Could this actor join a team at this path (a resident living under it)? */
function joinsAt(actor: Actor, orgPath: string): boolean {
  return (
    !!actor.personId &&
    actor.grants.some((g) => hasPermission(g, 'volunteers:join') && g.orgPath.startsWith(orgPath))
  );
}

type PersonInfo = { id: string; name: string; orgPath: string };
export async function personsById(db: Executor, ids: string[]): Promise<Map<string, PersonInfo>> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Map();
  const rows = await execRows<{ id: string; name: string; org_path: string }>(
    db,
    sql`select id, name, org_path from person where id in (${sql.join(
      unique.map((i) => sql`${i}`),
      sql`, `,
    )})`,
  );
  return new Map(rows.map((r) => [r.id, { id: r.id, name: r.name, orgPath: r.org_path }]));
}

/** "幸福家园小区 1号楼" for a building path: the compound's and the building's names. */
export async function placeNames(db: Executor, paths: string[]): Promise<Map<string, string>> {
  const ids = new Set<string>();
  for (const p of paths) for (const id of pathIds(p).slice(3, 5)) ids.add(id);
  const names = await nameOrgUnits(db, [...ids]);
  return new Map(
    paths.map((p) => [
      p,
      pathIds(p)
        .slice(3, 5)
        .map((id) => names.get(id) ?? '')
        .filter(Boolean)
        .join(' '),
    ]),
  );
}

/** Certified minutes of each person in the 30 days before `at`. */
export async function recentMinutes(
  db: Executor,
  personIds: string[],
  at = now(),
): Promise<Map<string, number>> {
  if (personIds.length === 0) return new Map();
  const since = new Date(at.getTime() - 30 * 86_400_000).toISOString().slice(0, 10);
  const rows = await db
    .select({ personId: volunteerHours.personId, minutes: sql<number>`sum(${volunteerHours.minutes})::int` })
    .from(volunteerHours)
    .where(
      and(
        inArray(volunteerHours.personId, [...new Set(personIds)]),
        sql`${volunteerHours.deedDate} >= ${since}`,
      ),
    )
    .groupBy(volunteerHours.personId);
  return new Map(rows.map((r) => [r.personId, Number(r.minutes)]));
}

function levelOf(orgPath: string): 'community' | 'compound' {
  return pathIds(orgPath).length >= 4 ? 'compound' : 'community';
}

async function presentTeams(db: Executor, actor: Actor, rows: TeamRow[]): Promise<TeamOut[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const names = await nameOrgUnits(db, [...new Set(rows.map((r) => r.orgUnitId))]);
  const members = await db
    .select({
      teamId: volunteerMember.teamId,
      role: volunteerMember.role,
      personId: volunteer.personId,
    })
    .from(volunteerMember)
    .innerJoin(volunteer, eq(volunteer.id, volunteerMember.volunteerId))
    .where(and(inArray(volunteerMember.teamId, ids), isNull(volunteerMember.leftAt)));
  const posts = await db
    .select({ teamId: volunteerPost.teamId, n: count() })
    .from(volunteerPost)
    .where(and(inArray(volunteerPost.teamId, ids), eq(volunteerPost.active, true)))
    .groupBy(volunteerPost.teamId);
  const people = await personsById(
    db,
    members.filter((m) => m.role === 'leader').map((m) => m.personId),
  );
  return rows.map((r) => {
    const mine = members.filter((m) => m.teamId === r.id);
    const staff = can(actor, 'volunteers:read', { orgPath: r.orgPath });
    const myRole = (mine.find((m) => m.personId === actor.personId)?.role ?? null) as MemberRole | null;
    const allowed = allowedActions(actor, { orgPath: r.orgPath }, ['volunteers:manage']);
    if (r.active && !myRole && joinsAt(actor, r.orgPath)) allowed.push('volunteers:join');
    return {
      id: r.id,
      name: r.name,
      description: r.description,
      orgUnitId: r.orgUnitId,
      orgUnitName: names.get(r.orgUnitId) ?? '',
      level: levelOf(r.orgPath),
      active: r.active,
      memberCount: mine.length,
      postCount: posts.find((p) => p.teamId === r.id)?.n ?? 0,
      leaders: mine
        .filter((m) => m.role === 'leader')
        .map((m) => people.get(m.personId)?.name ?? '')
        .map((n) => (staff ? n : maskName(n))),
      myRole,
      allowed,
    };
  });
}

export async function listTeams({ actor, db }: QueryContext, q: z.infer<typeof teamQuery>) {
  const where: (SQL | undefined)[] = [teamVisible(actor)];
  if (q.q) where.push(ilike(volunteerTeam.name, `%${q.q}%`));
  if (q.orgUnitId) where.push(await underUnit(db, volunteerTeam.orgPath, q.orgUnitId));
  if (q.mine)
    where.push(
      sql`exists (select 1 from volunteer_member m join volunteer v on v.id = m.volunteer_id
        where m.team_id = ${volunteerTeam.id} and m.left_at is null and v.person_id = ${actor.personId})`,
    );
  const cond = and(...where);
  const [{ total }] = await db.select({ total: count() }).from(volunteerTeam).where(cond);
  const rows = await db
    .select()
    .from(volunteerTeam)
    .where(cond)
    .orderBy(desc(volunteerTeam.active), asc(volunteerTeam.orgPath), asc(volunteerTeam.name))
    .limit(q.pageSize)
    .offset((q.page - 1) * q.pageSize);
  return { items: await presentTeams(db, actor, rows), total, page: q.page, pageSize: q.pageSize };
}

async function presentPosts(db: Executor, teamId: string): Promise<PostOut[]> {
  const rows = await db
    .select()
    .from(volunteerPost)
    .where(eq(volunteerPost.teamId, teamId))
    .orderBy(desc(volunteerPost.active), asc(volunteerPost.createdAt), asc(volunteerPost.name));
  const counts = await db
    .select({ postId: volunteerMember.postId, n: count() })
    .from(volunteerMember)
    .where(and(eq(volunteerMember.teamId, teamId), isNull(volunteerMember.leftAt)))
    .groupBy(volunteerMember.postId);
  return rows.map((p) => ({
    id: p.id,
    teamId: p.teamId,
    kind: p.kind as PostKind,
    name: p.name,
    description: p.description,
    skills: p.skills as Skill[],
    active: p.active,
    memberCount: counts.find((c) => c.postId === p.id)?.n ?? 0,
  }));
}

async function presentMembers(
  db: Executor,
  actor: Actor,
  team: TeamRow,
  leader: boolean,
): Promise<MemberOut[]> {
  const rows = await db
    .select({ m: volunteerMember, v: volunteer, postName: volunteerPost.name })
    .from(volunteerMember)
    .innerJoin(volunteer, eq(volunteer.id, volunteerMember.volunteerId))
    .leftJoin(volunteerPost, eq(volunteerPost.id, volunteerMember.postId))
    .where(and(eq(volunteerMember.teamId, team.id), isNull(volunteerMember.leftAt)))
    .orderBy(asc(volunteerMember.role), asc(volunteerMember.joinedAt));
  const people = await personsById(
    db,
    rows.map((r) => r.v.personId),
  );
  const places = await placeNames(
    db,
    [...people.values()].map((p) => p.orgPath),
  );
  const manage = can(actor, 'volunteers:manage', { orgPath: team.orgPath });
  return rows
    .map((r) => {
      const p = people.get(r.v.personId);
      return {
        id: r.m.id,
        volunteerId: r.v.id,
        personId: r.v.personId,
        name: p?.name ?? '',
        placeName: p ? (places.get(p.orgPath) ?? '') : '',
        postId: r.m.postId,
        postName: r.postName,
        role: r.m.role as MemberRole,
        skills: r.v.skills as Skill[],
        joinedAt: r.m.joinedAt.toISOString(),
        removable: manage || (leader && r.m.role !== 'leader') || r.v.personId === actor.personId,
      };
    })
    .sort((a, b) => (a.role === b.role ? 0 : a.role === 'leader' ? -1 : 1));
}

export async function getTeam({ actor, db }: QueryContext, id: string): Promise<TeamDetail> {
  const team = await visibleTeam(db, actor, id);
  const [out] = await presentTeams(db, actor, [team]);
  const leader = await isTeamLeader(db, team.id, actor.personId);
  const seesMembers = can(actor, 'volunteers:read', { orgPath: team.orgPath }) || leader;
  return {
    ...out,
    posts: await presentPosts(db, team.id),
    members: seesMembers ? await presentMembers(db, actor, team, leader) : [],
  };
}

async function teamUnit(db: Executor, orgUnitId: string) {
  const unit = await loadOrgUnit(db, orgUnitId);
  return unit;
}

export async function createTeam(ctx: CommandContext, input: z.infer<typeof teamIn>): Promise<TeamDetail> {
  const unit = await teamUnit(ctx.tx, input.orgUnitId);
  authorize(ctx.actor, 'volunteers:manage', { orgPath: unit.path });
  if (unit.kind !== 'community' && unit.kind !== 'compound')
    throw new AppError('volunteer_team_unit_invalid');
  const [row] = await ctx.tx
    .insert(volunteerTeam)
    .values({
      districtId: unit.districtId,
      orgUnitId: unit.id,
      orgPath: unit.path,
      name: input.name,
      description: input.description,
    })
    .returning();
  await recordAudit(ctx, {
    action: 'volunteers.team_created',
    subjectType: 'volunteer_team',
    subjectId: row.id,
    orgPath: row.orgPath,
    orgUnitId: row.orgUnitId,
    summary: `成立志愿服务队「${row.name}」（${unit.name}）`,
  });
  return getTeam({ actor: ctx.actor, db: ctx.tx }, row.id);
}

async function managedTeam(ctx: CommandContext, id: string): Promise<TeamRow> {
  const team = await visibleTeam(ctx.tx, ctx.actor, id);
  // Visible (a resident sees their community's team) but not theirs to manage → 403.
  if (!can(ctx.actor, 'volunteers:manage', { orgPath: team.orgPath })) throw new AppError('forbidden');
  return team;
}

export async function updateTeam(ctx: CommandContext, id: string, patch: z.infer<typeof teamUpdate>) {
  const team = await managedTeam(ctx, id);
  const [row] = await ctx.tx
    .update(volunteerTeam)
    .set({ ...patch, updatedAt: now() })
    .where(eq(volunteerTeam.id, id))
    .returning();
  await recordAudit(ctx, {
    action: 'volunteers.team_updated',
    subjectType: 'volunteer_team',
    subjectId: id,
    orgPath: team.orgPath,
    orgUnitId: team.orgUnitId,
    summary: `修改志愿服务队「${row.name}」${patch.active === false ? '（停用）' : ''}`,
  });
  return getTeam({ actor: ctx.actor, db: ctx.tx }, id);
}

export async function createPost(ctx: CommandContext, teamId: string, input: z.infer<typeof postIn>) {
  const team = await managedTeam(ctx, teamId);
  const [row] = await ctx.tx
    .insert(volunteerPost)
    .values({
      teamId,
      kind: input.kind,
      name: input.name,
      description: input.description,
      skills: input.skills,
    })
    .returning();
  await recordAudit(ctx, {
    action: 'volunteers.post_created',
    subjectType: 'volunteer_post',
    subjectId: row.id,
    orgPath: team.orgPath,
    orgUnitId: team.orgUnitId,
    summary: `「${team.name}」设立岗位「${row.name}」`,
  });
  return getTeam({ actor: ctx.actor, db: ctx.tx }, teamId);
}

export async function loadPost(db: Executor, id: string): Promise<PostRow> {
  const [row] = await db.select().from(volunteerPost).where(eq(volunteerPost.id, id));
  if (!row) throw new AppError('not_found');
  return row;
}

export async function updatePost(ctx: CommandContext, postId: string, patch: z.infer<typeof postUpdate>) {
  const post = await loadPost(ctx.tx, postId);
  const team = await managedTeam(ctx, post.teamId);
  const [row] = await ctx.tx.update(volunteerPost).set(patch).where(eq(volunteerPost.id, postId)).returning();
  await recordAudit(ctx, {
    action: 'volunteers.post_updated',
    subjectType: 'volunteer_post',
    subjectId: postId,
    orgPath: team.orgPath,
    orgUnitId: team.orgUnitId,
    summary: `修改「${team.name}」岗位「${row.name}」${patch.active === false ? '（停用）' : ''}`,
  });
  return getTeam({ actor: ctx.actor, db: ctx.tx }, team.id);
}

async function checkPost(db: Executor, team: TeamRow, postId: string | null) {
  if (!postId) return;
  const [p] = await db.select().from(volunteerPost).where(eq(volunteerPost.id, postId));
  if (!p || p.teamId !== team.id || !p.active) throw new AppError('volunteer_post_invalid');
}

async function insertMember(
  ctx: CommandContext,
  team: TeamRow,
  v: VolunteerRow,
  postId: string | null,
  role: MemberRole,
) {
  if (!team.active) throw new AppError('volunteer_team_inactive');
  await checkPost(ctx.tx, team, postId);
  const person = (await personsById(ctx.tx, [v.personId])).get(v.personId);
  if (!person?.orgPath.startsWith(team.orgPath)) throw new AppError('volunteer_outside_team');
  const [row] = await ctx.tx
    .insert(volunteerMember)
    .values({ teamId: team.id, volunteerId: v.id, postId, role, joinedAt: now() })
    .onConflictDoNothing()
    .returning();
  if (!row) throw new AppError('volunteer_already_member');
  return { row, person };
}

/** Staff add a registered volunteer to a team (as leader or member, on a post or not). */
export async function addMember(ctx: CommandContext, teamId: string, input: z.infer<typeof memberIn>) {
  const team = await managedTeam(ctx, teamId);
  const [v] = await ctx.tx.select().from(volunteer).where(eq(volunteer.id, input.volunteerId));
  if (!v) throw new AppError('not_found');
  const { row, person } = await insertMember(ctx, team, v, input.postId, input.role);
  await recordAudit(ctx, {
    action: 'volunteers.member_added',
    subjectType: 'volunteer_team',
    subjectId: team.id,
    orgPath: team.orgPath,
    orgUnitId: team.orgUnitId,
    summary: `「${team.name}」加入${row.role === 'leader' ? '队长' : '队员'}${person.name}`,
  });
  return getTeam({ actor: ctx.actor, db: ctx.tx }, teamId);
}

/** A resident joins a team of their community or compound themselves (no approval: teams are open). */
export async function joinTeam(ctx: CommandContext, teamId: string, input: z.infer<typeof joinIn>) {
  const team = await visibleTeam(ctx.tx, ctx.actor, teamId);
  if (!joinsAt(ctx.actor, team.orgPath)) throw new AppError('forbidden');
  const v = await myVolunteer(ctx.tx, ctx.actor);
  if (!v) throw new AppError('volunteer_profile_missing');
  const { person } = await insertMember(ctx, team, v, input.postId, 'member');
  await recordAudit(ctx, {
    action: 'volunteers.member_joined',
    subjectType: 'volunteer_team',
    subjectId: team.id,
    orgPath: team.orgPath,
    orgUnitId: team.orgUnitId,
    summary: `${person.name}加入「${team.name}」`,
  });
  return getTeam({ actor: ctx.actor, db: ctx.tx }, teamId);
}

/** Staff, the team's leaders (for members) or the member themselves (leaving) end a membership. */
export async function removeMember(ctx: CommandContext, teamId: string, memberId: string) {
  const team = await visibleTeam(ctx.tx, ctx.actor, teamId);
  const [m] = await ctx.tx
    .select({ m: volunteerMember, personId: volunteer.personId })
    .from(volunteerMember)
    .innerJoin(volunteer, eq(volunteer.id, volunteerMember.volunteerId))
    .where(
      and(
        eq(volunteerMember.id, memberId),
        eq(volunteerMember.teamId, teamId),
        isNull(volunteerMember.leftAt),
      ),
    );
  if (!m) throw new AppError('not_found');
  const self = m.personId === ctx.actor.personId;
  const leader = m.m.role !== 'leader' && (await isTeamLeader(ctx.tx, teamId, ctx.actor.personId));
  if (!self && !leader && !can(ctx.actor, 'volunteers:manage', { orgPath: team.orgPath }))
    throw new AppError('forbidden');
  await ctx.tx.update(volunteerMember).set({ leftAt: now() }).where(eq(volunteerMember.id, memberId));
  const person = (await personsById(ctx.tx, [m.personId])).get(m.personId);
  await recordAudit(ctx, {
    action: self ? 'volunteers.member_left' : 'volunteers.member_removed',
    subjectType: 'volunteer_team',
    subjectId: team.id,
    orgPath: team.orgPath,
    orgUnitId: team.orgUnitId,
    summary: self
      ? `${person?.name ?? ''}退出「${team.name}」`
      : `「${team.name}」移除队员${person?.name ?? ''}`,
  });
  return getTeam({ actor: ctx.actor, db: ctx.tx }, teamId);
}

// ── volunteer profiles ──────────────────────────────────────────────────────────────

async function myVolunteer(db: Executor, actor: Actor): Promise<VolunteerRow | null> {
  if (!actor.personId) return null;
  const [v] = await db.select().from(volunteer).where(eq(volunteer.personId, actor.personId));
  return v ?? null;
}

export async function presentVolunteers(db: Executor, rows: VolunteerRow[]): Promise<VolunteerOut[]> {
  if (rows.length === 0) return [];
  const people = await personsById(
    db,
    rows.map((r) => r.personId),
  );
  const places = await placeNames(
    db,
    [...people.values()].map((p) => p.orgPath),
  );
  const teams = await db
    .select({ volunteerId: volunteerMember.volunteerId, name: volunteerTeam.name })
    .from(volunteerMember)
    .innerJoin(volunteerTeam, eq(volunteerTeam.id, volunteerMember.teamId))
    .where(
      and(
        inArray(
          volunteerMember.volunteerId,
          rows.map((r) => r.id),
        ),
        isNull(volunteerMember.leftAt),
      ),
    );
  const minutes = await recentMinutes(
    db,
    rows.map((r) => r.personId),
  );
  return rows.map((r) => {
    const p = people.get(r.personId);
    return {
      id: r.id,
      personId: r.personId,
      name: p?.name ?? '',
      placeName: p ? (places.get(p.orgPath) ?? '') : '',
      skills: r.skills as Skill[],
      availability: r.availability as Availability[],
      intro: r.intro,
      teams: teams.filter((t) => t.volunteerId === r.id).map((t) => t.name),
      recentMinutes: minutes.get(r.personId) ?? 0,
    };
  });
}

export async function getMyProfile({ actor, db }: QueryContext): Promise<MyProfile> {
  const v = await myVolunteer(db, actor);
  const mine = actor.personId
    ? await db
        .select({ m: volunteerMember, team: volunteerTeam, postName: volunteerPost.name })
        .from(volunteerMember)
        .innerJoin(volunteer, eq(volunteer.id, volunteerMember.volunteerId))
        .innerJoin(volunteerTeam, eq(volunteerTeam.id, volunteerMember.teamId))
        .leftJoin(volunteerPost, eq(volunteerPost.id, volunteerMember.postId))
        .where(and(eq(volunteer.personId, actor.personId), isNull(volunteerMember.leftAt)))
        .orderBy(asc(volunteerMember.joinedAt))
    : [];
  const names = await nameOrgUnits(
    db,
    mine.map((m) => m.team.orgUnitId),
  );
  const candidates = await db
    .select()
    .from(volunteerTeam)
    .where(and(teamVisible(actor), eq(volunteerTeam.active, true)))
    .orderBy(asc(volunteerTeam.orgPath), asc(volunteerTeam.name))
    .limit(50);
  const joinable = (await presentTeams(db, actor, candidates)).filter((t) =>
    t.allowed.includes('volunteers:join'),
  );
  return {
    profile: v ? (await presentVolunteers(db, [v]))[0] : null,
    teams: mine.map((m) => ({
      memberId: m.m.id,
      teamId: m.team.id,
      teamName: m.team.name,
      orgUnitName: names.get(m.team.orgUnitId) ?? '',
      postName: m.postName,
      role: m.m.role as MemberRole,
      joinedAt: m.m.joinedAt.toISOString(),
    })),
    joinable,
  };
}

/** A resident registers (or edits) their own volunteer profile. */
export async function putMyProfile(
  ctx: CommandContext,
  input: z.infer<typeof profileIn>,
): Promise<MyProfile> {
  const personId = ctx.actor.personId;
  if (!personId) throw new AppError('forbidden');
  const person = (await personsById(ctx.tx, [personId])).get(personId);
  if (!person) throw new AppError('not_found');
  const existing = await myVolunteer(ctx.tx, ctx.actor);
  const values = {
    skills: [...new Set(input.skills)],
    availability: [...new Set(input.availability)],
    intro: input.intro,
  };
  let id: string;
  if (existing) {
    await ctx.tx
      .update(volunteer)
      .set({ ...values, orgPath: person.orgPath, active: true, updatedAt: now() })
      .where(eq(volunteer.id, existing.id));
    id = existing.id;
  } else {
    const [row] = await ctx.tx
      .insert(volunteer)
      .values({ ...values, personId, orgPath: person.orgPath, districtId: pathIds(person.orgPath)[0] })
      .returning();
    id = row.id;
  }
  await recordAudit(ctx, {
    action: existing ? 'volunteers.profile_updated' : 'volunteers.registered',
    subjectType: 'volunteer',
    subjectId: id,
    orgPath: person.orgPath,
    orgUnitId: pathIds(person.orgPath).at(-1)!,
    summary: `${person.name}${existing ? '修改志愿者档案' : '登记为志愿者'}`,
  });
  return getMyProfile({ actor: ctx.actor, db: ctx.tx });
}

/** Staff's list of volunteers in scope, by name, skill and place. */
export async function listVolunteers({ actor, db }: QueryContext, q: z.infer<typeof volunteerQuery>) {
  const where: (SQL | undefined)[] = [
    scopeCondition(actor, 'volunteers:manage', volunteer.orgPath),
    eq(volunteer.active, true),
  ];
  if (q.skill) where.push(sql`${q.skill} = any(${volunteer.skills})`);
  if (q.orgUnitId) where.push(await underUnit(db, volunteer.orgPath, q.orgUnitId));
  if (q.q)
    where.push(
      sql`exists (select 1 from person p where p.id = ${volunteer.personId} and p.name ilike ${`%${q.q}%`})`,
    );
  const cond = and(...where);
  const [{ total }] = await db.select({ total: count() }).from(volunteer).where(cond);
  const rows = await db
    .select()
    .from(volunteer)
    .where(cond)
    .orderBy(asc(volunteer.orgPath), asc(volunteer.createdAt), asc(volunteer.id))
    .limit(q.pageSize)
    .offset((q.page - 1) * q.pageSize);
  return { items: await presentVolunteers(db, rows), total, page: q.page, pageSize: q.pageSize };
}
