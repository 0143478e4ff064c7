import { and, eq, like } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoLandmarks } from '../../../test/demo-ids.ts';
import { type TestApp, testApp } from '../../../test/harness.ts';
import { verifyAudit } from '../../platform/audit.ts';
import { auditEvent } from '../../platform/schema.ts';
import { orgUnit } from '../org/schema.ts';
import { caseCategory } from './schema.ts';

let t: TestApp;
let d: Awaited<ReturnType<typeof demoLandmarks>>;
let subdistrict: { id: string; name: string; parentId: string | null };
let district: { id: string; name: string };
const cookies: Record<string, string> = {};
beforeAll(async () => {
  t = await testApp();
  d = await demoLandmarks(t.db);
  [subdistrict] = await t.db.select().from(orgUnit).where(eq(orgUnit.id, d.communityA.parentId!));
  [district] = await t.db.select().from(orgUnit).where(eq(orgUnit.id, subdistrict.parentId!));
  for (const [k, phone] of Object.entries({
    staffA: '13900000003',
    staffB: '13900000004',
    grid: '13900000005',
    subdistrict: '13900000002',
    district: '13900000001',
  }))
    cookies[k] = await t.login(phone);
});
afterAll(async () => {
  expect(await verifyAudit(t.db)).toMatchObject({ ok: true });
  await t.close();
});

type Row = {
  code: string;
  name: string;
  source: string;
  definedAt: string | null;
  active: boolean;
  builtIn: boolean;
  resolveHours: number;
};
const catalogue = async (unitId: string, cookie: string) => {
  const r = await t.call({ url: `/api/cases/category-admin?orgUnitId=${unitId}`, cookie });
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  return r.body as { orgUnitName: string; items: Row[]; allowed: string[] };
};
const row = (items: Row[], code: string) => items.find((x) => x.code === code);
const body = (over: Record<string, unknown> = {}) => ({
  name: '楼道灯不亮',
  kinds: ['hazard', 'demand'],
  ruleCode: 'C03',
  checkHours: 24,
  acceptHours: 24,
  resolveHours: 72,
  respondHours: 24,
  rateDays: 7,
  active: true,
  ...over,
});
const put = (unitId: string, code: string, cookie: string | undefined, b: unknown = body()) =>
  t.call({ method: 'PUT', url: `/api/cases/category-admin/${unitId}/${code}`, cookie, body: b });
const del = (unitId: string, code: string, cookie: string) =>
  t.call({ method: 'DELETE', url: `/api/cases/category-admin/${unitId}/${code}`, cookie });
const report = (code: string, kind = 'hazard') =>
  t.call({
    method: 'POST',
    url: '/api/cases',
    cookie: cookies.grid,
    body: { kind, categoryCode: code, description: '测试分类的事项', orgUnitId: d.siblingBuildingUnit.id },
  });

describe('access', () => {
  it('401, 403 without cases:configure, 404 for a sibling community', async () => {
    expect((await t.call({ url: `/api/cases/category-admin?orgUnitId=${d.communityA.id}` })).status).toBe(
      401,
    );
    expect((await put(d.communityA.id, 'parking', undefined)).status).toBe(401);
    const g = await t.call({
      url: `/api/cases/category-admin?orgUnitId=${d.communityA.id}`,
      cookie: cookies.grid,
    });
    expect([g.status, g.body.error.code]).toEqual([403, 'forbidden']);
    expect((await put(d.communityA.id, 'parking', cookies.grid)).status).toBe(403);
    const b = await t.call({
      url: `/api/cases/category-admin?orgUnitId=${d.communityA.id}`,
      cookie: cookies.staffB,
    });
    expect([b.status, b.body.error.code]).toEqual([404, 'not_found']);
    const p = await put(d.communityA.id, 'parking', cookies.staffB);
    expect([p.status, p.body.error.code]).toEqual([404, 'not_found']);
    // Community staff see their subdistrict's catalogue? No: it is above their grant.
    const up = await t.call({
      url: `/api/cases/category-admin?orgUnitId=${subdistrict.id}`,
      cookie: cookies.staffA,
    });
    expect(up.status).toBe(404);
    expect((await t.db.select().from(caseCategory)).length).toBe(0);
  });
});

describe('overrides down the path', () => {
  it('the deepest row wins, a new case uses it, and deleting it restores what applies from above', async () => {
    const start = await catalogue(d.communityA.id, cookies.staffA);
    expect(start.orgUnitName).toBe('春熙社区');
    expect(start.allowed).toEqual(['cases:configure']);
    expect(row(start.items, 'stairwell_light')).toMatchObject({
      source: 'default',
      builtIn: true,
      definedAt: null,
    });

    // The subdistrict relaxes the SLA and renames the category for all its communities.
    await put(
      subdistrict.id,
      'stairwell_light',
      cookies.subdistrict,
      body({ name: '楼道照明（街道）', resolveHours: 96 }),
    );
    let now = await catalogue(d.communityA.id, cookies.staffA);
    expect(row(now.items, 'stairwell_light')).toMatchObject({
      source: 'inherited',
      definedAt: subdistrict.name,
      name: '楼道照明（街道）',
      resolveHours: 96,
    });
    // The community tightens it again; the district's own row above changes nothing below.
    const local = await put(
      d.communityA.id,
      'stairwell_light',
      cookies.staffA,
      body({ name: '楼道灯故障', resolveHours: 24 }),
    );
    expect(local.status, JSON.stringify(local.body)).toBe(200);
    expect(row(local.body.items, 'stairwell_light')).toMatchObject({
      source: 'local',
      name: '楼道灯故障',
      resolveHours: 24,
    });
    expect(
      (await put(district.id, 'stairwell_light', cookies.district, body({ name: '楼道灯（区）' }))).status,
    ).toBe(200);
    now = await catalogue(d.communityA.id, cookies.staffA);
    expect(row(now.items, 'stairwell_light')).toMatchObject({ source: 'local', name: '楼道灯故障' });
    // Community B (same subdistrict) gets the subdistrict's row.
    const b = await catalogue(d.communityB.id, cookies.staffB);
    expect(row(b.items, 'stairwell_light')).toMatchObject({ source: 'inherited', name: '楼道照明（街道）' });

    const first = await report('stairwell_light');
    expect(first.status, JSON.stringify(first.body)).toBe(200);
    expect(first.body.categoryName).toBe('楼道灯故障');
    const cats = await t.call({
      url: `/api/cases/categories?orgUnitId=${d.siblingBuildingUnit.id}`,
      cookie: cookies.grid,
    });
    expect(cats.body.items.find((c: { code: string }) => c.code === 'stairwell_light').name).toBe(
      '楼道灯故障',
    );

    const gone = await del(d.communityA.id, 'stairwell_light', cookies.staffA);
    expect(gone.status).toBe(200);
    expect(row(gone.body.items, 'stairwell_light')).toMatchObject({
      source: 'inherited',
      name: '楼道照明（街道）',
    });
    expect((await report('stairwell_light')).body.categoryName).toBe('楼道照明（街道）');
    const again = await del(d.communityA.id, 'stairwell_light', cookies.staffA);
    expect([again.status, again.body.error.code]).toEqual([404, 'not_found']);

    const audit = await t.db
      .select({ action: auditEvent.action })
      .from(auditEvent)
      .where(and(like(auditEvent.action, 'cases.category%'), eq(auditEvent.subjectId, 'stairwell_light')));
    expect(audit.map((a) => a.action).sort()).toEqual([
      'cases.category_override_removed',
      'cases.category_saved',
      'cases.category_saved',
      'cases.category_saved',
    ]);
  });

  it('a community adds its own category and switches a built-in one off', async () => {
    const added = await put(
      d.communityA.id,
      'shared_bike',
      cookies.staffA,
      body({ name: '共享单车乱停放', kinds: ['demand'], ruleCode: null, resolveHours: 48 }),
    );
    expect(added.status).toBe(200);
    expect(row(added.body.items, 'shared_bike')).toMatchObject({
      source: 'local',
      builtIn: false,
      active: true,
    });
    const filed = await report('shared_bike', 'demand');
    expect([filed.status, filed.body.categoryName]).toEqual([200, '共享单车乱停放']);

    expect(
      (
        await put(
          d.communityA.id,
          'parking',
          cookies.staffA,
          body({ name: '停车难', kinds: ['demand'], ruleCode: null, active: false }),
        )
      ).status,
    ).toBe(200);
    const off = await report('parking', 'demand');
    expect([off.status, off.body.error.code]).toEqual([422, 'case_category_unknown']);
    await del(d.communityA.id, 'parking', cookies.staffA);
    expect((await report('parking', 'demand')).status).toBe(200);
  });

  it('bad input: 422 with a stable code, and the catalogue unchanged', async () => {
    const before = await t.db.select().from(caseCategory);
    const bad = async (unitId: string, code: string, b: unknown, expected: string) => {
      const r = await put(unitId, code, cookies.staffA, b);
      expect([r.status, r.body.error.code]).toEqual([422, expected]);
      expect(r.body.error.message).toBeTruthy();
    };
    await bad(d.communityA.id, 'damaged_road', body({ kinds: [] }), 'validation_failed');
    await bad(d.communityA.id, 'damaged_road', body({ resolveHours: 0 }), 'validation_failed');
    await bad(d.communityA.id, 'Bad Code', body(), 'validation_failed');
    // The rule must exist in the rulebook in force at 春熙社区.
    await bad(d.communityA.id, 'damaged_road', body({ ruleCode: 'Z99' }), 'case_rule_unknown');
    // Categories are set at a community or above, never at a building.
    await bad(d.siblingBuildingUnit.id, 'damaged_road', body(), 'case_category_level');
    expect(await t.db.select().from(caseCategory)).toEqual(before);
  });
});
