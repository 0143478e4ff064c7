import { and, asc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoLandmarks } from '../../../test/demo-ids.ts';
import { type TestApp, testApp } from '../../../test/harness.ts';
import { auditEvent } from '../../platform/schema.ts';
import { orgUnit, partnerUnit } from './schema.ts';

// 共建单位: organisations that co-build a community (hospital clinics, legal advice, …).

let t: TestApp;
let c: Record<'district' | 'staffA' | 'staffB' | 'grid' | 'resident' | 'dept', string>;
let d: Awaited<ReturnType<typeof demoLandmarks>>;
let partnerA: typeof partnerUnit.$inferSelect;

const snapshot = () => t.db.select().from(partnerUnit).orderBy(asc(partnerUnit.id));

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
  [partnerA] = await t.db
    .select()
    .from(partnerUnit)
    .where(eq(partnerUnit.orgUnitId, d.communityA.id))
    .orderBy(asc(partnerUnit.name))
    .limit(1);
});
afterAll(() => t.close());

describe('GET /api/partner-units', () => {
  it('401 without a session, 403 without partner:read', async () => {
    expect((await t.call({ url: '/api/partner-units' })).status).toBe(401);
    expect((await t.call({ url: '/api/partner-units', cookie: c.resident })).status).toBe(403);
    expect((await t.call({ url: '/api/partner-units', cookie: c.dept })).status).toBe(403);
  });

  it("lists the actor's own community only; filters by unit and text", async () => {
    const a = await t.call({ url: '/api/partner-units', cookie: c.grid });
    expect(a.status).toBe(200);
    // Community A has the two partners every community has, and the housekeeping service of the shop demo.
    expect(a.body.total).toBe(3);
    expect(a.body.items.every((p: { orgUnitName: string }) => p.orgUnitName === '春熙社区')).toBe(true);
    expect(a.body.items[0].allowed).toEqual([]);
    const b = await t.call({ url: '/api/partner-units', cookie: c.staffB });
    expect(b.body.items.some((p: { id: string }) => p.id === partnerA.id)).toBe(false);
    expect(b.body.items[0].allowed).toEqual(['partner:write']);

    const all = await t.call({ url: '/api/partner-units', cookie: c.district });
    expect(all.body.total).toBe(9);
    const inA = await t.call({ url: `/api/partner-units?orgUnitId=${d.communityA.id}`, cookie: c.district });
    expect(inA.body.total).toBe(3);
    const clinic = await t.call({
      url: `/api/partner-units?q=${encodeURIComponent('义诊')}`,
      cookie: c.district,
    });
    expect(clinic.body.items.every((p: { name: string }) => p.name === '区人民医院')).toBe(true);
    expect(clinic.body.total).toBeGreaterThan(0);
    expect((await t.call({ url: '/api/partner-units?pageSize=0', cookie: c.district })).status).toBe(422);
  });
});

describe('POST /api/partner-units', () => {
  const body = () => ({
    orgUnitId: d.communityA.id,
    name: '邻里口腔诊所',
    kind: 'enterprise',
    contactName: '马医生',
    contactPhone: '13812345678',
    services: '老人免费口腔检查',
  });

  it('401, 403 for the grid worker, 404 for community B; unchanged', async () => {
    const before = await snapshot();
    expect((await t.call({ method: 'POST', url: '/api/partner-units', body: body() })).status).toBe(401);
    expect(
      (await t.call({ method: 'POST', url: '/api/partner-units', cookie: c.grid, body: body() })).status,
    ).toBe(403);
    expect(
      (await t.call({ method: 'POST', url: '/api/partner-units', cookie: c.resident, body: body() })).status,
    ).toBe(403);
    const b = await t.call({ method: 'POST', url: '/api/partner-units', cookie: c.staffB, body: body() });
    expect([b.status, b.body.error.code]).toEqual([404, 'not_found']);
    expect(await snapshot()).toEqual(before);
  });

  it('422 at a unit that is not a community or for bad fields, 409 for a duplicate name; unchanged', async () => {
    const before = await snapshot();
    const [compound] = await t.db.select().from(orgUnit).where(eq(orgUnit.name, '幸福家园小区'));
    const cases: [object, number, string][] = [
      [{ ...body(), orgUnitId: compound.id }, 422, 'not_a_community'],
      [{ ...body(), name: partnerA.name }, 409, 'duplicate_name'],
      [{ ...body(), kind: 'bank' }, 422, 'validation_failed'],
      [{ ...body(), contactPhone: '12' }, 422, 'validation_failed'],
    ];
    for (const [b, status, code] of cases) {
      const res = await t.call({ method: 'POST', url: '/api/partner-units', cookie: c.staffA, body: b });
      expect([b, res.status, res.body.error.code]).toEqual([b, status, code]);
    }
    expect(await snapshot()).toEqual(before);
  });

  it('creates one, audited', async () => {
    const res = await t.call({ method: 'POST', url: '/api/partner-units', cookie: c.staffA, body: body() });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ ...body(), orgUnitName: '春熙社区', allowed: ['partner:write'] });
    const events = await t.db
      .select()
      .from(auditEvent)
      .where(and(eq(auditEvent.action, 'org.partner_unit_created'), eq(auditEvent.subjectId, res.body.id)));
    expect(events).toHaveLength(1);
  });
});

describe('PATCH /api/partner-units/:id', () => {
  it('401, 403, 404 for community B; unchanged', async () => {
    const before = await snapshot();
    const url = `/api/partner-units/${partnerA.id}`;
    expect((await t.call({ method: 'PATCH', url, body: { services: 'x' } })).status).toBe(401);
    expect((await t.call({ method: 'PATCH', url, cookie: c.grid, body: { services: 'x' } })).status).toBe(
      403,
    );
    const b = await t.call({ method: 'PATCH', url, cookie: c.staffB, body: { services: 'x' } });
    expect([b.status, b.body.error.code]).toEqual([404, 'not_found']);
    expect(await snapshot()).toEqual(before);
  });

  it('changes the contact; other fields stay when omitted; audited', async () => {
    const res = await t.call({
      method: 'PATCH',
      url: `/api/partner-units/${partnerA.id}`,
      cookie: c.staffA,
      body: { contactName: '新联系人', contactPhone: null },
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      name: partnerA.name,
      kind: partnerA.kind,
      services: partnerA.services,
      contactName: '新联系人',
      contactPhone: null,
    });
    const events = await t.db
      .select()
      .from(auditEvent)
      .where(and(eq(auditEvent.action, 'org.partner_unit_updated'), eq(auditEvent.subjectId, partnerA.id)));
    expect(events).toHaveLength(1);
    expect(events[0].summary).toContain('联系人');
  });
});
