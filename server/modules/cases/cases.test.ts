import { and, eq, like, ne, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CASE_ACTIONS, CASE_STATES } from '../../../common/contracts/cases.ts';
import type { Role } from '../../../common/roles.ts';
import { demoLandmarks } from '../../../test/demo-ids.ts';
import { type TestApp, testApp } from '../../../test/harness.ts';
import { verifyAudit } from '../../platform/audit.ts';
import { hashPassword } from '../../platform/password.ts';
import { createUser } from '../../platform/users.ts';
import { householdMember, orgUnit, person } from '../org/schema.ts';
import { claim } from '../points/schema.ts';
import { canMove, TRANSITIONS } from './case-machine.ts';
import { runCaseJobs } from './index.ts';
import { civicCase } from './schema.ts';

/**
 * The cast of a case journey in the demo district: 田志明 (resident, 1号楼), his grid worker, a
 * building leader of 1号楼, the secretary of 幸福家园小区, community staff A and B, 城管 staff, and a
 * party member of community A (another household) with an account of their own.
 */
async function caseCast(t: TestApp, prefix: string) {
  const d = await demoLandmarks(t.db);
  const building = d.ownHousehold.buildingId;
  const [b] = await t.db.select().from(orgUnit).where(eq(orgUnit.id, building));
  const [compound] = await t.db.select().from(orgUnit).where(eq(orgUnit.id, b.parentId!));
  const [member] = await t.db
    .select({ p: person, householdId: householdMember.householdId })
    .from(person)
    .innerJoin(householdMember, eq(householdMember.personId, person.id))
    .where(
      and(
        like(person.orgPath, `${d.communityA.path}%`),
        sql`'party_member' = any(${person.tags})`,
        ne(person.id, d.tian.id),
      ),
    )
    .limit(1);
  const passwordHash = await hashPassword('Linli@2026');
  const add = async (suffix: string, role: Role, unit: { id: string; path: string }, personId?: string) => {
    const phone = `${prefix}${suffix}`;
    await createUser(t.db, {
      phone,
      displayName: `测试${suffix}`,
      passwordHash,
      personId: personId ?? null,
      grants: [
        {
          role,
          orgUnitId: unit.id,
          orgPath: unit.path,
          householdId: role === 'resident' ? member.householdId : null,
        },
      ],
    });
    return t.login(phone);
  };
  const memberUnit = { id: member.p.orgUnitId, path: member.p.orgPath };
  return {
    d,
    building: b,
    compound,
    member: member.p,
    tian: await t.login('13900000007'),
    grid: await t.login('13900000005'),
    otherGrid: await t.login('13900001001'),
    staffA: await t.login('13900000003'),
    staffB: await t.login('13900000004'),
    chengguan: await t.login('13900000008'),
    subdistrict: await t.login('13900000002'),
    district: await t.login('13900000001'),
    leader: await add('01', 'building_leader', b),
    secretary: await add('02', 'compound_secretary', compound),
    partyMember: await add('03', 'resident', memberUnit, member.p.id),
  };
}

let t: TestApp;
let c: Awaited<ReturnType<typeof caseCast>>;
let chengguanId: string;
beforeAll(async () => {
  t = await testApp();
  c = await caseCast(t, '139555500');
  const deps = await t.call({ url: '/api/departments', cookie: c.staffA });
  chengguanId = deps.body.items.find((x: { code: string }) => x.code === 'chengguan').id;
});
afterAll(async () => {
  expect(await verifyAudit(t.db)).toMatchObject({ ok: true });
  await t.close();
});

const report = (cookie: string, body: Record<string, unknown> = {}) =>
  t.call({
    method: 'POST',
    url: '/api/cases',
    cookie,
    body: {
      kind: 'hazard',
      categoryCode: 'stairwell_light',
      description: '1单元3楼楼道灯不亮',
      orgUnitId: c.building.id,
      ...body,
    },
  });
const move = (cookie: string, id: string, action: string, extra: Record<string, unknown> = {}) =>
  t.call({
    method: 'POST',
    url: `/api/cases/${id}/transitions`,
    cookie,
    body: { action, note: '说明', ...extra },
  });
const ok = async (p: ReturnType<TestApp['call']>) => {
  const r = await p;
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  return r.body;
};
const refused = async (p: ReturnType<TestApp['call']>, status: number, code: string) => {
  const r = await p;
  expect([r.status, r.body?.error?.code]).toEqual([status, code]);
};

/** A fresh resident case driven to `to` along the building-level path. */
async function caseAt(to: 'reported' | 'checked' | 'queued' | 'dispatched' | 'in_progress' | 'completed') {
  const id: string = (await ok(report(c.tian))).id;
  if (to === 'reported') return id;
  await ok(move(c.grid, id, 'check_valid'));
  if (to === 'checked') return id;
  await ok(move(c.leader, id, 'classify', { level: 'building' }));
  if (to === 'queued') return id;
  await ok(move(c.leader, id, 'dispatch', { assignee: { type: 'party_member', ref: c.member.id } }));
  if (to === 'dispatched') return id;
  await ok(move(c.partyMember, id, 'accept'));
  if (to === 'in_progress') return id;
  await ok(move(c.partyMember, id, 'complete', { note: '已更换灯泡' }));
  return id;
}

describe('the transition table', () => {
  it('lists every action once, and every state reachable from it is a known state', () => {
    for (const a of CASE_ACTIONS) {
      expect(CASE_STATES).toContain(TRANSITIONS[a].to);
      for (const s of TRANSITIONS[a].from) expect(CASE_STATES).toContain(s);
    }
  });
  it('closed, invalid, duplicate and withdrawn cases take no further move', () => {
    for (const s of ['closed', 'invalid', 'duplicate', 'withdrawn'] as const)
      for (const a of CASE_ACTIONS) expect(canMove(s, a)).toBe(false);
  });
});

describe('intake', () => {
  it('refuses those without the permission (403) and places outside the reporter reach', async () => {
    await refused(report(c.chengguan), 403, 'forbidden');
    await refused(report(c.staffB), 404, 'not_found');
    await refused(report(c.tian, { orgUnitId: c.d.siblingBuildingUnit.id }), 422, 'case_place_invalid');
    await refused(report(c.tian, { categoryCode: 'no_such' }), 422, 'case_category_unknown');
    await refused(report(c.tian, { kind: 'dispute' }), 422, 'case_category_unknown');
  });

  it('a resident reports at their building; the case carries its household and a timeline', async () => {
    const body = await ok(report(c.tian, { anonymous: true, lat: 36.5, lng: 116.7 }));
    expect(body).toMatchObject({ state: 'reported', reportedVia: 'resident', anonymous: true, lat: 36.5 });
    expect(body.timeline).toHaveLength(1);
    expect(body.timeline[0].at).toMatch(/T\d\d:\d\d:\d\d/);
    expect(body.actions).toEqual(['withdraw']);
    const [row] = await t.db.select().from(civicCase).where(eq(civicCase.id, body.id));
    expect(row.householdId).toBe(c.d.ownHousehold.id);
    // Anonymous towards the public, not towards the grid worker who checks it.
    const seen = await ok(t.call({ url: `/api/cases/${body.id}`, cookie: c.grid }));
    expect(seen.reporterName).toBe('田志明');
    expect(seen.actions).toEqual(['check_valid', 'check_invalid', 'check_duplicate']);
  });

  it('shows possible duplicates in the same compound before submitting, and merges one', async () => {
    const first = await ok(report(c.tian, { description: '楼道灯坏了好几天' }));
    const dup = await ok(
      t.call({
        url: `/api/cases/duplicates?categoryCode=stairwell_light&orgUnitId=${c.compound.id}`,
        cookie: c.tian,
      }),
    );
    expect(dup.items.map((x: { id: string }) => x.id)).toContain(first.id);
    const none = await ok(
      t.call({
        url: `/api/cases/duplicates?categoryCode=parking&orgUnitId=${c.building.id}`,
        cookie: c.tian,
      }),
    );
    expect(none.items).toEqual([]);
    const second = await ok(report(c.tian, { description: '同一盏灯' }));
    await refused(move(c.grid, second.id, 'check_duplicate'), 422, 'case_field_required');
    await refused(
      move(c.grid, second.id, 'check_duplicate', { duplicateOf: second.id }),
      422,
      'case_duplicate_target',
    );
    const merged = await ok(move(c.grid, second.id, 'check_duplicate', { duplicateOf: first.id }));
    expect(merged).toMatchObject({ state: 'duplicate', duplicateOfId: first.id, pointsClaimId: null });
    const target = await ok(t.call({ url: `/api/cases/${first.id}`, cookie: c.staffA }));
    expect(target.timeline.map((e: { action: string }) => e.action)).toContain('merge');
  });
});

describe('grid check', () => {
  it('only the building grid worker checks; the reporter may withdraw before', async () => {
    const id = await caseAt('reported');
    await refused(move(c.tian, id, 'check_valid'), 403, 'forbidden');
    await refused(move(c.otherGrid, id, 'check_valid'), 403, 'not_case_checker');
    await refused(move(c.staffA, id, 'check_valid'), 403, 'forbidden');
    await refused(move(c.staffB, id, 'check_valid'), 404, 'not_found');
    await refused(move(c.tian, id, 'rate', { rating: 5 }), 409, 'illegal_transition');
    await refused(move(c.grid, id, 'withdraw'), 403, 'not_case_reporter');
    expect((await ok(move(c.tian, id, 'withdraw'))).state).toBe('withdrawn');
    await refused(move(c.grid, id, 'check_valid'), 409, 'illegal_transition');
  });

  it('a valid resident hazard yields exactly one points claim (C03, checked), linked by source key', async () => {
    const id = await caseAt('reported');
    const body = await ok(move(c.grid, id, 'check_valid'));
    expect(body.state).toBe('checked');
    expect(body.pointsClaimId).toBeTruthy();
    await refused(move(c.grid, id, 'check_valid'), 409, 'illegal_transition');
    const claims = await t.db
      .select()
      .from(claim)
      .where(eq(claim.sourceKey, `case:${id}`));
    expect(claims).toHaveLength(1);
    expect(claims[0]).toMatchObject({ id: body.pointsClaimId, state: 'checked', personId: c.d.tian.id });
    const mine = await ok(t.call({ url: '/api/points/claims?mine=true', cookie: c.tian }));
    expect(mine.items.map((x: { id: string }) => x.id)).toContain(body.pointsClaimId);
  });

  it('an invalid case needs a reason and earns nothing; a staff report earns nothing', async () => {
    const id = await caseAt('reported');
    await refused(move(c.grid, id, 'check_invalid', { note: undefined }), 422, 'case_field_required');
    const body = await ok(move(c.grid, id, 'check_invalid', { note: '现场灯正常' }));
    expect(body).toMatchObject({ state: 'invalid', pointsClaimId: null });
    const byGrid = await ok(report(c.grid));
    expect(byGrid.reportedVia).toBe('grid_worker');
    expect((await ok(move(c.grid, byGrid.id, 'check_valid'))).pointsClaimId).toBeNull();
  });
});

describe('three matters and four orders', () => {
  it('a building case goes up level by level; each level acts only on its own queue', async () => {
    const id = await caseAt('checked');
    await refused(move(c.tian, id, 'classify', { level: 'building' }), 403, 'forbidden');
    await refused(move(c.leader, id, 'classify'), 422, 'case_field_required');
    await ok(move(c.leader, id, 'classify', { level: 'building' }));
    const queue = await ok(t.call({ url: '/api/cases?queue=handle', cookie: c.leader }));
    expect(queue.items.map((x: { id: string }) => x.id)).toContain(id);
    const up = await ok(move(c.leader, id, 'pass_up'));
    expect(up.matterLevel).toBe('compound');
    await refused(
      move(c.leader, id, 'dispatch', { assignee: { type: 'volunteer_team', name: '红色志愿服务队' } }),
      403,
      'not_case_level',
    );
    const leaderQueue = await ok(t.call({ url: '/api/cases?queue=handle', cookie: c.leader }));
    expect(leaderQueue.items.map((x: { id: string }) => x.id)).not.toContain(id);
    expect((await ok(move(c.secretary, id, 'pass_up'))).matterLevel).toBe('community');
    await refused(move(c.staffA, id, 'pass_up'), 409, 'case_top_level');
    await refused(move(c.staffB, id, 'pass_up'), 404, 'not_found');
    const meeting = '00000000-0000-4000-8000-000000000001';
    const d = await ok(
      move(c.staffA, id, 'dispatch', {
        assignee: { type: 'volunteer_team', name: '红色志愿服务队' },
        meetingId: meeting,
      }),
    );
    expect(d).toMatchObject({ state: 'dispatched', assigneeName: '红色志愿服务队', meetingId: meeting });
    // A team has no account: the dispatcher records its moves.
    await refused(move(c.partyMember, id, 'accept'), 404, 'not_found');
    await refused(move(c.leader, id, 'accept'), 403, 'not_case_assignee');
    await ok(move(c.staffA, id, 'accept'));
  });

  it('the assignee accepts or declines with a reason, posts progress with photos, completes', async () => {
    const id = await caseAt('dispatched');
    await refused(move(c.tian, id, 'accept'), 403, 'not_case_assignee');
    await refused(move(c.partyMember, id, 'decline', { note: undefined }), 422, 'case_field_required');
    const declined = await ok(move(c.partyMember, id, 'decline', { note: '出差在外' }));
    expect(declined).toMatchObject({ state: 'queued', assigneeName: null });
    await ok(move(c.leader, id, 'dispatch', { assignee: { type: 'party_member', ref: c.member.id } }));
    const mine = await ok(t.call({ url: '/api/cases?queue=assigned', cookie: c.partyMember }));
    expect(mine.items.map((x: { id: string }) => x.id)).toContain(id);
    await ok(move(c.partyMember, id, 'accept'));
    const photo = '00000000-0000-4000-8000-0000000000aa';
    await ok(move(c.partyMember, id, 'progress', { note: '已联系物业', photoIds: [photo] }));
    await refused(move(c.tian, id, 'rate', { rating: 5 }), 409, 'illegal_transition');
    const done = await ok(move(c.partyMember, id, 'complete', { note: '已更换灯泡' }));
    expect(done.state).toBe('completed');
    expect(done.timeline.find((e: { action: string }) => e.action === 'progress').photoIds).toEqual([photo]);
  });

  it('a rating of 2 or less reopens the case to the dispatcher; a good one closes it locally', async () => {
    const id = await caseAt('completed');
    await refused(move(c.grid, id, 'rate', { rating: 5 }), 403, 'not_case_reporter');
    await refused(move(c.tian, id, 'rate'), 422, 'case_field_required');
    const low = await ok(move(c.tian, id, 'rate', { rating: 2, note: '灯还是不亮' }));
    expect(low).toMatchObject({ state: 'reopened', rating: 2, assigneeName: null });
    expect(low.actions).toEqual([]);
    const leaderView = await ok(t.call({ url: `/api/cases/${id}`, cookie: c.leader }));
    expect(leaderView.actions).toEqual(['pass_up', 'dispatch']);
    await ok(move(c.leader, id, 'dispatch', { assignee: { type: 'party_member', ref: c.member.id } }));
    await ok(move(c.partyMember, id, 'accept'));
    await ok(move(c.partyMember, id, 'complete', { note: '重新布线' }));
    const closed = await ok(move(c.tian, id, 'rate', { rating: 5, note: '满意' }));
    expect(closed).toMatchObject({ state: 'closed', closeReason: 'rated', resolution: 'resolved_locally' });
    await refused(move(c.tian, id, 'rate', { rating: 4 }), 409, 'illegal_transition');
  });

  it('no rating in 7 days closes the case as unrated, once', async () => {
    const id = await caseAt('completed');
    const [row] = await t.db.select().from(civicCase).where(eq(civicCase.id, id));
    const day = 86_400_000;
    const early = await runCaseJobs(t.db, new Date(row.completedAt!.getTime() + 6 * day));
    const [still] = await t.db.select().from(civicCase).where(eq(civicCase.id, id));
    expect(still.state).toBe('completed');
    expect(early.closedUnrated).toBeGreaterThanOrEqual(0);
    const at = new Date(row.completedAt!.getTime() + 7 * day + 60_000);
    const first = await runCaseJobs(t.db, at);
    expect(first.closedUnrated).toBeGreaterThanOrEqual(1);
    expect((await runCaseJobs(t.db, at)).closedUnrated).toBe(0);
    const body = await ok(t.call({ url: `/api/cases/${id}`, cookie: c.tian }));
    expect(body).toMatchObject({ state: 'closed', closeReason: 'unrated', resolution: 'resolved_locally' });
    expect(body.timeline.filter((e: { action: string }) => e.action === 'close_unrated')).toHaveLength(1);
  });
});

describe('whistle and report-in', () => {
  const deadline = () => new Date(Date.now() + 3 * 86_400_000).toISOString();
  const whistle = (cookie: string, id: string) =>
    t.call({
      method: 'POST',
      url: `/api/cases/${id}/whistles`,
      cookie,
      body: { departmentIds: [chengguanId], summary: '道路破损需城管处置', deadline: deadline() },
    });

  it('the community whistles 城管; only 城管 sees it; they report in and resolve; the case closes escalated', async () => {
    const created = await ok(
      report(c.tian, {
        categoryCode: 'damaged_road',
        description: '小区北门道路塌陷',
        orgUnitId: c.compound.id,
        photoIds: ['00000000-0000-4000-8000-0000000000bb'],
      }),
    );
    const id = created.id;
    await ok(move(c.grid, id, 'check_valid'));
    await ok(move(c.staffA, id, 'classify', { level: 'community' }));
    // Before the whistle: 城管 cannot see the case at all.
    await refused(t.call({ url: `/api/cases/${id}`, cookie: c.chengguan }), 404, 'not_found');
    await refused(whistle(c.leader, id), 403, 'forbidden');
    await refused(whistle(c.staffB, id), 404, 'not_found');
    const w = await ok(whistle(c.staffA, id));
    expect(w.state).toBe('whistled');
    expect(w.whistles).toHaveLength(1);
    await refused(whistle(c.staffA, id), 409, 'illegal_transition');
    const seen = await ok(t.call({ url: `/api/cases/${id}`, cookie: c.chengguan }));
    expect(seen.reporterName).toBe('田*明');
    await refused(t.call({ url: `/api/cases/${id}`, cookie: c.staffB }), 404, 'not_found');
    const queue = await ok(t.call({ url: '/api/cases/whistles', cookie: c.chengguan }));
    // The demo year holds other open whistles to 城管; this case's is among them, once.
    queue.items = queue.items.filter((x: { caseId: string }) => x.caseId === id);
    expect(queue.items.map((x: { caseId: string }) => x.caseId)).toEqual([id]);
    expect((await t.call({ url: '/api/cases/whistles', cookie: c.staffA })).status).toBe(403);
    expect((await t.call({ url: '/api/cases', cookie: c.chengguan })).status).toBe(403);
    const whistleId = queue.items[0].id;
    await refused(
      t.call({
        method: 'POST',
        url: `/api/cases/whistles/${whistleId}/result`,
        cookie: c.chengguan,
        body: { actionTaken: '现场勘查', result: '已修复' },
      }),
      409,
      'illegal_transition',
    );
    await ok(
      t.call({
        method: 'POST',
        url: `/api/cases/whistles/${whistleId}/report-in`,
        cookie: c.chengguan,
        body: {},
      }),
    );
    await refused(
      t.call({
        method: 'POST',
        url: `/api/cases/whistles/${whistleId}/report-in`,
        cookie: c.chengguan,
        body: {},
      }),
      409,
      'whistle_not_pending',
    );
    const done = await ok(
      t.call({
        method: 'POST',
        url: `/api/cases/whistles/${whistleId}/result`,
        cookie: c.chengguan,
        body: { actionTaken: '现场勘查并修补路面', result: '道路已修复' },
      }),
    );
    expect(done.state).toBe('completed');
    const closed = await ok(move(c.tian, id, 'rate', { rating: 5 }));
    expect(closed).toMatchObject({ state: 'closed', resolution: 'escalated' });
    const actions = closed.timeline.map((e: { action: string }) => e.action);
    expect(actions).toEqual([
      'report',
      'check_valid',
      'classify',
      'whistle',
      'report_in',
      'department_result',
      'departments_done',
      'rate',
    ]);
    // 田志明 has reported several hazards today: past C03's daily cap the check still passes, and the
    // timeline says why no claim was raised.
    const check = closed.timeline.find((e: { action: string }) => e.action === 'check_valid');
    expect(check.note).toMatch(closed.pointsClaimId ? /已生成积分申报/ : /未生成积分申报：cap_exceeded/);
  });

  it('an overdue whistle escalates to the subdistrict exactly once', async () => {
    const id = await caseAt('checked');
    await ok(move(c.staffA, id, 'classify', { level: 'community' }));
    const w = await ok(whistle(c.staffA, id));
    const due = new Date(w.whistles[0].respondDueAt);
    // Whistles of the demo year that fall due earlier escalate in this first run; this one does not.
    await runCaseJobs(t.db, new Date(due.getTime() - 1000));
    expect((await ok(t.call({ url: `/api/cases/${id}`, cookie: c.subdistrict }))).escalatedAt).toBeNull();
    const after = new Date(due.getTime() + 1000);
    expect((await runCaseJobs(t.db, after)).escalated).toBeGreaterThanOrEqual(1);
    expect((await runCaseJobs(t.db, after)).escalated).toBe(0);
    const body = await ok(t.call({ url: `/api/cases/${id}`, cookie: c.subdistrict }));
    expect(body.escalatedAt).toBe(after.toISOString());
    expect(body.whistles[0].escalatedAt).toBe(after.toISOString());
    expect(body.timeline.filter((e: { action: string }) => e.action === 'escalate')).toHaveLength(1);
  });
});

describe('scope', () => {
  it('community B never sees community A cases; admins above read them', async () => {
    const id = await caseAt('reported');
    await refused(t.call({ url: `/api/cases/${id}`, cookie: c.staffB }), 404, 'not_found');
    const listB = await ok(t.call({ url: '/api/cases', cookie: c.staffB }));
    expect(listB.items.map((x: { id: string }) => x.id)).not.toContain(id);
    const listA = await ok(t.call({ url: '/api/cases?queue=check', cookie: c.grid }));
    expect(listA.items.map((x: { id: string }) => x.id)).toContain(id);
    const district = await ok(t.call({ url: `/api/cases/${id}`, cookie: c.district }));
    expect(district.actions).toEqual([]);
    await refused(move(c.district, id, 'check_valid'), 403, 'forbidden');
    // Another resident of community A sees neither the case nor its details.
    await refused(t.call({ url: `/api/cases/${id}`, cookie: c.partyMember }), 404, 'not_found');
  });
});
