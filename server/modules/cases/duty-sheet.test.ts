import { eq, like } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoLandmarks } from '../../../test/demo-ids.ts';
import { type TestApp, testApp } from '../../../test/harness.ts';
import { orgUnit, partnerUnit, person } from '../org/schema.ts';

let t: TestApp;
let d: Awaited<ReturnType<typeof demoLandmarks>>;
let compound: typeof orgUnit.$inferSelect;
beforeAll(async () => {
  t = await testApp();
  d = await demoLandmarks(t.db);
  [compound] = await t.db.select().from(orgUnit).where(eq(orgUnit.id, d.siblingBuildingUnit.parentId!));
});
afterAll(() => t.close());

const sheet = (id: string, cookie?: string) =>
  t.call({ url: `/api/public/compounds/${id}/duty-sheet`, cookie });

describe('部门职责清单 (public)', () => {
  it('needs no session; only compounds have one (404 otherwise); a bad id is 422', async () => {
    expect((await sheet(compound.id)).status).toBe(200);
    // A signed-in visitor reads the same sheet.
    expect((await sheet(compound.id, await t.login('13900000004'))).status).toBe(200);
    for (const id of [d.siblingBuildingUnit.id, d.communityA.id, crypto.randomUUID()]) {
      const r = await sheet(id);
      expect([r.status, r.body.error.code]).toEqual([404, 'not_found']);
    }
    const bad = await sheet('not-a-uuid');
    expect([bad.status, bad.body.error.code]).toEqual([422, 'validation_failed']);
  });

  it("a community's index lists its compounds, each with a sheet; anything else is 404", async () => {
    const r = await t.call({ url: `/api/public/communities/${d.communityA.id}/duty-sheets` });
    expect(r.status).toBe(200);
    expect(r.body.communityName).toBe('春熙社区');
    expect(r.body.items.map((c: { name: string }) => c.name).sort()).toEqual(
      ['幸福家园小区', '锦绣苑', '阳光花园'].sort(),
    );
    for (const c of r.body.items) expect((await sheet(c.id)).status).toBe(200);
    const no = await t.call({ url: `/api/public/communities/${compound.id}/duty-sheets` });
    expect([no.status, no.body.error.code]).toEqual([404, 'not_found']);
  });

  it('names the community, the grid worker with a work phone, the departments with duty phones', async () => {
    const r = await sheet(compound.id);
    expect(r.body).toMatchObject({
      compoundId: compound.id,
      compoundName: '幸福家园小区',
      communityName: '春熙社区',
      subdistrictName: '平顶山街道',
      districtName: '邻里示范区',
      propertyCompanies: [],
    });
    expect(r.body.gridWorkers).toEqual([
      {
        name: '周网格',
        workPhone: '13900000005',
        grid: '幸福家园小区网格',
        buildings: expect.stringContaining('1号楼'),
      },
    ]);
    const chengguan = r.body.departments.find((x: { name: string }) => x.name === '区城市管理局');
    expect(chengguan).toEqual({
      name: '区城市管理局',
      dutyPhone: '0991-5550102',
      responsibilities: expect.arrayContaining(['路面破损修复', '私搭乱建']),
    });
    expect(r.body.departments).toHaveLength(6);
    expect(r.body.reportUrl).toMatch(new RegExp(`^http://[^/]+/m/cases/report\\?orgUnitId=${compound.id}$`));
    expect(r.body.qrSvg).toMatch(/^<svg/);
  });

  it('never carries a resident: no name or phone of anyone living in the compound', async () => {
    const r = await sheet(compound.id);
    const text = JSON.stringify(r.body);
    const residents = await t.db
      .select()
      .from(person)
      .where(like(person.orgPath, `${compound.path}%`));
    expect(residents.length).toBeGreaterThan(50);
    for (const p of residents) {
      expect(text).not.toContain(p.name);
      if (p.phone) expect(text).not.toContain(p.phone);
    }
  });

  it('lists the property company recorded for the community', async () => {
    await t.db.insert(partnerUnit).values({
      districtId: compound.districtId,
      orgUnitId: d.communityA.id,
      orgPath: d.communityA.path,
      name: '安居物业服务有限公司',
      kind: 'property',
      contactPhone: '0991-5556600',
    });
    const r = await sheet(compound.id);
    expect(r.body.propertyCompanies).toEqual([{ name: '安居物业服务有限公司', phone: '0991-5556600' }]);
    // Not in community B's compounds.
    const [other] = await t.db
      .select()
      .from(orgUnit)
      .where(like(orgUnit.path, `${d.communityB.path}%`));
    const compoundB =
      other.kind === 'compound'
        ? other
        : (await t.db.select().from(orgUnit).where(eq(orgUnit.parentId, d.communityB.id)))[0];
    expect((await sheet(compoundB.id)).body.propertyCompanies).toEqual([]);
  });
});
