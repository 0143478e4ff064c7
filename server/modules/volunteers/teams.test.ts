import { and, count, eq, isNull, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CASE_CATEGORY_SKILLS } from '../../../common/contracts/volunteers.ts';
import { type TestApp, testApp } from '../../../test/harness.ts';
import { execRows } from '../../db/client.ts';
import { orgUnit } from '../org/schema.ts';
import { volunteer, volunteerMember, volunteerPost, volunteerTeam } from './schema.ts';

let t: TestApp;
let c: Record<'staffA' | 'staffB' | 'grid' | 'tian' | 'party' | 'fresh', string>;
let red: typeof volunteerTeam.$inferSelect;
let xingfu: typeof volunteerTeam.$inferSelect;
let yangguang: typeof volunteerTeam.$inferSelect;
let clinic: typeof volunteerPost.$inferSelect;

const teamCount = async () => (await t.db.select({ n: count() }).from(volunteerTeam))[0].n;
const current = async (teamId: string) =>
  (
    await t.db
      .select({ n: count() })
      .from(volunteerMember)
      .where(and(eq(volunteerMember.teamId, teamId), isNull(volunteerMember.leftAt)))
  )[0].n;

beforeAll(async () => {
  t = await testApp();
  c = {
    staffA: await t.login('13900000003'),
    staffB: await t.login('13900000004'),
    grid: await t.login('13900000005'),
    tian: await t.login('13900000007'),
    party: await t.login('13900000013'),
    fresh: await t.login('13900000014'),
  };
  const teams = await t.db.select().from(volunteerTeam);
  red = teams.find((x) => x.name === '春熙社区红色志愿服务队')!;
  xingfu = teams.find((x) => x.name.startsWith('幸福家园'))!;
  yangguang = teams.find((x) => x.name.startsWith('阳光花园'))!;
  [clinic] = await t.db.select().from(volunteerPost).where(eq(volunteerPost.name, '健康义诊岗'));
});
afterAll(() => t.close());

describe('demo teams', () => {
  it('has the 红色志愿服务队 with the seed four posts, compound teams and ~40 volunteers with leaders', async () => {
    expect(red).toBeDefined();
    const posts = await t.db.select().from(volunteerPost).where(eq(volunteerPost.teamId, red.id));
    expect(posts.map((p) => p.name).sort()).toEqual(
      ['健康义诊岗', '应急救援岗', '政策宣讲岗', '矛盾调解岗'].sort(),
    );
    const [{ n }] = await t.db.select({ n: count() }).from(volunteer);
    expect(n).toBe(40);
    const leaders = await t.db.select().from(volunteerMember).where(eq(volunteerMember.role, 'leader'));
    expect(new Set(leaders.map((l) => l.teamId)).size).toBe(4);
  });
});

describe('teams and posts', () => {
  it('asks for a sign-in, hides another community, refuses residents the staff routes', async () => {
    expect((await t.call({ url: '/api/volunteers/teams' })).status).toBe(401);
    expect((await t.call({ url: `/api/volunteers/teams/${red.id}`, cookie: c.staffB })).status).toBe(404);
    const patch = await t.call({
      method: 'PATCH',
      url: `/api/volunteers/teams/${red.id}`,
      cookie: c.staffB,
      body: { name: '改名' },
    });
    expect(patch.status).toBe(404);
    const post = await t.call({
      method: 'POST',
      url: `/api/volunteers/teams/${red.id}/posts`,
      cookie: c.staffB,
      body: { kind: 'other', name: '新岗位' },
    });
    expect(post.status).toBe(404);
    const byResident = await t.call({
      method: 'PATCH',
      url: `/api/volunteers/teams/${red.id}`,
      cookie: c.tian,
      body: { name: '改名' },
    });
    expect(byResident.status).toBe(403);
    const byGrid = await t.call({
      method: 'POST',
      url: '/api/volunteers/teams',
      cookie: c.grid,
      body: { orgUnitId: red.orgUnitId, name: '网格志愿队' },
    });
    expect(byGrid.status).toBe(403);
    expect((await t.db.select().from(volunteerTeam).where(eq(volunteerTeam.id, red.id)))[0].name).toBe(
      red.name,
    );
  });

  it('shows a resident the teams of their community and compound only, leaders masked, no member list', async () => {
    const res = await t.call({ url: '/api/volunteers/teams', cookie: c.tian });
    expect(res.status).toBe(200);
    const names = res.body.items.map((x: { name: string }) => x.name);
    expect(names).toContain(red.name);
    expect(names).toContain(xingfu.name);
    expect(names).not.toContain(yangguang.name);
    expect((await t.call({ url: `/api/volunteers/teams/${yangguang.id}`, cookie: c.tian })).status).toBe(404);
    const detail = await t.call({ url: `/api/volunteers/teams/${red.id}`, cookie: c.tian });
    expect(detail.body.members).toEqual([]);
    expect(detail.body.posts).toHaveLength(4);
    for (const l of detail.body.leaders) expect(l).toContain('*');
    const staff = await t.call({ url: `/api/volunteers/teams/${red.id}`, cookie: c.staffA });
    expect(staff.body.members.length).toBe(staff.body.memberCount);
    expect(staff.body.allowed).toContain('volunteers:manage');
  });

  it('a resident team leader sees the members', async () => {
    const res = await t.call({ url: `/api/volunteers/teams/${red.id}`, cookie: c.party });
    expect(res.body.myRole).toBe('leader');
    expect(res.body.members.length).toBeGreaterThan(5);
  });

  it('searches and pages the list', async () => {
    const all = await t.call({ url: '/api/volunteers/teams?pageSize=2', cookie: c.staffA });
    expect(all.body.total).toBe(4);
    expect(all.body.items).toHaveLength(2);
    const found = await t.call({
      url: `/api/volunteers/teams?q=${encodeURIComponent('红色')}`,
      cookie: c.staffA,
    });
    expect(found.body.items.map((x: { id: string }) => x.id)).toEqual([red.id]);
    const none = await t.call({ url: '/api/volunteers/teams', cookie: c.staffB });
    expect(none.body.total).toBe(0);
  });

  it('refuses a team at a building, or with a bad name, and changes nothing', async () => {
    const before = await teamCount();
    const [building] = await t.db
      .select()
      .from(orgUnit)
      .where(and(eq(orgUnit.kind, 'building'), sql`${orgUnit.path} like ${`${red.orgPath}%`}`))
      .limit(1);
    const atBuilding = await t.call({
      method: 'POST',
      url: '/api/volunteers/teams',
      cookie: c.staffA,
      body: { orgUnitId: building.id, name: '楼栋志愿队' },
    });
    expect(atBuilding.status).toBe(422);
    expect(atBuilding.body.error.code).toBe('volunteer_team_unit_invalid');
    const badName = await t.call({
      method: 'POST',
      url: '/api/volunteers/teams',
      cookie: c.staffA,
      body: { orgUnitId: red.orgUnitId, name: 'x' },
    });
    expect(badName.status).toBe(422);
    expect(badName.body.error.code).toBe('validation_failed');
    expect(await teamCount()).toBe(before);
  });

  it('lets staff create a team with a post, and refuses a post with an unknown skill', async () => {
    const res = await t.call({
      method: 'POST',
      url: '/api/volunteers/teams',
      cookie: c.staffA,
      body: { orgUnitId: xingfu.orgUnitId, name: '幸福家园夜巡队', description: '夜间巡逻' },
    });
    expect(res.status).toBe(200);
    expect(res.body.level).toBe('compound');
    const bad = await t.call({
      method: 'POST',
      url: `/api/volunteers/teams/${res.body.id}/posts`,
      cookie: c.staffA,
      body: { kind: 'emergency_rescue', name: '巡逻岗', skills: ['flying'] },
    });
    expect(bad.status).toBe(422);
    const ok = await t.call({
      method: 'POST',
      url: `/api/volunteers/teams/${res.body.id}/posts`,
      cookie: c.staffA,
      body: { kind: 'emergency_rescue', name: '巡逻岗', skills: ['first_aid'] },
    });
    expect(ok.body.posts.map((p: { name: string }) => p.name)).toEqual(['巡逻岗']);
  });
});

describe('volunteers and members', () => {
  it('a resident registers, then joins a team of their compound once, and leaves', async () => {
    const me = await t.call({ url: '/api/volunteers/me', cookie: c.fresh });
    expect(me.status).toBe(200);
    expect(me.body.profile).toBeNull();
    const early = await t.call({
      method: 'POST',
      url: `/api/volunteers/teams/${xingfu.id}/join`,
      cookie: c.fresh,
      body: {},
    });
    expect(early.body.error.code).toBe('volunteer_profile_missing');
    const empty = await t.call({
      method: 'PUT',
      url: '/api/volunteers/me',
      cookie: c.fresh,
      body: { skills: [], availability: ['weekend'] },
    });
    expect(empty.status).toBe(422);
    expect((await t.db.select({ n: count() }).from(volunteer))[0].n).toBe(40);
    const reg = await t.call({
      method: 'PUT',
      url: '/api/volunteers/me',
      cookie: c.fresh,
      body: { skills: ['repair', 'electrician'], availability: ['weekend'], intro: '会修灯' },
    });
    expect(reg.status).toBe(200);
    expect(reg.body.profile.skills).toEqual(['repair', 'electrician']);
    expect(reg.body.joinable.map((x: { id: string }) => x.id)).toContain(xingfu.id);
    const before = await current(xingfu.id);
    const joined = await t.call({
      method: 'POST',
      url: `/api/volunteers/teams/${xingfu.id}/join`,
      cookie: c.fresh,
      body: {},
    });
    expect(joined.status).toBe(200);
    expect(joined.body.myRole).toBe('member');
    expect(await current(xingfu.id)).toBe(before + 1);
    const again = await t.call({
      method: 'POST',
      url: `/api/volunteers/teams/${xingfu.id}/join`,
      cookie: c.fresh,
      body: {},
    });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('volunteer_already_member');
    expect(await current(xingfu.id)).toBe(before + 1);
    const elsewhere = await t.call({
      method: 'POST',
      url: `/api/volunteers/teams/${yangguang.id}/join`,
      cookie: c.fresh,
      body: {},
    });
    expect(elsewhere.status).toBe(404);
    const mine = await t.call({ url: '/api/volunteers/me', cookie: c.fresh });
    const m = mine.body.teams.find((x: { teamId: string }) => x.teamId === xingfu.id);
    const left = await t.call({
      method: 'DELETE',
      url: `/api/volunteers/teams/${xingfu.id}/members/${m.memberId}`,
      cookie: c.fresh,
    });
    expect(left.status).toBe(200);
    expect(await current(xingfu.id)).toBe(before);
  });

  it('staff add and remove members in scope only; a member from another compound is refused', async () => {
    const list = await t.call({
      url: `/api/volunteers/profiles?orgUnitId=${yangguang.orgUnitId}`,
      cookie: c.staffA,
    });
    const outsider = list.body.items[0];
    const refused = await t.call({
      method: 'POST',
      url: `/api/volunteers/teams/${xingfu.id}/members`,
      cookie: c.staffA,
      body: { volunteerId: outsider.id },
    });
    expect(refused.status).toBe(422);
    expect(refused.body.error.code).toBe('volunteer_outside_team');
    const before = await current(red.id);
    const detail = await t.call({ url: `/api/volunteers/teams/${red.id}`, cookie: c.staffA });
    const notIn = list.body.items.find(
      (v: { id: string }) =>
        !detail.body.members.some((m: { volunteerId: string }) => m.volunteerId === v.id),
    );
    const byB = await t.call({
      method: 'POST',
      url: `/api/volunteers/teams/${red.id}/members`,
      cookie: c.staffB,
      body: { volunteerId: notIn.id },
    });
    expect(byB.status).toBe(404);
    const badPost = await t.call({
      method: 'POST',
      url: `/api/volunteers/teams/${red.id}/members`,
      cookie: c.staffA,
      body: {
        volunteerId: notIn.id,
        postId: (await t.db.select().from(volunteerPost).where(eq(volunteerPost.teamId, xingfu.id)))[0].id,
      },
    });
    expect(badPost.body.error.code).toBe('volunteer_post_invalid');
    expect(await current(red.id)).toBe(before);
    const added = await t.call({
      method: 'POST',
      url: `/api/volunteers/teams/${red.id}/members`,
      cookie: c.staffA,
      body: { volunteerId: notIn.id, postId: clinic.id },
    });
    expect(added.status).toBe(200);
    expect(await current(red.id)).toBe(before + 1);
    const member = added.body.members.find((m: { volunteerId: string }) => m.volunteerId === notIn.id);
    const url = `/api/volunteers/teams/${red.id}/members/${member.id}`;
    expect((await t.call({ method: 'DELETE', url, cookie: c.staffB })).status).toBe(404);
    expect((await t.call({ method: 'DELETE', url, cookie: c.tian })).status).toBe(403);
    expect(await current(red.id)).toBe(before + 1);
    expect((await t.call({ method: 'DELETE', url, cookie: c.staffA })).status).toBe(200);
    expect(await current(red.id)).toBe(before);
  });

  it('lists volunteers by skill and place for staff in scope only', async () => {
    expect((await t.call({ url: '/api/volunteers/profiles', cookie: c.tian })).status).toBe(403);
    const med = await t.call({
      url: '/api/volunteers/profiles?skill=medical&pageSize=100',
      cookie: c.staffA,
    });
    expect(med.body.total).toBeGreaterThan(0);
    for (const v of med.body.items) expect(v.skills).toContain('medical');
    const b = await t.call({ url: '/api/volunteers/profiles', cookie: c.staffB });
    expect(b.body.total).toBe(0);
  });
  it('an inactive post or team takes nobody new', async () => {
    const created = await t.call({
      method: 'POST',
      url: '/api/volunteers/teams',
      cookie: c.staffA,
      body: { orgUnitId: xingfu.orgUnitId, name: '幸福家园助餐队' },
    });
    const teamId = created.body.id as string;
    const withPost = await t.call({
      method: 'POST',
      url: `/api/volunteers/teams/${teamId}/posts`,
      cookie: c.staffA,
      body: { kind: 'elderly_care', name: '送餐岗', skills: ['cooking'] },
    });
    const postId = withPost.body.posts[0].id as string;
    const byB = await t.call({
      method: 'PATCH',
      url: `/api/volunteers/posts/${postId}`,
      cookie: c.staffB,
      body: { active: false },
    });
    expect(byB.status).toBe(404);
    const off = await t.call({
      method: 'PATCH',
      url: `/api/volunteers/posts/${postId}`,
      cookie: c.staffA,
      body: { active: false },
    });
    expect(off.body.posts[0].active).toBe(false);
    const onPost = await t.call({
      method: 'POST',
      url: `/api/volunteers/teams/${teamId}/join`,
      cookie: c.tian,
      body: { postId },
    });
    expect(onPost.body.error.code).toBe('volunteer_post_invalid');
    await t.call({
      method: 'PATCH',
      url: `/api/volunteers/teams/${teamId}`,
      cookie: c.staffA,
      body: { active: false },
    });
    const closed = await t.call({
      method: 'POST',
      url: `/api/volunteers/teams/${teamId}/join`,
      cookie: c.tian,
      body: {},
    });
    expect(closed.status).toBe(409);
    expect(closed.body.error.code).toBe('volunteer_team_inactive');
    expect(await current(teamId)).toBe(0);
  });
});

describe('matching', () => {
  it('401, 403 for residents, 404 out of scope, 422 without exactly one target', async () => {
    const url = `/api/volunteers/match?postId=${clinic.id}`;
    expect((await t.call({ url })).status).toBe(401);
    expect((await t.call({ url, cookie: c.tian })).status).toBe(403);
    expect((await t.call({ url, cookie: c.staffB })).status).toBe(404);
    expect((await t.call({ url: '/api/volunteers/match', cookie: c.staffA })).status).toBe(422);
  });

  it('ranks volunteers for the clinic post by score, explains why, and leaves out its members', async () => {
    const res = await t.call({ url: `/api/volunteers/match?postId=${clinic.id}&limit=50`, cookie: c.staffA });
    expect(res.status).toBe(200);
    expect(res.body.target.skills).toEqual(['medical', 'nursing']);
    const items = res.body.items as {
      personId: string;
      score: number;
      parts: Record<string, number>;
      matchedSkills: string[];
    }[];
    expect(items.length).toBeGreaterThan(10);
    for (let i = 1; i < items.length; i++) expect(items[i - 1].score).toBeGreaterThanOrEqual(items[i].score);
    for (const x of items)
      expect(x.parts.skill + x.parts.distance + x.parts.availability + x.parts.load).toBe(x.score);
    expect(items[0].parts.skill).toBe(Math.max(...items.map((x) => x.parts.skill)));
    const onPost = await execRows<{ person_id: string }>(
      t.db,
      sql`select v.person_id from volunteer_member m join volunteer v on v.id = m.volunteer_id
          where m.post_id = ${clinic.id} and m.left_at is null`,
    );
    expect(onPost.length).toBeGreaterThan(0);
    for (const p of onPost) expect(items.map((x) => x.personId)).not.toContain(p.person_id);
  });

  it('maps a case category to skills and prefers volunteers near the case', async () => {
    const [kase] = await execRows<{ id: string; category_code: string; org_path: string }>(
      t.db,
      sql`select id, category_code, org_path from civic_case where org_path like ${`${red.orgPath}%`}
          and category_code = 'neighbour_dispute' order by created_at limit 1`,
    );
    const res = await t.call({ url: `/api/volunteers/match?caseId=${kase.id}&limit=100`, cookie: c.staffA });
    expect(res.status).toBe(200);
    expect(res.body.target.skills).toEqual(CASE_CATEGORY_SKILLS.neighbour_dispute);
    const rank = { building: 3, compound: 2, community: 1, farther: 0 } as Record<string, number>;
    const items = res.body.items as {
      distance: string;
      matchedSkills: string[];
      available: null;
      recentMinutes: number;
    }[];
    // All else equal (same skills matched and load bucket), nearer never ranks below farther.
    for (let i = 1; i < items.length; i++) {
      const [a, b] = [items[i - 1], items[i]];
      if (
        a.matchedSkills.length === b.matchedSkills.length &&
        Math.floor(a.recentMinutes / 60) === Math.floor(b.recentMinutes / 60)
      )
        expect(rank[a.distance]).toBeGreaterThanOrEqual(rank[b.distance]);
    }
    expect((await t.call({ url: `/api/volunteers/match?caseId=${kase.id}`, cookie: c.staffB })).status).toBe(
      404,
    );
  });
  it('matches an activity by its kind, at its time slot, leaving out who signed up', async () => {
    const [a] = await execRows<{ id: string; kind: string }>(
      t.db,
      sql`select id, kind from activity where org_path like ${`${red.orgPath}%`} and state = 'open'
          and exists (select 1 from activity_signup s where s.activity_id = activity.id and s.status <> 'cancelled')
          order by starts_at desc limit 1`,
    );
    const res = await t.call({ url: `/api/volunteers/match?activityId=${a.id}&limit=100`, cookie: c.staffA });
    expect(res.status).toBe(200);
    expect(res.body.target.kind).toBe('activity');
    expect(res.body.target.slot).not.toBeNull();
    const signed = await execRows<{ person_id: string }>(
      t.db,
      sql`select person_id from activity_signup where activity_id = ${a.id} and status <> 'cancelled'`,
    );
    const ids = res.body.items.map((x: { personId: string }) => x.personId);
    for (const p of signed) expect(ids).not.toContain(p.person_id);
    for (const x of res.body.items) expect(x.available).not.toBeNull();
    expect((await t.call({ url: `/api/volunteers/match?activityId=${a.id}`, cookie: c.staffB })).status).toBe(
      404,
    );
  });
});
