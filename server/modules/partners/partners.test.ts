import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACCESS_TABLE } from '../../../common/access-table.ts';
import type { ProjectAction, ProjectState } from '../../../common/contracts/partner-projects.ts';
import { type TestApp, testApp } from '../../../test/harness.ts';
import { execRows } from '../../db/client.ts';
import { isProjectLead, loadPartnerProject } from './index.ts';
import { PROJECT_TRANSITIONS } from './project-machine.ts';
import { partner, partnerProject, partnerProjectHistory, partnerProjectParticipant } from './schema.ts';

// 幸福家园合伙人 and cooperative projects on the demo district (PGlite): registration and review,
// who may propose and lead, the project state machine by role, joining within capacity, scope.
let t: TestApp;
const c: Record<string, string> = {};
const PHONES = {
  admin: '13900000001',
  staffA: '13900000003',
  staffB: '13900000004',
  grid: '13900000005',
  tian: '13900000007',
  dept: '13900000008',
  r13: '13900000013',
  r14: '13900000014',
  r15: '13900000015',
} as const;
let compoundId: string;
let communityA: string;

async function post(who: string | undefined, url: string, body?: unknown) {
  return t.call({ method: 'POST', url, cookie: who, body: body ?? {} });
}
const get = (who: string | undefined, url: string) => t.call({ url, cookie: who });

async function register(who: string) {
  return post(who, '/api/partners', {
    talents: ['painting'],
    talentNote: '水彩',
    intro: '美院毕业，愿意教孩子画画。',
  });
}
async function propose(who: string, extra: Record<string, unknown> = {}) {
  return post(who, '/api/partner-projects', {
    title: '暑期美术班',
    kind: 'art_class',
    orgUnitId: compoundId,
    capacity: 3,
    targetParticipants: '6–12 岁儿童',
    startsOn: '2026-07-10',
    endsOn: '2026-08-20',
    ...extra,
  });
}
async function projectRow(id: string) {
  const [row] = await t.db.select().from(partnerProject).where(eq(partnerProject.id, id));
  return row;
}

beforeAll(async () => {
  t = await testApp();
  for (const [k, phone] of Object.entries(PHONES)) c[k] = await t.login(phone);
  const [u] = await execRows<{ id: string; community: string }>(
    t.db,
    sql`select c.id, c.parent_id as community from org_unit c where c.name = '幸福家园小区'`,
  );
  compoundId = u.id;
  communityA = u.community;
});
afterAll(() => t?.close());

describe('routes are in the access table', () => {
  it('every partners route is listed', () => {
    const mine = t.registeredRoutes.filter(
      (r) => r.includes('/api/partners') || r.includes('/api/partner-projects'),
    );
    expect(mine.length).toBe(15);
    for (const r of mine) expect(ACCESS_TABLE[r], r).toBeDefined();
  });
});

describe('demo', () => {
  it('seeds 春熙社区 partners in every state and projects with participants that fit capacity', async () => {
    const ps = await execRows<{ state: string; n: number }>(
      t.db,
      sql`select state, count(*)::int n from partner group by 1`,
    );
    const by = Object.fromEntries(ps.map((p) => [p.state, Number(p.n)]));
    expect(by).toMatchObject({ approved: 20, pending: 3, declined: 1, suspended: 1 });
    const bad = await execRows<{ id: string }>(
      t.db,
      sql`select p.id from partner_project p where p.participant_count <>
          (select count(*) from partner_project_participant x where x.project_id = p.id and x.left_at is null)
          or (p.capacity is not null and p.participant_count > p.capacity)`,
    );
    expect(bad).toEqual([]);
    const states = await execRows<{ state: string }>(t.db, sql`select distinct state from partner_project`);
    expect(states.map((s) => s.state).sort()).toEqual([
      'active',
      'approved',
      'cancelled',
      'declined',
      'finished',
      'proposed',
    ]);
  });
});

describe('partners: registration and review', () => {
  it('401 without a session; 403 for a department; staff of another community get 404', async () => {
    expect((await get(undefined, '/api/partners/me')).status).toBe(401);
    expect((await post(undefined, '/api/partners', {})).status).toBe(401);
    expect((await get(c.dept, '/api/partners')).status).toBe(403);
    expect((await post(c.dept, '/api/partners', { talents: ['law'], intro: '律师' })).status).toBe(403);
    const [pending] = await t.db.select().from(partner).where(eq(partner.state, 'pending')).limit(1);
    expect((await get(c.staffB, `/api/partners/${pending.id}`)).status).toBe(404);
    const r = await post(c.staffB, `/api/partners/${pending.id}/approve`);
    expect(r.status).toBe(404);
    expect((await t.db.select().from(partner).where(eq(partner.id, pending.id)))[0].state).toBe('pending');
    // Staff B's list holds none of community A's partners.
    expect((await get(c.staffB, '/api/partners')).body.total).toBe(0);
  });

  it('bad input is refused with a stable code and nothing written', async () => {
    const before = await t.db.select().from(partner);
    for (const body of [
      { talents: [], intro: '我会画画' },
      { talents: ['juggling'], intro: '我会杂耍' },
      { talents: ['painting'], intro: '' },
    ]) {
      const r = await post(c.tian, '/api/partners', body);
      expect(r.status).toBe(422);
      expect(r.body.error.code).toBe('validation_failed');
    }
    expect(await t.db.select().from(partner)).toHaveLength(before.length);
  });

  it('a resident registers once; staff decline with a reason; they apply again; staff approve and suspend', async () => {
    expect((await get(c.tian, '/api/partners/me')).body).toMatchObject({ partner: null, canRegister: true });
    const r = await register(c.tian);
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({
      state: 'pending',
      name: '田志明',
      orgUnitName: '幸福家园小区',
      actions: [],
    });
    expect((await register(c.tian)).body.error.code).toBe('partner_exists');
    // Residents cannot decide their own application.
    expect((await post(c.tian, `/api/partners/${r.body.id}/approve`)).status).toBe(403);
    // Staff see it first in their list, with the actions they may take.
    const list = await get(c.staffA, '/api/partners?state=pending&q=美院');
    expect(list.body.items.map((p: { id: string }) => p.id)).toContain(r.body.id);
    expect(list.body.items[0].actions).toEqual(['approve', 'decline']);
    const noReason = await post(c.staffA, `/api/partners/${r.body.id}/decline`, { reason: '' });
    expect(noReason.status).toBe(422);
    const d = await post(c.staffA, `/api/partners/${r.body.id}/decline`, { reason: '请补充作品' });
    expect(d.body).toMatchObject({ state: 'declined', reason: '请补充作品', decidedByName: '孙社工' });
    expect(
      (await post(c.staffA, `/api/partners/${r.body.id}/suspend`, { reason: '无理由' })).body.error.code,
    ).toBe('partner_state');
    expect((await get(c.tian, '/api/partners/me')).body.canRegister).toBe(true);
    const again = await register(c.tian);
    expect(again.body).toMatchObject({ id: r.body.id, state: 'pending', reason: null });
    expect((await post(c.staffA, `/api/partners/${r.body.id}/approve`)).body.state).toBe('approved');
    const s = await post(c.staffA, `/api/partners/${r.body.id}/suspend`, { reason: '暂停一个月' });
    expect(s.body).toMatchObject({ state: 'suspended', actions: ['approve'] });
    // Search by talent and compound.
    const byTalent = await get(c.staffA, `/api/partners?talent=painting&orgUnitId=${compoundId}`);
    expect(byTalent.body.items.every((p: { talents: string[] }) => p.talents.includes('painting'))).toBe(
      true,
    );
    expect(byTalent.body.items.every((p: { orgUnitName: string }) => p.orgUnitName === '幸福家园小区')).toBe(
      true,
    );
    const byLabel = await get(c.staffA, '/api/partners?q=摄影');
    expect(byLabel.body.total).toBeGreaterThan(0);
    expect(byLabel.body.items.every((p: { talents: string[] }) => p.talents.includes('photography'))).toBe(
      true,
    );
    // Reinstate for later tests.
    expect((await post(c.staffA, `/api/partners/${r.body.id}/approve`)).body.state).toBe('approved');
  });
});

describe('projects: proposing and leading', () => {
  it('only an approved partner proposes; a suspended partner cannot; units outside their home are refused', async () => {
    // 14 is not a partner.
    const before = (await t.db.select().from(partnerProject)).length;
    expect((await propose(c.r14)).body.error.code).toBe('partner_not_approved');
    const id14 = (await register(c.r14)).body.id;
    expect((await propose(c.r14)).body.error.code).toBe('partner_not_approved');
    await post(c.staffA, `/api/partners/${id14}/approve`);
    // Once approved, they may propose for their compound or its community, and were told so.
    const me14 = await get(c.r14, '/api/partners/me');
    expect(me14.body.units.map((u: { id: string; kind: string }) => [u.id, u.kind])).toEqual([
      [communityA, 'community'],
      [compoundId, 'compound'],
    ]);
    const notices = await execRows<{ title: string }>(
      t.db,
      sql`select n.title from notification n join user_account u on u.id = n.recipient_user_id
          where u.phone = '13900000014' and n.kind = 'partners.decided'`,
    );
    expect(notices.map((n) => n.title)).toEqual(['您的幸福家园合伙人资格：通过']);
    // Another community's compound is out of reach (404); a building is not a project's unit.
    const [otherCompound] = await execRows<{ id: string }>(
      t.db,
      sql`select id from org_unit where name = '翠湖小区'`,
    );
    expect((await propose(c.r14, { orgUnitId: otherCompound.id })).status).toBe(404);
    const [sunny] = await execRows<{ id: string }>(
      t.db,
      sql`select id from org_unit where name = '阳光花园'`,
    );
    expect((await propose(c.r14, { orgUnitId: sunny.id })).status).toBe(404);
    const bad = await propose(c.r14, { startsOn: '2026-08-01', endsOn: '2026-07-01' });
    expect(bad.status).toBe(422);
    expect((await t.db.select().from(partnerProject)).length).toBe(before);
    // Leading with a pending partner is refused.
    const [pending] = await t.db.select().from(partner).where(eq(partner.state, 'pending')).limit(1);
    expect((await propose(c.r14, { leadPartnerIds: [pending.id] })).body.error.code).toBe(
      'partner_not_approved',
    );
    const ok = await propose(c.r14, { orgUnitId: communityA });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ state: 'proposed', isLead: true, actions: ['withdraw'] });
    const ref = await loadPartnerProject(t.db, ok.body.id);
    expect(ref).toMatchObject({ id: ok.body.id, title: '暑期美术班', state: 'proposed' });
    expect(ref.leadPersonIds).toHaveLength(1);
    expect(await isProjectLead(t.db, ok.body.id, ref.leadPersonIds[0])).toBe(true);
    expect(await isProjectLead(t.db, ok.body.id, ok.body.id)).toBe(false);
  });

  it('staff create a project for approved partners straight into approved', async () => {
    const [p] = await t.db
      .select()
      .from(partner)
      .where(and(eq(partner.state, 'approved'), sql`${partner.orgPath} like '%'`))
      .limit(1);
    const r = await post(c.staffA, '/api/partner-projects', {
      title: '老年婚纱摄影',
      kind: 'photography',
      orgUnitId: communityA,
      leadPartnerIds: [p.id],
    });
    expect(r.status).toBe(200);
    expect(r.body.state).toBe('approved');
    expect(
      (
        await post(c.staffA, '/api/partner-projects', {
          title: '无人牵头',
          kind: 'other',
          orgUnitId: communityA,
        })
      ).body.error.code,
    ).toBe('partner_not_approved');
    expect(
      (
        await post(c.staffB, '/api/partner-projects', {
          title: '越界',
          kind: 'other',
          orgUnitId: communityA,
          leadPartnerIds: [p.id],
        })
      ).status,
    ).toBe(404);
  });
});

describe('projects: the state machine by role', () => {
  // Staff (孙社工), the lead (14, an approved partner), and a resident who is neither (15).
  const roles = ['staff', 'lead', 'resident'] as const;
  const startIn: Record<ProjectState, ProjectAction[]> = {
    proposed: [],
    approved: ['approve'],
    active: ['approve', 'start'],
    finished: ['approve', 'start', 'finish'],
    declined: ['decline'],
    cancelled: ['withdraw'],
  };

  async function projectIn(state: ProjectState): Promise<string> {
    const r = await propose(c.r14, { title: `状态机 ${state}` });
    expect(r.status).toBe(200);
    for (const a of startIn[state]) {
      const m = await post(
        c.staffA === undefined ? '' : a === 'withdraw' ? c.r14 : c.staffA,
        `/api/partner-projects/${r.body.id}/transitions`,
        {
          action: a,
          note: '理由说明',
        },
      );
      expect(m.status, `${state} via ${a}`).toBe(200);
    }
    return r.body.id;
  }

  for (const state of ['proposed', 'approved', 'active', 'finished', 'declined', 'cancelled'] as const)
    for (const action of Object.keys(PROJECT_TRANSITIONS) as ProjectAction[])
      for (const role of roles)
        it(`${role} ${action} from ${state}`, async () => {
          const id = await projectIn(state);
          const move = PROJECT_TRANSITIONS[action];
          const allowedRole =
            role === 'resident'
              ? false
              : move.by === 'either' || move.by === (role === 'staff' ? 'staff' : 'lead');
          const who = role === 'staff' ? c.staffA : role === 'lead' ? c.r14 : c.r15;
          const before = await t.db
            .select()
            .from(partnerProjectHistory)
            .where(eq(partnerProjectHistory.projectId, id));
          const r = await post(who, `/api/partner-projects/${id}/transitions`, { action, note: '理由说明' });
          if (!allowedRole) {
            expect(r.status).toBe(403);
            expect(r.body.error.code).toBe('forbidden');
          } else if (!move.from.includes(state)) {
            expect(r.status).toBe(409);
            expect(r.body.error.code).toBe('partner_project_transition');
          } else {
            expect(r.status).toBe(200);
            expect(r.body.state).toBe(move.to);
            expect(r.body.history.at(-1)).toMatchObject({ action, fromState: state, toState: move.to });
          }
          const after = await projectRow(id);
          expect(after.state).toBe(r.status === 200 ? move.to : state);
          const hist = await t.db
            .select()
            .from(partnerProjectHistory)
            .where(eq(partnerProjectHistory.projectId, id));
          expect(hist.length).toBe(before.length + (r.status === 200 ? 1 : 0));
        });

  it('decline and cancel need a reason; staff of another community get 404; approving with a suspended lead is refused', async () => {
    const id = await projectIn('proposed');
    const r = await post(c.staffA, `/api/partner-projects/${id}/transitions`, { action: 'decline' });
    expect(r.body.error.code).toBe('partner_project_reason_required');
    expect(
      (await post(c.staffB, `/api/partner-projects/${id}/transitions`, { action: 'approve' })).status,
    ).toBe(404);
    expect((await get(c.staffB, `/api/partner-projects/${id}`)).status).toBe(404);
    expect((await post(c.staffA, `/api/partner-projects/${id}/transitions`, { action: 'fly' })).status).toBe(
      422,
    );
    const lead = (await get(c.r14, '/api/partners/me')).body.partner.id;
    await post(c.staffA, `/api/partners/${lead}/suspend`, { reason: '暂停' });
    const a = await post(c.staffA, `/api/partner-projects/${id}/transitions`, { action: 'approve' });
    expect(a.body.error.code).toBe('partner_not_approved');
    // A suspended partner is no longer a lead who may move it.
    expect(
      (await post(c.r14, `/api/partner-projects/${id}/transitions`, { action: 'withdraw' })).status,
    ).toBe(403);
    await post(c.staffA, `/api/partners/${lead}/approve`);
    expect((await projectRow(id)).state).toBe('proposed');
  });
});

describe('participants', () => {
  it('residents join within capacity and leave; leads and staff see the list; others do not', async () => {
    const r = await propose(c.r14, { capacity: 2, title: '名额测试', orgUnitId: communityA });
    const id = r.body.id as string;
    expect((await post(c.r15, `/api/partner-projects/${id}/join`)).body.error.code).toBe(
      'partner_project_closed',
    );
    await post(c.staffA, `/api/partner-projects/${id}/transitions`, { action: 'approve' });
    expect((await post(undefined, `/api/partner-projects/${id}/join`)).status).toBe(401);
    expect((await post(c.dept, `/api/partner-projects/${id}/join`)).status).toBe(403);
    expect((await post(c.staffB, `/api/partner-projects/${id}/join`)).status).toBe(404);
    expect((await post(c.r14, `/api/partner-projects/${id}/join`)).body.error.code).toBe(
      'partner_project_lead_joins',
    );
    const j = await post(c.r15, `/api/partner-projects/${id}/join`);
    expect(j.body).toMatchObject({ joined: true, participantCount: 1, placesLeft: 1 });
    expect(j.body.actions).toContain('leave');
    expect((await post(c.r15, `/api/partner-projects/${id}/join`)).body.error.code).toBe(
      'partner_project_joined',
    );
    expect((await post(c.tian, `/api/partner-projects/${id}/join`)).status).toBe(200);
    // Full: a third resident cannot take a place.
    const full = await post(c.r13, `/api/partner-projects/${id}/join`);
    expect(full.body.error.code).toBe('partner_project_full');
    expect((await projectRow(id)).participantCount).toBe(2);
    // The list: lead and staff yes, a participant no, another community 404.
    const lst = await get(c.r14, `/api/partner-projects/${id}/participants`);
    expect(lst.body.items.map((p: { name: string }) => p.name)).toContain('田志明');
    expect(lst.body.items[0].phone).toMatch(/^\d{3}\*{4}\d{4}$/);
    expect((await get(c.staffA, `/api/partner-projects/${id}/participants`)).status).toBe(200);
    expect((await get(c.r15, `/api/partner-projects/${id}/participants`)).status).toBe(403);
    expect((await get(c.staffB, `/api/partner-projects/${id}/participants`)).status).toBe(404);
    // Leave frees the place; leaving twice is refused; joining again works.
    expect((await post(c.tian, `/api/partner-projects/${id}/leave`)).body).toMatchObject({
      joined: false,
      placesLeft: 1,
    });
    expect((await post(c.tian, `/api/partner-projects/${id}/leave`)).body.error.code).toBe(
      'partner_project_not_joined',
    );
    expect((await post(c.r13, `/api/partner-projects/${id}/join`)).status).toBe(200);
    expect((await post(c.tian, `/api/partner-projects/${id}/join`)).body.error.code).toBe(
      'partner_project_full',
    );
    const rows = await t.db
      .select()
      .from(partnerProjectParticipant)
      .where(eq(partnerProjectParticipant.projectId, id));
    expect(rows.filter((x) => x.leftAt === null)).toHaveLength(2);
    // "mine" finds it for a participant.
    const mine = await get(c.r15, '/api/partner-projects?mine=true');
    expect(mine.body.items.map((p: { id: string }) => p.id)).toContain(id);
  });

  it('lists: a resident sees their community and compound projects; staff B sees none of A; search and filter', async () => {
    const res = await get(c.tian, '/api/partner-projects?pageSize=200');
    expect(res.status).toBe(200);
    const names = new Set(res.body.items.map((p: { orgUnitName: string }) => p.orgUnitName));
    expect([...names].every((n) => n === '春熙社区' || n === '幸福家园小区')).toBe(true);
    expect((await get(c.staffB, '/api/partner-projects')).body.total).toBe(0);
    const staff = await get(c.staffA, '/api/partner-projects?state=finished&pageSize=5');
    expect(staff.body.items).toHaveLength(5);
    expect(staff.body.total).toBeGreaterThanOrEqual(14);
    expect(staff.body.items.every((p: { state: string }) => p.state === 'finished')).toBe(true);
    const q = await get(c.staffA, '/api/partner-projects?q=义剪');
    expect(q.body.items.length).toBeGreaterThan(0);
    expect(
      q.body.items.every((p: { title: string; description: string }) =>
        `${p.title}${p.description}`.includes('义剪'),
      ),
    ).toBe(true);
    expect((await get(c.staffA, '/api/partner-projects?state=flying')).status).toBe(422);
  });

  it('figures count partners by talent and compound, projects by state and kind, in scope', async () => {
    expect((await get(c.tian, '/api/partner-projects/figures')).status).toBe(403);
    const f = await get(c.staffA, '/api/partner-projects/figures');
    expect(f.status).toBe(200);
    const [n] = await execRows<{ n: number }>(
      t.db,
      sql`select count(*)::int n from partner where state = 'approved'`,
    );
    expect(f.body.partners).toBe(Number(n.n));
    expect(f.body.byState.reduce((a: number, s: { count: number }) => a + s.count, 0)).toBe(f.body.projects);
    expect(f.body.byCompound.reduce((a: number, s: { count: number }) => a + s.count, 0)).toBe(
      f.body.partners,
    );
    expect(f.body.byTalent.find((x: { key: string }) => x.key === 'painting').label).toBe('绘画');
    const b = await get(c.staffB, '/api/partner-projects/figures');
    expect(b.body).toMatchObject({ partners: 0, projects: 0, participants: 0 });
  });
});
