import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoLandmarks } from '../../../test/demo-ids.ts';
import { type TestApp, testApp } from '../../../test/harness.ts';
import { auditEvent } from '../../platform/schema.ts';
import { household, orgUnit, person } from './schema.ts';

let t: TestApp;
let staff: string;
let d: Awaited<ReturnType<typeof demoLandmarks>>;
beforeAll(async () => {
  t = await testApp();
  staff = await t.login('13900000003');
  d = await demoLandmarks(t.db);
});
afterAll(() => t.close());

describe('demo district', () => {
  it('has the shape the seed describes', async () => {
    const kinds = await t.db.select({ kind: orgUnit.kind }).from(orgUnit);
    const count = (k: string) => kinds.filter((x) => x.kind === k).length;
    expect([
      count('district'),
      count('subdistrict'),
      count('community'),
      count('compound'),
      count('building'),
    ]).toEqual([1, 2, 4, 12, 60]);
    const households = await t.db.$count(household);
    const persons = await t.db.$count(person);
    expect(households).toBeGreaterThan(1800);
    expect(households).toBeLessThan(2200);
    expect(persons).toBeGreaterThan(4500);
    expect(persons).toBeLessThan(5600);
  });
});

describe('search', () => {
  it('finds 田先生’s household by phone tail, by name and by room', async () => {
    for (const q of ['0007', '田志明', '1-302']) {
      const res = await t.call({
        url: `/api/households?q=${encodeURIComponent(q)}&orgUnitId=${d.communityA.id}`,
        cookie: staff,
      });
      expect(res.status).toBe(200);
      expect(res.body.items.map((h: { id: string }) => h.id)).toContain(d.ownHousehold.id);
    }
    const persons = await t.call({ url: '/api/persons?q=0007', cookie: staff });
    expect(persons.body.items.map((p: { name: string }) => p.name)).toEqual(['田志明']);
  });

  it('paginates', async () => {
    const p1 = await t.call({ url: '/api/households?pageSize=10&page=1', cookie: staff });
    const p2 = await t.call({ url: '/api/households?pageSize=10&page=2', cookie: staff });
    expect(p1.body.items).toHaveLength(10);
    expect(p1.body.total).toBe(p2.body.total);
    const ids = new Set(p1.body.items.map((h: { id: string }) => h.id));
    expect(p2.body.items.some((h: { id: string }) => ids.has(h.id))).toBe(false);
  });
});

describe('households', () => {
  it('creates a household in a building, refuses a duplicate room and a non-building', async () => {
    const body = { buildingId: d.ownHousehold.buildingId, unitNo: '3', room: '901', floorAreaM2: 99.5 };
    const res = await t.call({ method: 'POST', url: '/api/households', cookie: staff, body });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      room: '901',
      unitNo: '3',
      floorAreaM2: 99.5,
      allowed: expect.arrayContaining(['org:write']),
    });
    const dup = await t.call({ method: 'POST', url: '/api/households', cookie: staff, body });
    expect(dup.status).toBe(409);
    expect(dup.body.error.code).toBe('duplicate_room');
    const compound = await t.call({
      method: 'POST',
      url: '/api/households',
      cookie: staff,
      body: { ...body, buildingId: d.communityA.id },
    });
    expect(compound.status).toBe(422);
    expect(compound.body.error.code).toBe('not_a_building');
  });

  it('changes only the fields a PATCH names', async () => {
    const [before] = await t.db.select().from(household).where(eq(household.id, d.ownHousehold.id));
    const res = await t.call({
      method: 'PATCH',
      url: `/api/households/${d.ownHousehold.id}`,
      cookie: staff,
      body: { floorAreaM2: 101.5 },
    });
    expect(res.status).toBe(200);
    const [after] = await t.db.select().from(household).where(eq(household.id, d.ownHousehold.id));
    expect({ ...after, floorAreaM2: before.floorAreaM2, updatedAt: before.updatedAt }).toEqual(before);
    expect(after.floorAreaM2).toBe('101.50');
    const p = await t.call({
      method: 'PATCH',
      url: `/api/persons/${d.tian.id}`,
      cookie: staff,
      body: { birthYear: 1978 },
    });
    expect(p.body.tags).toEqual(d.tian.tags);
  });

  it('rejects a bad area and leaves the row as it was', async () => {
    const [before] = await t.db.select().from(household).where(eq(household.id, d.sameBuilding.id));
    for (const floorAreaM2 of [-1, 'big', 12.345]) {
      const res = await t.call({
        method: 'PATCH',
        url: `/api/households/${d.sameBuilding.id}`,
        cookie: staff,
        body: { floorAreaM2 },
      });
      expect(res.status).toBe(422);
    }
    const [after] = await t.db.select().from(household).where(eq(household.id, d.sameBuilding.id));
    expect(after).toEqual(before);
  });
});

describe('persons', () => {
  it('masks the ID number in every response; reveals it only with a reason, audited', async () => {
    const p = await t.call({ url: `/api/persons/${d.tian.id}`, cookie: staff });
    expect(p.body.idNumberMasked).toMatch(/^\d{6}\*{8}\d{3}[\dX]$/);
    expect(JSON.stringify(p.body)).not.toContain(d.tian.idNumber!);
    const list = await t.call({ url: `/api/households/${d.ownHousehold.id}`, cookie: staff });
    expect(JSON.stringify(list.body)).not.toContain(d.tian.idNumber!);

    const noReason = await t.call({
      method: 'POST',
      url: `/api/persons/${d.tian.id}/reveal-id`,
      cookie: staff,
      body: {},
    });
    expect(noReason.status).toBe(422);
    const resident = await t.login('13900000007');
    const byResident = await t.call({
      method: 'POST',
      url: `/api/persons/${d.tian.id}/reveal-id`,
      cookie: resident,
      body: { reason: '核对低保申请材料' },
    });
    expect(byResident.status).toBe(403);
    const ok = await t.call({
      method: 'POST',
      url: `/api/persons/${d.tian.id}/reveal-id`,
      cookie: staff,
      body: { reason: '核对低保申请材料' },
    });
    expect(ok.body.idNumber).toBe(d.tian.idNumber);
    const events = await t.db
      .select()
      .from(auditEvent)
      .where(eq(auditEvent.action, 'org.person_id_revealed'));
    expect(events).toHaveLength(1);
    expect(events[0].summary).toContain('核对低保申请材料');
    expect(events[0].summary).not.toContain(d.tian.idNumber!);
  });

  it('registers a person into a household and flags a minor', async () => {
    const res = await t.call({
      method: 'POST',
      url: '/api/persons',
      cookie: staff,
      body: {
        orgUnitId: d.communityA.id,
        householdId: d.sameBuilding.id,
        relation: 'child',
        name: '王小明',
        birthYear: new Date().getUTCFullYear() - 8,
        idNumber: '65010320180101001x',
      },
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      minor: true,
      orgUnitId: d.sameBuilding.buildingId,
      idNumberMasked: '650103********001X',
    });
    expect(res.body.households[0].householdId).toBe(d.sameBuilding.id);
  });

  it('refuses an invalid phone or ID number with 422', async () => {
    for (const body of [
      { orgUnitId: d.communityA.id, name: '某某', phone: '12345' },
      { orgUnitId: d.communityA.id, name: '某某', idNumber: '1234567890' },
      { orgUnitId: d.communityA.id, name: '' },
    ]) {
      const res = await t.call({ method: 'POST', url: '/api/persons', cookie: staff, body });
      expect(res.status).toBe(422);
    }
  });
});

describe('org units', () => {
  it('creates a child of the right kind, with its path under the parent', async () => {
    const [compound] = await t.db.select().from(orgUnit).where(eq(orgUnit.name, '阳光花园'));
    const res = await t.call({
      method: 'POST',
      url: '/api/org-units',
      cookie: staff,
      body: { parentId: compound.id, name: '6号楼' },
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ kind: 'building', parentId: compound.id, depth: 4 });
    const [row] = await t.db.select().from(orgUnit).where(eq(orgUnit.id, res.body.id));
    expect(row.path).toBe(`${compound.path}${row.id}/`);
    const under = await t.call({
      method: 'POST',
      url: '/api/org-units',
      cookie: staff,
      body: { parentId: row.id, name: 'x' },
    });
    expect(under.status).toBe(422);
    expect(under.body.error.code).toBe('invalid_parent');
  });
});
