import { and, asc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoLandmarks } from '../../../test/demo-ids.ts';
import { type TestApp, testApp } from '../../../test/harness.ts';
import { auditEvent } from '../../platform/schema.ts';
import { department, orgUnit } from './schema.ts';

// Departments (住建、城管、消防、公安、交警 …) sit at the district and serve everything below it: read
// reaches up the tree, write needs department:write over the department's own unit.

let t: TestApp;
let c: Record<'district' | 'sub' | 'staffA' | 'staffB' | 'grid' | 'resident' | 'dept', string>;
let d: Awaited<ReturnType<typeof demoLandmarks>>;
let chengguan: typeof department.$inferSelect;
let pingdingshan: typeof orgUnit.$inferSelect;
let wenchang: typeof orgUnit.$inferSelect;
/** A department at the other subdistrict (文昌街道): outside the 平顶山 actors' branch. */
let wenchangDept: { id: string };

const snapshot = () => t.db.select().from(department).orderBy(asc(department.id));

beforeAll(async () => {
  t = await testApp();
  d = await demoLandmarks(t.db);
  c = {
    district: await t.login('13900000001'),
    sub: await t.login('13900000002'),
    staffA: await t.login('13900000003'),
    staffB: await t.login('13900000004'),
    grid: await t.login('13900000005'),
    resident: await t.login('13900000007'),
    dept: await t.login('13900000008'),
  };
  [chengguan] = await t.db.select().from(department).where(eq(department.code, 'chengguan'));
  [pingdingshan] = await t.db.select().from(orgUnit).where(eq(orgUnit.name, '平顶山街道'));
  [wenchang] = await t.db.select().from(orgUnit).where(eq(orgUnit.name, '文昌街道'));
  const res = await t.call({
    method: 'POST',
    url: '/api/departments',
    cookie: c.district,
    body: {
      orgUnitId: wenchang.id,
      code: 'wenchang_zhifa',
      name: '文昌街道综合执法队',
      dutyPhone: '0991-5550200',
    },
  });
  expect(res.status).toBe(200);
  wenchangDept = res.body;
});
afterAll(() => t.close());

describe('GET /api/departments', () => {
  it('401 without a session, 403 without department:read', async () => {
    expect((await t.call({ url: '/api/departments' })).status).toBe(401);
    expect((await t.call({ url: '/api/departments', cookie: c.resident })).status).toBe(403);
  });

  it('shows the district departments to everyone below the district, and only the own branch', async () => {
    for (const who of ['staffA', 'staffB', 'grid', 'sub'] as const) {
      const res = await t.call({ url: '/api/departments', cookie: c[who] });
      expect([who, res.status, res.body.items.map((x: { code: string }) => x.code).sort()]).toEqual([
        who,
        200,
        ['chengguan', 'gongan', 'jiaojing', 'shichang', 'xiaofang', 'zhujian'],
      ]);
    }
    const all = await t.call({ url: '/api/departments', cookie: c.district });
    expect(all.body.items).toHaveLength(7);
    // 城管's own staff are granted at the district, so they see the subdistrict's team as well.
    expect((await t.call({ url: '/api/departments', cookie: c.dept })).body.items).toHaveLength(7);
    const cg = all.body.items.find((x: { code: string }) => x.code === 'chengguan');
    expect(cg).toMatchObject({
      name: '区城市管理局',
      dutyPhone: '0991-5550102',
      orgUnitId: d.communityA.path.split('/')[1],
      orgUnitName: '邻里示范区',
      allowed: ['department:write'],
    });
    expect(cg.responsibilities).toContain('私搭乱建');
    const staff = await t.call({ url: '/api/departments', cookie: c.staffA });
    expect(staff.body.items[0].allowed).toEqual([]);
  });

  it('finds the department by a responsibility', async () => {
    const res = await t.call({ url: `/api/departments?q=${encodeURIComponent('私搭乱建')}`, cookie: c.grid });
    expect(res.body.items.map((x: { code: string }) => x.code)).toEqual(['chengguan']);
  });
});

describe('GET /api/departments/:id', () => {
  it('401, 403, 404 off the branch, then 200', async () => {
    const url = `/api/departments/${chengguan.id}`;
    expect((await t.call({ url })).status).toBe(401);
    expect((await t.call({ url, cookie: c.resident })).status).toBe(403);
    expect((await t.call({ url: `/api/departments/${wenchangDept.id}`, cookie: c.staffA })).status).toBe(404);
    expect((await t.call({ url: `/api/departments/${crypto.randomUUID()}`, cookie: c.staffA })).status).toBe(
      404,
    );
    const res = await t.call({ url, cookie: c.staffB });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ code: 'chengguan', allowed: [] });
  });
});

describe('POST /api/departments', () => {
  const body = () => ({
    orgUnitId: pingdingshan.id,
    code: 'pds_zhifa',
    name: '平顶山街道综合执法队',
    dutyPhone: '0991-5550300',
    responsibilities: ['占道经营', '违规广告'],
  });

  it('401, 403 without department:write or over a unit above the actor, 404 off the branch; unchanged', async () => {
    const before = await snapshot();
    expect((await t.call({ method: 'POST', url: '/api/departments', body: body() })).status).toBe(401);
    for (const who of ['staffA', 'grid', 'dept', 'resident'] as const) {
      const res = await t.call({ method: 'POST', url: '/api/departments', cookie: c[who], body: body() });
      expect([who, res.status]).toEqual([who, 403]);
    }
    const above = await t.call({
      method: 'POST',
      url: '/api/departments',
      cookie: c.sub,
      body: { ...body(), orgUnitId: d.communityA.path.split('/')[1] },
    });
    expect([above.status, above.body.error.code]).toEqual([403, 'forbidden']);
    const off = await t.call({
      method: 'POST',
      url: '/api/departments',
      cookie: c.sub,
      body: { ...body(), orgUnitId: wenchang.id },
    });
    expect([off.status, off.body.error.code]).toEqual([404, 'not_found']);
    expect(await snapshot()).toEqual(before);
  });

  it('422 below a subdistrict or for bad fields, 409 for a code in use; unchanged', async () => {
    const before = await snapshot();
    const cases: [object, number, string][] = [
      [{ ...body(), orgUnitId: d.communityA.id }, 422, 'department_level'],
      [{ ...body(), code: 'chengguan' }, 409, 'duplicate_department_code'],
      [{ ...body(), dutyPhone: 'call us' }, 422, 'validation_failed'],
      [{ ...body(), code: 'Bad Code' }, 422, 'validation_failed'],
      [{ ...body(), responsibilities: [''] }, 422, 'validation_failed'],
    ];
    for (const [b, status, code] of cases) {
      const res = await t.call({ method: 'POST', url: '/api/departments', cookie: c.sub, body: b });
      expect([b, res.status, res.body.error.code]).toEqual([b, status, code]);
    }
    expect(await snapshot()).toEqual(before);
  });

  it('a subdistrict admin creates one at the subdistrict, audited', async () => {
    const res = await t.call({ method: 'POST', url: '/api/departments', cookie: c.sub, body: body() });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      code: 'pds_zhifa',
      orgUnitName: '平顶山街道',
      allowed: ['department:write'],
    });
    const events = await t.db
      .select()
      .from(auditEvent)
      .where(and(eq(auditEvent.action, 'org.department_created'), eq(auditEvent.subjectId, res.body.id)));
    expect(events).toHaveLength(1);
    // Community staff under that subdistrict now see it too; the other subdistrict's staff do not.
    const list = await t.call({ url: '/api/departments', cookie: c.staffA });
    expect(list.body.items.some((x: { code: string }) => x.code === 'pds_zhifa')).toBe(true);
  });
});

describe('PATCH /api/departments/:id', () => {
  it('401, 403 for a district department edited from below, 404 off the branch; unchanged', async () => {
    const before = await snapshot();
    const url = `/api/departments/${chengguan.id}`;
    expect((await t.call({ method: 'PATCH', url, body: { dutyPhone: '12345' } })).status).toBe(401);
    expect(
      (await t.call({ method: 'PATCH', url, cookie: c.dept, body: { dutyPhone: '12345' } })).status,
    ).toBe(403);
    expect(
      (await t.call({ method: 'PATCH', url, cookie: c.staffA, body: { dutyPhone: '12345' } })).status,
    ).toBe(403);
    const sub = await t.call({ method: 'PATCH', url, cookie: c.sub, body: { dutyPhone: '12345' } });
    expect([sub.status, sub.body.error.code]).toEqual([403, 'forbidden']);
    const off = await t.call({
      method: 'PATCH',
      url: `/api/departments/${wenchangDept.id}`,
      cookie: c.sub,
      body: { dutyPhone: '12345' },
    });
    expect([off.status, off.body.error.code]).toEqual([404, 'not_found']);
    const dup = await t.call({ method: 'PATCH', url, cookie: c.district, body: { code: 'zhujian' } });
    expect([dup.status, dup.body.error.code]).toEqual([409, 'duplicate_department_code']);
    expect(await snapshot()).toEqual(before);
  });

  it('the district admin changes the duty phone; responsibilities stay when omitted; audited', async () => {
    const res = await t.call({
      method: 'PATCH',
      url: `/api/departments/${chengguan.id}`,
      cookie: c.district,
      body: { dutyPhone: '12319' },
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      dutyPhone: '12319',
      responsibilities: chengguan.responsibilities,
      name: '区城市管理局',
    });
    const events = await t.db
      .select()
      .from(auditEvent)
      .where(and(eq(auditEvent.action, 'org.department_updated'), eq(auditEvent.subjectId, chengguan.id)));
    expect(events).toHaveLength(1);
    expect(events[0].summary).toContain('值班电话');
  });
});
