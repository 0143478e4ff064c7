import { and, asc, eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoLandmarks } from '../../../test/demo-ids.ts';
import { type TestApp, testApp } from '../../../test/harness.ts';
import { auditEvent, userAccount } from '../../platform/schema.ts';
import { grid, gridBuilding, orgUnit } from './schema.ts';

// Grids: each covers buildings of one community (a building lies in at most one) and has a grid worker.

let t: TestApp;
let c: Record<'district' | 'staffA' | 'staffB' | 'grid' | 'resident' | 'dept', string>;
let d: Awaited<ReturnType<typeof demoLandmarks>>;
let gridsA: (typeof grid.$inferSelect)[];
let compoundA: typeof orgUnit.$inferSelect;
let buildingsOfGrid0: string[];
let gridWorkerA: string;
let staffAUser: string;

async function snapshot() {
  return [
    await t.db.select().from(grid).orderBy(asc(grid.id)),
    await t.db.select().from(gridBuilding).orderBy(asc(gridBuilding.buildingId)),
  ];
}

async function userId(phone: string) {
  const [u] = await t.db.select({ id: userAccount.id }).from(userAccount).where(eq(userAccount.phone, phone));
  return u.id;
}

beforeAll(async () => {
  t = await testApp();
  d = await demoLandmarks(t.db);
  c = {
    district: await t.login('13900000001'),
    staffA: await t.login('13900000003'),
    staffB: await t.login('13900000004'),
    grid: await t.login('13900000005'),
    resident: await t.login('13900000007'),
    dept: await t.login('13900000008'),
  };
  gridsA = await t.db.select().from(grid).where(eq(grid.orgUnitId, d.communityA.id)).orderBy(asc(grid.name));
  [compoundA] = await t.db.select().from(orgUnit).where(eq(orgUnit.name, '幸福家园小区'));
  const [g0] = await t.db.select().from(grid).where(eq(grid.name, '幸福家园小区网格'));
  buildingsOfGrid0 = (await t.db.select().from(gridBuilding).where(eq(gridBuilding.gridId, g0.id))).map(
    (b) => b.buildingId,
  );
  gridWorkerA = await userId('13900000005');
  staffAUser = await userId('13900000003');
});
afterAll(() => t.close());

describe('GET /api/grids', () => {
  it('401 without a session, 403 without grid:read', async () => {
    expect((await t.call({ url: '/api/grids' })).status).toBe(401);
    expect((await t.call({ url: '/api/grids', cookie: c.resident })).status).toBe(403);
    expect((await t.call({ url: '/api/grids', cookie: c.dept })).status).toBe(403);
  });

  it("lists the community's grids with buildings, household counts and the worker", async () => {
    const res = await t.call({ url: '/api/grids', cookie: c.grid });
    expect(res.status).toBe(200);
    expect(res.body.total).toBe(3);
    const happy = res.body.items.find((g: { name: string }) => g.name === '幸福家园小区网格');
    expect(happy.buildings.map((b: { name: string }) => b.name)).toEqual([
      '1号楼',
      '2号楼',
      '3号楼',
      '4号楼',
      '5号楼',
    ]);
    expect(happy.buildings[0]).toMatchObject({ compoundId: compoundA.id, compoundName: '幸福家园小区' });
    expect(happy.householdCount).toBe(
      happy.buildings.reduce((s: number, b: { householdCount: number }) => s + b.householdCount, 0),
    );
    expect(happy.householdCount).toBeGreaterThan(100);
    expect(happy.worker).toEqual({ userId: gridWorkerA, displayName: '周网格', phone: '13900000005' });
    expect(happy).toMatchObject({ orgUnitId: d.communityA.id, orgUnitName: '春熙社区', allowed: [] });

    const b = await t.call({ url: '/api/grids', cookie: c.staffB });
    expect(b.body.total).toBe(3);
    expect(b.body.items.every((g: { orgUnitName: string }) => g.orgUnitName === '杨梅江社区')).toBe(true);
    expect(b.body.items[0].allowed).toEqual(['grid:write']);
  });

  it('filters by a compound or building through the buildings a grid covers', async () => {
    const byCompound = await t.call({ url: `/api/grids?orgUnitId=${compoundA.id}`, cookie: c.staffA });
    expect(byCompound.body.items.map((g: { name: string }) => g.name)).toEqual(['幸福家园小区网格']);
    const byBuilding = await t.call({
      url: `/api/grids?orgUnitId=${d.siblingBuildingUnit.id}`,
      cookie: c.staffA,
    });
    expect(byBuilding.body.total).toBe(1);
    const byCommunity = await t.call({ url: `/api/grids?orgUnitId=${d.communityA.id}`, cookie: c.district });
    expect(byCommunity.body.total).toBe(3);
    const foreign = await t.call({ url: `/api/grids?orgUnitId=${d.communityA.id}`, cookie: c.staffB });
    expect(foreign.body.total).toBe(0);
  });
});

describe('GET /api/grids/:id', () => {
  it('401, 403, 404 out of scope, then 200', async () => {
    const url = `/api/grids/${gridsA[0].id}`;
    expect((await t.call({ url })).status).toBe(401);
    expect((await t.call({ url, cookie: c.resident })).status).toBe(403);
    expect((await t.call({ url, cookie: c.staffB })).status).toBe(404);
    expect((await t.call({ url: `/api/grids/${crypto.randomUUID()}`, cookie: c.staffA })).status).toBe(404);
    const res = await t.call({ url, cookie: c.staffA });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      id: gridsA[0].id,
      buildings: expect.any(Array),
      allowed: ['grid:write'],
    });
  });
});

describe('POST /api/grids', () => {
  it('401, 403 for the grid worker, 404 for community B; unchanged', async () => {
    const before = await snapshot();
    const body = { orgUnitId: d.communityA.id, name: '新网格', buildingIds: [] };
    expect((await t.call({ method: 'POST', url: '/api/grids', body })).status).toBe(401);
    expect((await t.call({ method: 'POST', url: '/api/grids', cookie: c.grid, body })).status).toBe(403);
    expect((await t.call({ method: 'POST', url: '/api/grids', cookie: c.resident, body })).status).toBe(403);
    const b = await t.call({ method: 'POST', url: '/api/grids', cookie: c.staffB, body });
    expect([b.status, b.body.error.code]).toEqual([404, 'not_found']);
    expect(await snapshot()).toEqual(before);
  });

  it('409 for a building in another grid, 422 for wrong units or worker; unchanged', async () => {
    const before = await snapshot();
    const cases: [object, number, string][] = [
      [
        { orgUnitId: d.communityA.id, name: '抢楼网格', buildingIds: [buildingsOfGrid0[0]] },
        409,
        'building_in_other_grid',
      ],
      [{ orgUnitId: compoundA.id, name: '小区网格', buildingIds: [] }, 422, 'not_a_community'],
      [
        { orgUnitId: d.communityA.id, name: '越界网格', buildingIds: [d.siblingCommunity.buildingId] },
        422,
        'building_not_in_community',
      ],
      [{ orgUnitId: d.communityA.id, name: '小区当楼', buildingIds: [compoundA.id] }, 422, 'not_a_building'],
      [
        { orgUnitId: d.communityA.id, name: '无网格员', buildingIds: [], workerUserId: staffAUser },
        422,
        'not_a_grid_worker',
      ],
      [{ orgUnitId: d.communityA.id, name: '幸福家园小区网格', buildingIds: [] }, 409, 'duplicate_name'],
      [{ orgUnitId: d.communityA.id, name: '', buildingIds: [] }, 422, 'validation_failed'],
      [{ orgUnitId: d.communityA.id, name: '坏id', buildingIds: ['x'] }, 422, 'validation_failed'],
    ];
    for (const [body, status, code] of cases) {
      const res = await t.call({ method: 'POST', url: '/api/grids', cookie: c.staffA, body });
      expect([body, res.status, res.body.error.code]).toEqual([body, status, code]);
    }
    expect(await snapshot()).toEqual(before);
  });

  it('creates a grid from a freed building with a worker, audited', async () => {
    const freed = buildingsOfGrid0[4];
    const [g0] = await t.db.select().from(grid).where(eq(grid.name, '幸福家园小区网格'));
    const shrink = await t.call({
      method: 'PATCH',
      url: `/api/grids/${g0.id}`,
      cookie: c.staffA,
      body: { buildingIds: buildingsOfGrid0.slice(0, 4) },
    });
    expect(shrink.status).toBe(200);
    expect(shrink.body.buildings).toHaveLength(4);

    const res = await t.call({
      method: 'POST',
      url: '/api/grids',
      cookie: c.staffA,
      body: {
        orgUnitId: d.communityA.id,
        name: '幸福家园小区二网格',
        buildingIds: [freed, freed],
        workerUserId: gridWorkerA,
      },
    });
    expect(res.status).toBe(200);
    expect(res.body.buildings.map((b: { id: string }) => b.id)).toEqual([freed]);
    expect(res.body.worker.userId).toBe(gridWorkerA);
    const events = await t.db
      .select()
      .from(auditEvent)
      .where(and(eq(auditEvent.action, 'org.grid_created'), eq(auditEvent.subjectId, res.body.id)));
    expect(events).toHaveLength(1);
    expect(events[0].summary).toContain('周网格');
  });
});

describe('PATCH /api/grids/:id', () => {
  it('401, 403, 404 out of scope; unchanged', async () => {
    const before = await snapshot();
    const url = `/api/grids/${gridsA[1].id}`;
    expect((await t.call({ method: 'PATCH', url, body: { name: 'x' } })).status).toBe(401);
    expect((await t.call({ method: 'PATCH', url, cookie: c.grid, body: { name: 'x' } })).status).toBe(403);
    expect((await t.call({ method: 'PATCH', url, cookie: c.staffB, body: { name: 'x' } })).status).toBe(404);
    expect(await snapshot()).toEqual(before);
  });

  it('409 when taking a building from another grid; unchanged', async () => {
    const before = await snapshot();
    const target = gridsA.find((g) => g.name !== '幸福家园小区网格')!;
    const own = (await t.db.select().from(gridBuilding).where(eq(gridBuilding.gridId, target.id))).map(
      (b) => b.buildingId,
    );
    const res = await t.call({
      method: 'PATCH',
      url: `/api/grids/${target.id}`,
      cookie: c.staffA,
      body: { buildingIds: [...own, buildingsOfGrid0[0]] },
    });
    expect([res.status, res.body.error.code]).toEqual([409, 'building_in_other_grid']);
    expect(res.body.error.details).toMatchObject({
      buildingId: buildingsOfGrid0[0],
      gridName: '幸福家园小区网格',
    });
    expect(await snapshot()).toEqual(before);
  });

  it('renames, unassigns the worker, keeps buildings when omitted; audited', async () => {
    const target = gridsA[1];
    const own = await t.db.select().from(gridBuilding).where(eq(gridBuilding.gridId, target.id));
    const res = await t.call({
      method: 'PATCH',
      url: `/api/grids/${target.id}`,
      cookie: c.district,
      body: { name: `${target.name}（调整）`, workerUserId: null },
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ name: `${target.name}（调整）`, worker: null });
    expect(res.body.buildings).toHaveLength(own.length);
    const events = await t.db
      .select()
      .from(auditEvent)
      .where(and(eq(auditEvent.action, 'org.grid_updated'), inArray(auditEvent.subjectId, [target.id])));
    expect(events).toHaveLength(1);
    expect(events[0].summary).toContain('取消网格员');
  });
});
