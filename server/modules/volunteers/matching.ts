import { and, eq, isNull, ne, sql } from 'drizzle-orm';
import {
  ACTIVITY_KIND_SKILLS,
  type Availability,
  CASE_CATEGORY_SKILLS,
  type Distance,
  type MatchItem,
  type MatchOut,
  type Skill,
  type matchQuery,
} from '../../../common/contracts/volunteers.ts';
import type { z } from 'zod';
import type { Executor } from '../../db/client.ts';
import { authorize } from '../../platform/access.ts';
import type { QueryContext } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import { loadCase } from '../cases/index.ts';
import { communityPathOf, nameOrgUnits, pathIds } from '../org/index.ts';
import { activity, activitySignup } from './activity-schema.ts';
import { volunteer, volunteerMember } from './schema.ts';
import { loadPost, loadTeam, personsById, placeNames, recentMinutes } from './teams.ts';

// 技能+需求: who fits a need best. The score is a sum of parts the UI shows ("why"): skill fit (the
// share of the needed skills the volunteer has), distance (same building, compound, community),
// availability at the need's time, and recent load (fewer certified hours in 30 days first).

export const WEIGHTS = { skill: 40, building: 30, compound: 20, community: 10, availability: 15, load: 15 };

export type Candidate = {
  volunteerId: string;
  personId: string;
  name: string;
  skills: readonly Skill[];
  availability: readonly Availability[];
  /** The volunteer's home path (their building). */
  orgPath: string;
  recentMinutes: number;
};
export type Need = { skills: readonly Skill[]; orgPath: string; slot: Availability | null };

/** How near a home is to the need's place: shared levels of the org path. */
export function distanceOf(home: string, place: string): Distance {
  const a = pathIds(home);
  const b = pathIds(place);
  let shared = 0;
  while (shared < a.length && shared < b.length && a[shared] === b[shared]) shared++;
  if (shared >= 5) return 'building';
  if (shared >= 4) return 'compound';
  if (shared >= 3) return 'community';
  return 'farther';
}

/** The availability slot of a time, in Shanghai: weekend, weekday before 18:00, or weekday evening. */
export function slotOf(at: Date): Availability {
  const local = new Date(at.getTime() + 8 * 3_600_000);
  const day = local.getUTCDay();
  if (day === 0 || day === 6) return 'weekend';
  return local.getUTCHours() < 18 ? 'weekday_daytime' : 'weekday_evening';
}

export function scoreOf(c: Candidate, need: Need) {
  const matchedSkills = need.skills.filter((s) => c.skills.includes(s));
  const distance = distanceOf(c.orgPath, need.orgPath);
  const available = need.slot ? c.availability.includes(need.slot) : null;
  const parts = {
    skill: need.skills.length ? Math.round((WEIGHTS.skill * matchedSkills.length) / need.skills.length) : 0,
    distance: distance === 'farther' ? 0 : WEIGHTS[distance],
    availability: available ? WEIGHTS.availability : 0,
    load: Math.max(0, WEIGHTS.load - Math.floor(c.recentMinutes / 60)),
  };
  return {
    matchedSkills,
    distance,
    available,
    parts,
    score: parts.skill + parts.distance + parts.availability + parts.load,
  };
}

/**
 * Ranks candidates for a need, best first: by score, then more matched skills, then less recent
 * load, then name and id (so equal candidates keep a stable order).
 */
export function rankVolunteers(candidates: readonly Candidate[], need: Need) {
  return candidates
    .map((c) => ({ ...c, ...scoreOf(c, need) }))
    .sort(
      (x, y) =>
        y.score - x.score ||
        y.matchedSkills.length - x.matchedSkills.length ||
        x.recentMinutes - y.recentMinutes ||
        x.name.localeCompare(y.name, 'zh-CN') ||
        (x.volunteerId < y.volunteerId ? -1 : x.volunteerId > y.volunteerId ? 1 : 0),
    );
}

type Target = MatchOut['target'] & { orgPath: string; exclude: Set<string> };

async function targetOf(ctx: QueryContext, q: z.infer<typeof matchQuery>): Promise<Target> {
  const { actor, db } = ctx;
  if (q.postId) {
    const post = await loadPost(db, q.postId);
    const team = await loadTeam(db, post.teamId);
    authorize(actor, 'volunteers:manage', { orgPath: team.orgPath });
    const onPost = await db
      .select({ personId: volunteer.personId })
      .from(volunteerMember)
      .innerJoin(volunteer, eq(volunteer.id, volunteerMember.volunteerId))
      .where(and(eq(volunteerMember.postId, post.id), isNull(volunteerMember.leftAt)));
    const names = await nameOrgUnits(db, [team.orgUnitId]);
    return {
      kind: 'post',
      id: post.id,
      title: `${team.name} · ${post.name}`,
      placeName: names.get(team.orgUnitId) ?? '',
      skills: post.skills as Skill[],
      slot: null,
      orgPath: team.orgPath,
      exclude: new Set(onPost.map((r) => r.personId)),
    };
  }
  if (q.activityId) {
    const [a] = await db.select().from(activity).where(eq(activity.id, q.activityId));
    if (!a) throw new AppError('not_found');
    authorize(actor, 'volunteers:manage', { orgPath: a.orgPath });
    const signed = await db
      .select({ personId: activitySignup.personId })
      .from(activitySignup)
      .where(and(eq(activitySignup.activityId, a.id), ne(activitySignup.status, 'cancelled')));
    const names = await nameOrgUnits(db, [a.orgUnitId]);
    return {
      kind: 'activity',
      id: a.id,
      title: a.title,
      placeName: a.place || (names.get(a.orgUnitId) ?? ''),
      skills: ACTIVITY_KIND_SKILLS[a.kind] ?? [],
      slot: slotOf(a.startsAt),
      orgPath: a.orgPath,
      exclude: new Set(signed.map((r) => r.personId)),
    };
  }
  const c = await loadCase(db, q.caseId!);
  authorize(actor, 'volunteers:manage', { orgPath: c.orgPath });
  const names = await nameOrgUnits(db, [c.orgUnitId]);
  return {
    kind: 'case',
    id: c.id,
    title: `${c.categoryName}：${c.description.slice(0, 40)}`,
    placeName: names.get(c.orgUnitId) ?? '',
    skills: CASE_CATEGORY_SKILLS[c.categoryCode] ?? [],
    slot: null,
    orgPath: c.orgPath,
    exclude: new Set(c.reporterPersonId ? [c.reporterPersonId] : []),
  };
}

/** Active volunteers of the target's community, in one query. */
async function candidatesNear(db: Executor, orgPath: string): Promise<Candidate[]> {
  const community = communityPathOf(orgPath) ?? orgPath;
  const rows = await db
    .select()
    .from(volunteer)
    .where(and(eq(volunteer.active, true), sql`${volunteer.orgPath} like ${`${community}%`}`));
  const people = await personsById(
    db,
    rows.map((r) => r.personId),
  );
  const minutes = await recentMinutes(
    db,
    rows.map((r) => r.personId),
  );
  return rows.map((r) => {
    const p = people.get(r.personId);
    return {
      volunteerId: r.id,
      personId: r.personId,
      name: p?.name ?? '',
      skills: r.skills as Skill[],
      availability: r.availability as Availability[],
      orgPath: p?.orgPath ?? r.orgPath,
      recentMinutes: minutes.get(r.personId) ?? 0,
    };
  });
}

/** GET /api/volunteers/match: ranked volunteers for a post, an activity or a case, with the why. */
export async function matchVolunteers(ctx: QueryContext, q: z.infer<typeof matchQuery>): Promise<MatchOut> {
  const target = await targetOf(ctx, q);
  const candidates = (await candidatesNear(ctx.db, target.orgPath)).filter(
    (c) => !target.exclude.has(c.personId),
  );
  const ranked = rankVolunteers(candidates, {
    skills: target.skills,
    orgPath: target.orgPath,
    slot: target.slot,
  });
  const top = ranked.slice(0, q.limit);
  const places = await placeNames(
    ctx.db,
    top.map((c) => c.orgPath),
  );
  const { orgPath: _p, exclude: _e, ...out } = target;
  return {
    target: out,
    items: top.map(
      (c): MatchItem => ({
        volunteerId: c.volunteerId,
        personId: c.personId,
        name: c.name,
        placeName: places.get(c.orgPath) ?? '',
        skills: [...c.skills],
        matchedSkills: c.matchedSkills,
        distance: c.distance,
        available: c.available,
        recentMinutes: c.recentMinutes,
        score: c.score,
        parts: c.parts,
      }),
    ),
  };
}
