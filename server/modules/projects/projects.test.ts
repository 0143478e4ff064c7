import { and, count, desc, eq, like } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoLandmarks } from '../../../test/demo-ids.ts';
import { type TestApp, testApp } from '../../../test/harness.ts';
import { hashPassword } from '../../platform/password.ts';
import { auditEvent } from '../../platform/schema.ts';
import { createUser } from '../../platform/users.ts';
import { membersOf } from '../org/index.ts';
import { livelihoodProject, projectPlan, projectRating } from './schema.ts';
import { weekOf } from './views.ts';

let t: TestApp;
let d: Awaited<ReturnType<typeof demoLandmarks>>;
let c: Record<'staffA' | 'staffB' | 'subAdmin' | 'grid' | 'tian' | 'leader' | 'residentB', string>;
let doneA: typeof livelihoodProject.$inferSelect;
let openA: typeof livelihoodProject.$inferSelect;
const b: Record<string, string> = {};

const day = (date: string) => new Date(`${date}T04:00:00Z`); // noon in Shanghai

async function createB(n: string, deadline: string, unit: string, budgetYuan: number) {
  const res = await t.call({
    method: 'POST',
    url: '/api/projects',
    cookie: c.staffB,
    body: {
      orgUnitId: d.communityB.id,
      year: 2026,
      title: `测试项目${n}`,
      category: 'facility',
      responsibleUnit: unit,
      leadName: '杨建国',
      deadline,
      budgetFen: budgetYuan * 100,
      milestones: [{ title: '施工', ownerName: '杨建国', dueDate: deadline }],
    },
  });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  b[n] = res.body.id;
  return res.body;
}
async function setTimes(id: string, v: { state: string; startedAt?: string | null; doneAt?: string | null }) {
  await t.db
    .update(livelihoodProject)
    .set({
      state: v.state,
      startedAt: v.startedAt ? day(v.startedAt) : null,
      doneAt: v.doneAt ? day(v.doneAt) : null,
    })
    .where(eq(livelihoodProject.id, id));
}

beforeAll(async () => {
  t = await testApp();
  d = await demoLandmarks(t.db);
  const pw = await hashPassword('Linli@2026');
  // A building leader of 田先生's building (reads the community's list), and a resident of community B.
  await createUser(t.db, {
    phone: '13900000081',
    displayName: '楼栋长甲',
    passwordHash: pw,
    grants: [
      { role: 'building_leader', orgUnitId: d.ownHousehold.buildingId, orgPath: d.ownHousehold.orgPath },
    ],
  });
  const [neighbourB] = await membersOf(t.db, d.siblingCommunity.id);
  await createUser(t.db, {
    phone: '13900000082',
    displayName: neighbourB.name,
    passwordHash: pw,
    personId: neighbourB.personId,
    grants: [
      {
        role: 'resident',
        orgUnitId: d.siblingCommunity.buildingId,
        orgPath: d.siblingCommunity.orgPath,
        householdId: d.siblingCommunity.id,
      },
    ],
  });
  c = {
    staffA: await t.login('13900000003'),
    staffB: await t.login('13900000004'),
    subAdmin: await t.login('13900000002'),
    grid: await t.login('13900000005'),
    tian: await t.login('13900000007'),
    leader: await t.login('13900000081'),
    residentB: await t.login('13900000082'),
  };
  const projectsA = await t.db
    .select()
    .from(livelihoodProject)
    .where(eq(livelihoodProject.orgUnitId, d.communityA.id))
    .orderBy(livelihoodProject.number);
  doneA = projectsA.find((p) => p.state === 'done')!;
  openA = projectsA.find((p) => p.state === 'in_progress')!;

  // Community B's list, with times fixed so the views can be checked at a fixed date.
  await createB('b1', '2026-06-09', '甲单位', 1000);
  await createB('b2', '2026-06-10', '甲单位', 2000);
  await createB('b3', '2026-06-14', '乙单位', 3000);
  await createB('b4', '2026-06-15', '乙单位', 4000);
  await createB('b5', '2026-05-01', '乙单位', 5000);
  await createB('b6', '2026-06-08', '甲单位', 6000);
  await createB('b7', '2026-03-31', '甲单位', 7000);
  await createB('b8', '2026-06-20', '丙单位', 8000);
  await setTimes(b.b2, { state: 'in_progress', startedAt: '2026-05-20' });
  await setTimes(b.b4, { state: 'done', startedAt: '2026-05-01', doneAt: '2026-06-05' });
  await setTimes(b.b6, { state: 'done', startedAt: '2026-05-01', doneAt: '2026-06-09' });
  await setTimes(b.b7, { state: 'done', startedAt: '2026-03-01', doneAt: '2026-04-02' });
  await setTimes(b.b8, { state: 'done', startedAt: '2026-06-01', doneAt: '2026-07-01' });
  await t.db.update(livelihoodProject).set({ spentFen: 100_00 }).where(eq(livelihoodProject.id, b.b4));
});
afterAll(() => t?.close());

describe('demo data', () => {
  it('holds 春熙社区 2026 list of 100 projects, ~70% done, some overdue, some rated, and 3 plans', async () => {
    const rows = await t.db
      .select()
      .from(livelihoodProject)
      .where(eq(livelihoodProject.orgUnitId, d.communityA.id));
    expect(rows).toHaveLength(100);
    expect(new Set(rows.map((r) => r.title)).size).toBe(100);
    const done = rows.filter((r) => r.state === 'done').length;
    expect(done).toBeGreaterThanOrEqual(65);
    expect(done).toBeLessThanOrEqual(80);
    expect(rows.filter((r) => r.state !== 'done' && r.deadline < '2026-11-20').length).toBeGreaterThan(3);
    expect(new Set(rows.map((r) => r.category)).size).toBeGreaterThanOrEqual(5);
    const [{ n }] = await t.db.select({ n: count() }).from(projectRating);
    expect(n).toBeGreaterThan(50);
    const plans = await t.db.select().from(projectPlan).where(eq(projectPlan.orgUnitId, d.communityA.id));
    expect(plans.map((p) => p.title).sort()).toEqual(
      ['历史遗留产权问题专班', '老旧小区停车难专班', '高空抛物治理专班'].sort(),
    );
  });
});

describe('projects: 401, 403, 404 out of scope, success', () => {
  it('list', async () => {
    expect((await t.call({ url: '/api/projects' })).status).toBe(401);
    expect((await t.call({ url: '/api/projects', cookie: c.tian })).status).toBe(403);
    expect((await t.call({ url: '/api/projects', cookie: c.grid })).status).toBe(403);
    const mineB = await t.call({ url: '/api/projects?pageSize=200', cookie: c.staffB });
    expect(mineB.status).toBe(200);
    expect(mineB.body.total).toBe(8);
    expect(mineB.body.items.every((p: { orgUnitId: string }) => p.orgUnitId === d.communityB.id)).toBe(true);
    const a = await t.call({
      url: '/api/projects?pageSize=10&state=done&category=service',
      cookie: c.staffA,
    });
    expect(a.status).toBe(200);
    expect(a.body.items.length).toBeGreaterThan(0);
    expect(
      a.body.items.every(
        (p: { state: string; category: string }) => p.state === 'done' && p.category === 'service',
      ),
    ).toBe(true);
    const delayed = await t.call({ url: '/api/projects?delayed=true&pageSize=200', cookie: c.staffA });
    expect(delayed.body.items.every((p: { delayed: boolean }) => p.delayed)).toBe(true);
    expect(delayed.body.total).toBeGreaterThan(0);
    // The subdistrict sees both communities; the building leader reads the community's list.
    const sub = await t.call({ url: '/api/projects?pageSize=1', cookie: c.subAdmin });
    expect(sub.body.total).toBe(108);
    const leader = await t.call({ url: '/api/projects?pageSize=1', cookie: c.leader });
    expect(leader.body.total).toBe(100);
    expect(leader.body.items[0].allowed).toEqual(['projects:read']);
  });

  it('detail', async () => {
    const url = `/api/projects/${doneA.id}`;
    expect((await t.call({ url })).status).toBe(401);
    expect((await t.call({ url, cookie: c.tian })).status).toBe(403);
    expect((await t.call({ url, cookie: c.staffB })).status).toBe(404);
    const res = await t.call({ url, cookie: c.staffA });
    expect(res.status).toBe(200);
    expect(res.body.milestones).toHaveLength(3);
    expect(res.body.actions).toEqual(['reopen']);
    expect((await t.call({ url, cookie: c.leader })).body.actions).toEqual([]);
  });

  it('create, edit, progress with photos, complete; audited', async () => {
    const body = {
      orgUnitId: d.communityA.id,
      year: 2026,
      title: '春熙社区长者食堂扩容',
      category: 'service',
      responsibleUnit: '春熙社区居委会',
      leadName: '孙社工',
      deadline: '2026-12-20',
      budgetFen: 1_500_000,
    };
    expect((await t.call({ method: 'POST', url: '/api/projects', body })).status).toBe(401);
    expect((await t.call({ method: 'POST', url: '/api/projects', body, cookie: c.leader })).status).toBe(403);
    expect((await t.call({ method: 'POST', url: '/api/projects', body, cookie: c.staffB })).status).toBe(404);
    const created = await t.call({ method: 'POST', url: '/api/projects', body, cookie: c.staffA });
    expect(created.status, JSON.stringify(created.body)).toBe(200);
    expect(created.body.number).toBe(101);
    expect(created.body.state).toBe('planned');
    const id = created.body.id;
    // The same number again is refused.
    const dup = await t.call({
      method: 'POST',
      url: '/api/projects',
      body: { ...body, number: 101 },
      cookie: c.staffA,
    });
    expect(dup.status).toBe(409);
    expect(dup.body.error.code).toBe('project_number_taken');

    const patch = { title: '春熙社区长者食堂扩容（二期）' };
    expect((await t.call({ method: 'PATCH', url: `/api/projects/${id}`, body: patch })).status).toBe(401);
    expect(
      (await t.call({ method: 'PATCH', url: `/api/projects/${id}`, body: patch, cookie: c.leader })).status,
    ).toBe(403);
    expect(
      (await t.call({ method: 'PATCH', url: `/api/projects/${id}`, body: patch, cookie: c.staffB })).status,
    ).toBe(404);
    const edited = await t.call({
      method: 'PATCH',
      url: `/api/projects/${id}`,
      body: patch,
      cookie: c.staffA,
    });
    expect(edited.body.title).toBe(patch.title);

    const photo = '00000000-0000-4000-8000-000000000001';
    const update = { note: '完成厨房改造', photoIds: [photo], spentFen: 600_000 };
    const u = `/api/projects/${id}/updates`;
    expect((await t.call({ method: 'POST', url: u, body: update })).status).toBe(401);
    expect((await t.call({ method: 'POST', url: u, body: update, cookie: c.leader })).status).toBe(403);
    expect((await t.call({ method: 'POST', url: u, body: update, cookie: c.staffB })).status).toBe(404);
    const progressed = await t.call({ method: 'POST', url: u, body: update, cookie: c.staffA });
    expect(progressed.status).toBe(200);
    expect(progressed.body.state).toBe('in_progress');
    expect(progressed.body.spentFen).toBe(600_000);
    expect(progressed.body.updates[0].photoIds).toEqual([photo]);

    const tr = `/api/projects/${id}/transitions`;
    expect((await t.call({ method: 'POST', url: tr, body: { action: 'complete' } })).status).toBe(401);
    expect(
      (await t.call({ method: 'POST', url: tr, body: { action: 'complete' }, cookie: c.leader })).status,
    ).toBe(403);
    expect(
      (await t.call({ method: 'POST', url: tr, body: { action: 'complete' }, cookie: c.staffB })).status,
    ).toBe(404);
    const illegal = await t.call({ method: 'POST', url: tr, body: { action: 'start' }, cookie: c.staffA });
    expect(illegal.status).toBe(409);
    expect(illegal.body.error.code).toBe('illegal_transition');
    const done = await t.call({
      method: 'POST',
      url: tr,
      body: { action: 'complete', note: '验收通过' },
      cookie: c.staffA,
    });
    expect(done.body.state).toBe('done');
    expect(done.body.doneAt).not.toBeNull();
    const audits = await t.db
      .select({ action: auditEvent.action })
      .from(auditEvent)
      .where(and(eq(auditEvent.subjectId, id), like(auditEvent.action, 'projects.%')));
    expect(audits.map((a) => a.action).sort()).toEqual(
      [
        'projects.project_completed',
        'projects.project_created',
        'projects.project_progress_recorded',
        'projects.project_updated',
      ].sort(),
    );
  });

  it('milestones are marked done by managers only', async () => {
    const detail = await t.call({ url: `/api/projects/${openA.id}`, cookie: c.staffA });
    const ms = detail.body.milestones.find((m: { doneAt: string | null }) => !m.doneAt);
    const url = `/api/projects/milestones/${ms.id}`;
    expect((await t.call({ method: 'POST', url, body: { done: true } })).status).toBe(401);
    expect((await t.call({ method: 'POST', url, body: { done: true }, cookie: c.leader })).status).toBe(403);
    expect((await t.call({ method: 'POST', url, body: { done: true }, cookie: c.staffB })).status).toBe(404);
    const res = await t.call({ method: 'POST', url, body: { done: true }, cookie: c.staffA });
    expect(res.status).toBe(200);
    expect(res.body.doneAt).not.toBeNull();
  });

  it('completing a project closes its open milestones', async () => {
    const [other] = await t.db
      .select()
      .from(livelihoodProject)
      .where(
        and(eq(livelihoodProject.orgUnitId, d.communityA.id), eq(livelihoodProject.state, 'in_progress')),
      )
      .orderBy(desc(livelihoodProject.number))
      .limit(1);
    const res = await t.call({
      method: 'POST',
      url: `/api/projects/${other.id}/transitions`,
      body: { action: 'complete' },
      cookie: c.staffA,
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.milestones.length).toBe(3);
    expect(res.body.milestones.every((m: { doneAt: string | null }) => m.doneAt)).toBe(true);
  });

  it('bad input is 422 and changes nothing', async () => {
    const before = await t.db.select().from(livelihoodProject).where(eq(livelihoodProject.id, openA.id));
    for (const body of [
      { deadline: '2026-13-45' },
      { budgetFen: -5 },
      { category: 'party' },
      { title: '' },
    ]) {
      const res = await t.call({ method: 'PATCH', url: `/api/projects/${openA.id}`, body, cookie: c.staffA });
      expect(res.status).toBe(422);
      expect(res.body.error.code).toBe('validation_failed');
    }
    const unknownPartner = await t.call({
      method: 'PATCH',
      url: `/api/projects/${openA.id}`,
      body: { partnerUnitId: '00000000-0000-4000-8000-000000000009', title: '改了' },
      cookie: c.staffA,
    });
    expect(unknownPartner.status).toBe(422);
    const after = await t.db.select().from(livelihoodProject).where(eq(livelihoodProject.id, openA.id));
    expect(after).toEqual(before);
    // A project is never placed on a compound or a building.
    const wrongUnit = await t.call({
      method: 'POST',
      url: '/api/projects',
      cookie: c.staffA,
      body: {
        orgUnitId: d.ownHousehold.buildingId,
        year: 2026,
        title: 'x',
        category: 'service',
        responsibleUnit: 'y',
        leadName: 'z',
        deadline: '2026-12-01',
        budgetFen: 0,
      },
    });
    expect(wrongUnit.status).toBe(422);
    expect(wrongUnit.body.error.code).toBe('project_unit_invalid');
  });
});

describe('周调度、月研判、季总结 at fixed dates', () => {
  it('weekly board: due this week and overdue per responsible unit', async () => {
    expect(weekOf('2026-06-10')).toEqual({ start: '2026-06-08', end: '2026-06-14' });
    expect(weekOf('2026-06-14')).toEqual({ start: '2026-06-08', end: '2026-06-14' });
    expect(weekOf('2026-06-08')).toEqual({ start: '2026-06-08', end: '2026-06-14' });
    const url = `/api/projects/weekly?orgUnitId=${d.communityB.id}&date=2026-06-10`;
    expect((await t.call({ url })).status).toBe(401);
    expect((await t.call({ url, cookie: c.tian })).status).toBe(403);
    expect((await t.call({ url, cookie: c.staffA })).status).toBe(404);
    const res = await t.call({ url, cookie: c.staffB });
    expect(res.status).toBe(200);
    expect(res.body.weekStart).toBe('2026-06-08');
    expect(res.body.totals).toEqual({ dueThisWeek: 2, overdue: 2, doneThisWeek: 1 });
    const unit = (name: string) =>
      res.body.units.find((u: { responsibleUnit: string }) => u.responsibleUnit === name);
    const ids = (xs: { id: string }[]) => xs.map((x) => x.id);
    expect(ids(unit('甲单位').overdue)).toEqual([b.b1]);
    expect(unit('甲单位').overdue[0].daysOverdue).toBe(1);
    expect(ids(unit('甲单位').dueThisWeek)).toEqual([b.b2]);
    expect(ids(unit('乙单位').overdue)).toEqual([b.b5]);
    expect(unit('乙单位').overdue[0].daysOverdue).toBe(40);
    expect(ids(unit('乙单位').dueThisWeek)).toEqual([b.b3]);
    expect(unit('丙单位')).toBeUndefined();
  });

  it('monthly review: due, done, in progress, overdue and budgets per month', async () => {
    const url = `/api/projects/monthly?orgUnitId=${d.communityB.id}&year=2026&date=2026-06-10`;
    expect((await t.call({ url })).status).toBe(401);
    expect((await t.call({ url, cookie: c.tian })).status).toBe(403);
    expect((await t.call({ url, cookie: c.staffA })).status).toBe(404);
    const res = await t.call({ url, cookie: c.staffB });
    expect(res.status).toBe(200);
    const m = (k: string) => res.body.months.find((x: { month: string }) => x.month === k);
    expect(m('2026-06')).toEqual({
      month: '2026-06',
      due: 6,
      done: 2,
      inProgress: 2,
      planned: 1,
      overdue: 1,
      completedInMonth: 2,
      budgetPlannedFen: (1000 + 2000 + 3000 + 4000 + 6000 + 8000) * 100,
      budgetSpentFen: 100_00,
    });
    expect(m('2026-05')).toMatchObject({ due: 1, overdue: 1, done: 0 });
    expect(m('2026-03')).toMatchObject({ due: 1, done: 1, completedInMonth: 0 });
    expect(m('2026-04')).toMatchObject({ due: 0, completedInMonth: 1 });
    expect(res.body.total).toMatchObject({
      due: 8,
      done: 3,
      overdue: 2,
      inProgress: 2,
      planned: 1,
      completedInMonth: 3,
    });
  });

  it('quarterly summary and its Excel file', async () => {
    const qs = `orgUnitId=${d.communityB.id}&quarter=2026-Q2&date=2026-06-30`;
    expect((await t.call({ url: `/api/projects/quarterly?${qs}` })).status).toBe(401);
    expect((await t.call({ url: `/api/projects/quarterly?${qs}`, cookie: c.tian })).status).toBe(403);
    expect((await t.call({ url: `/api/projects/quarterly?${qs}`, cookie: c.staffA })).status).toBe(404);
    const res = await t.call({ url: `/api/projects/quarterly?${qs}`, cookie: c.staffB });
    expect(res.status).toBe(200);
    expect(res.body.totals).toMatchObject({
      due: 7,
      done: 2,
      doneOnTime: 1,
      overdue: 5,
      yearTotal: 8,
      yearDone: 3,
    });
    expect(res.body.projects.map((p: { number: number }) => p.number)).toEqual([1, 2, 3, 4, 5, 6, 8]);

    expect((await t.call({ url: `/api/projects/quarterly/export?${qs}`, cookie: c.staffA })).status).toBe(
      404,
    );
    const file = await t.app.inject({
      url: `/api/projects/quarterly/export?${qs}`,
      headers: { cookie: c.staffB },
    });
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-type']).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(file.rawPayload as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['汇总', '项目清单', '按类别', '按责任单位']);
    const rows: unknown[][] = [];
    wb.getWorksheet('项目清单')!.eachRow((r) => rows.push((r.values as unknown[]).slice(1)));
    expect(rows[0][0]).toBe('编号');
    expect(rows.slice(1).map((r) => r[0])).toEqual([1, 2, 3, 4, 5, 6, 8]);
    expect(rows[4].slice(0, 10)).toEqual([
      4,
      '测试项目b4',
      '设施改造',
      '乙单位',
      '杨建国',
      '2026-06-15',
      '已完成',
      '',
      4000,
      100,
    ]);
    const overview: unknown[][] = [];
    wb.getWorksheet('汇总')!.eachRow((r) => overview.push((r.values as unknown[]).slice(1)));
    expect(overview).toContainEqual(['本季度到期项目', 7]);
    expect(overview).toContainEqual(['逾期未完成', 5]);
  });

  it('neutralises formulas in the Excel file', async () => {
    await t.call({
      method: 'PATCH',
      url: `/api/projects/${b.b1}`,
      body: { title: '=HYPERLINK("x")' },
      cookie: c.staffB,
    });
    const file = await t.app.inject({
      url: `/api/projects/quarterly/export?orgUnitId=${d.communityB.id}&quarter=2026-Q2`,
      headers: { cookie: c.staffB },
    });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(file.rawPayload as unknown as ArrayBuffer);
    const cell = wb.getWorksheet('项目清单')!.getRow(2).getCell(2);
    expect(cell.value).toBe('\'=HYPERLINK("x")');
  });
});

describe('resident ratings', () => {
  it('the resident sees their community list with what they may rate', async () => {
    expect((await t.call({ url: '/api/projects/resident' })).status).toBe(401);
    expect((await t.call({ url: '/api/projects/resident', cookie: c.staffA })).status).toBe(403);
    const res = await t.call({ url: '/api/projects/resident?year=2026&pageSize=200', cookie: c.tian });
    expect(res.status).toBe(200);
    expect(res.body.total).toBe(101);
    const item = res.body.items.find((p: { id: string }) => p.id === doneA.id);
    expect(item.canRate).toBe(true);
    expect(res.body.items.find((p: { id: string }) => p.id === openA.id).canRate).toBe(false);
  });

  it('only when done, only by residents of that community, once', async () => {
    const url = (id: string) => `/api/projects/${id}/ratings`;
    const body = { score: 5, comment: '很满意' };
    expect((await t.call({ method: 'POST', url: url(doneA.id), body })).status).toBe(401);
    expect((await t.call({ method: 'POST', url: url(doneA.id), body, cookie: c.staffA })).status).toBe(403);
    expect((await t.call({ method: 'POST', url: url(doneA.id), body, cookie: c.residentB })).status).toBe(
      404,
    );
    const notDone = await t.call({ method: 'POST', url: url(openA.id), body, cookie: c.tian });
    expect(notDone.status).toBe(409);
    expect(notDone.body.error.code).toBe('project_not_done');
    const bad = await t.call({ method: 'POST', url: url(doneA.id), body: { score: 6 }, cookie: c.tian });
    expect(bad.status).toBe(422);
    const countFor = async () =>
      (await t.db.select({ n: count() }).from(projectRating).where(eq(projectRating.projectId, doneA.id)))[0]
        .n;
    const before = await countFor();
    const ok = await t.call({ method: 'POST', url: url(doneA.id), body, cookie: c.tian });
    expect(ok.status).toBe(200);
    expect(ok.body).toEqual({ score: 5, comment: '很满意' });
    const again = await t.call({ method: 'POST', url: url(doneA.id), body: { score: 1 }, cookie: c.tian });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('project_already_rated');
    expect(await countFor()).toBe(before + 1);
    const list = await t.call({ url: '/api/projects/resident?pageSize=200&state=done', cookie: c.tian });
    const mine = list.body.items.find((p: { id: string }) => p.id === doneA.id);
    expect(mine.myRating).toEqual({ score: 5, comment: '很满意' });
    expect(mine.canRate).toBe(false);
  });
});

describe('一事一策 plans', () => {
  let planId: string;
  it('create with task force and milestones, publish, progress; scoped', async () => {
    const body = {
      orgUnitId: d.communityA.id,
      title: '电动车进楼专班',
      problem: '多栋楼道停放电动车充电，火灾隐患',
      goal: '楼道电动车清零',
      taskForce: [
        { name: '孙社工', unit: '春熙社区', role: '组长', kind: 'official' },
        { name: '田志明', unit: '居民代表', role: '成员', kind: 'resident' },
      ],
      milestones: [
        { title: '摸排', ownerName: '孙社工', dueDate: '2026-12-10' },
        { title: '建充电棚', ownerName: '田志明', dueDate: '2027-03-31' },
      ],
    };
    expect((await t.call({ method: 'POST', url: '/api/projects/plans', body })).status).toBe(401);
    expect(
      (await t.call({ method: 'POST', url: '/api/projects/plans', body, cookie: c.leader })).status,
    ).toBe(403);
    expect(
      (await t.call({ method: 'POST', url: '/api/projects/plans', body, cookie: c.staffB })).status,
    ).toBe(404);
    const bad = await t.call({
      method: 'POST',
      url: '/api/projects/plans',
      body: { ...body, caseId: '00000000-0000-4000-8000-000000000009' },
      cookie: c.staffA,
    });
    expect(bad.status).toBe(422);
    const res = await t.call({ method: 'POST', url: '/api/projects/plans', body, cookie: c.staffA });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    planId = res.body.id;
    expect(res.body.state).toBe('draft');
    expect(res.body.milestones).toHaveLength(2);
    expect(res.body.actions).toEqual(['publish']);

    expect((await t.call({ url: `/api/projects/plans/${planId}` })).status).toBe(401);
    expect((await t.call({ url: `/api/projects/plans/${planId}`, cookie: c.tian })).status).toBe(403);
    expect((await t.call({ url: `/api/projects/plans/${planId}`, cookie: c.staffB })).status).toBe(404);
    expect((await t.call({ url: `/api/projects/plans/${planId}`, cookie: c.leader })).status).toBe(200);
    const listB = await t.call({ url: '/api/projects/plans', cookie: c.staffB });
    expect(listB.body.total).toBe(0);
    const listA = await t.call({ url: '/api/projects/plans', cookie: c.staffA });
    expect(listA.body.total).toBe(4);

    // Drafts are not public.
    expect((await t.call({ url: `/api/public/plans/${planId}` })).status).toBe(404);
    const tr = `/api/projects/plans/${planId}/transitions`;
    expect(
      (await t.call({ method: 'POST', url: tr, body: { action: 'publish' }, cookie: c.leader })).status,
    ).toBe(403);
    expect(
      (await t.call({ method: 'POST', url: tr, body: { action: 'publish' }, cookie: c.staffB })).status,
    ).toBe(404);
    const pub = await t.call({ method: 'POST', url: tr, body: { action: 'publish' }, cookie: c.staffA });
    expect(pub.body.state).toBe('published');
    const up = await t.call({
      method: 'POST',
      url: `/api/projects/plans/${planId}/updates`,
      body: { note: '完成3栋楼摸排', photoIds: [] },
      cookie: c.staffA,
    });
    expect(up.status).toBe(200);
    expect(up.body.updates[0].note).toBe('完成3栋楼摸排');
  });

  it('edits keep milestone state; bad edits are 422 and change nothing', async () => {
    const plan = (await t.call({ url: `/api/projects/plans/${planId}`, cookie: c.staffA })).body;
    await t.call({
      method: 'POST',
      url: `/api/projects/milestones/${plan.milestones[0].id}`,
      body: { done: true },
      cookie: c.staffA,
    });
    const edited = await t.call({
      method: 'PATCH',
      url: `/api/projects/plans/${planId}`,
      cookie: c.staffA,
      body: {
        milestones: [
          {
            id: plan.milestones[0].id,
            title: '摸排（全部楼栋）',
            ownerName: '孙社工',
            dueDate: '2026-12-10',
          },
          { title: '宣传', ownerName: '孙社工', dueDate: '2027-01-10' },
        ],
      },
    });
    expect(edited.status).toBe(200);
    expect(edited.body.milestones.map((m: { title: string }) => m.title)).toEqual([
      '摸排（全部楼栋）',
      '宣传',
    ]);
    expect(edited.body.milestones[0].doneAt).not.toBeNull();
    const [before] = await t.db.select().from(projectPlan).where(eq(projectPlan.id, planId));
    const bad = await t.call({
      method: 'PATCH',
      url: `/api/projects/plans/${planId}`,
      body: { title: '', goal: 'x' },
      cookie: c.staffA,
    });
    expect(bad.status).toBe(422);
    const [after] = await t.db.select().from(projectPlan).where(eq(projectPlan.id, planId));
    expect(after).toEqual(before);
  });

  it('public progress page masks private persons and shows no private data', async () => {
    const res = await t.call({ url: `/api/public/plans/${planId}` });
    expect(res.status).toBe(200);
    expect(res.body.taskForce).toEqual([
      { name: '孙社工', unit: '春熙社区', role: '组长' },
      { name: '田*明', unit: '居民代表', role: '成员' },
    ]);
    expect(res.raw.body).not.toContain('田志明');
    expect(res.raw.body).not.toContain('personId');
    expect(res.body.milestones.map((m: { ownerName: string }) => m.ownerName)).toEqual(['孙社工', '孙社工']);
  });
});

describe('public project list', () => {
  it('shows the year with states and ratings, lead names masked, no money or ids of persons', async () => {
    const res = await t.call({ url: `/api/public/communities/${d.communityA.id}/projects?year=2026` });
    expect(res.status).toBe(200);
    expect(res.body.total).toBe(101);
    expect(res.body.plans.length).toBe(4);
    const item = res.body.items.find((p: { id: string }) => p.id === doneA.id);
    expect(item.ratingCount).toBeGreaterThan(0);
    expect(item.leadName).toMatch(/\*/);
    expect(res.raw.body).not.toContain('budgetFen');
    expect(res.raw.body).not.toContain('personId');
    const [p] = await t.db.select().from(livelihoodProject).where(eq(livelihoodProject.id, doneA.id));
    expect(res.raw.body).not.toContain(`"${p.leadName}"`);
    expect(
      (await t.call({ url: `/api/public/communities/${d.ownHousehold.buildingId}/projects` })).status,
    ).toBe(404);
  });
});
