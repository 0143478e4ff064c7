import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoLandmarks } from '../../../test/demo-ids.ts';
import { type TestApp, testApp } from '../../../test/harness.ts';
import { auditEvent } from '../../platform/schema.ts';
import { createUser } from '../../platform/users.ts';
import { hashPassword } from '../../platform/password.ts';
import { household } from './schema.ts';

// The org routes' actor × target matrix: who gets 200, 403 or 404 for a household at each distance
// from 田先生's own (same building, sibling building, sibling community B, the other subdistrict).
type Code = 200 | 403 | 404;
const TARGETS = ['own', 'sameBuilding', 'siblingBuilding', 'siblingCommunity', 'otherSubdistrict'] as const;
type Row = Record<(typeof TARGETS)[number], Code>;
const row = (...c: Code[]): Row => Object.fromEntries(TARGETS.map((t, i) => [t, c[i]])) as Row;

const READ: Record<string, Row> = {
  resident: row(200, 404, 404, 404, 404),
  building_leader: row(200, 200, 404, 404, 404),
  grid_worker: row(200, 200, 200, 404, 404),
  community_staff_A: row(200, 200, 200, 404, 404),
  community_staff_B: row(404, 404, 404, 200, 404),
  subdistrict_admin: row(200, 200, 200, 200, 404),
  district_admin: row(200, 200, 200, 200, 200),
  department_staff: row(403, 403, 403, 403, 403),
};
// A role that may not edit anywhere is stopped at the route (403 for every target, so the answer
// never tells whether an id exists); a role that may edit somewhere gets the object check: 404 out
// of scope, 200 in it.
const WRITE: Record<string, Row> = {
  resident: row(403, 403, 403, 403, 403),
  building_leader: row(403, 403, 403, 403, 403),
  grid_worker: row(200, 200, 200, 404, 404),
  community_staff_A: row(200, 200, 200, 404, 404),
  community_staff_B: row(404, 404, 404, 200, 404),
  subdistrict_admin: row(200, 200, 200, 200, 404),
  district_admin: row(200, 200, 200, 200, 200),
  department_staff: row(403, 403, 403, 403, 403),
};

let t: TestApp;
let cookies: Record<string, string>;
let targets: Record<(typeof TARGETS)[number], { id: string }>;
let personOf: Record<(typeof TARGETS)[number], string>;

beforeAll(async () => {
  t = await testApp();
  const d = await demoLandmarks(t.db);
  targets = {
    own: d.ownHousehold,
    sameBuilding: d.sameBuilding,
    siblingBuilding: d.siblingBuilding,
    siblingCommunity: d.siblingCommunity,
    otherSubdistrict: d.otherSubdistrict,
  };
  // The demo has no building leader account; make one for 田先生's building.
  await createUser(t.db, {
    phone: '13911110000',
    displayName: '楼栋长',
    passwordHash: await hashPassword('Linli@2026'),
    grants: [
      { role: 'building_leader', orgUnitId: d.ownHousehold.buildingId, orgPath: d.ownHousehold.orgPath },
    ],
  });
  const phones: Record<string, string> = {
    resident: '13900000007',
    building_leader: '13911110000',
    grid_worker: '13900000005',
    community_staff_A: '13900000003',
    community_staff_B: '13900000004',
    subdistrict_admin: '13900000002',
    district_admin: '13900000001',
    department_staff: '13900000008',
  };
  cookies = {};
  for (const [k, p] of Object.entries(phones)) cookies[k] = await t.login(p);
  personOf = {} as typeof personOf;
  for (const target of TARGETS) {
    const h = await t.call({ url: `/api/households/${targets[target].id}`, cookie: cookies.district_admin });
    personOf[target] = h.body.members[0].personId;
  }
});
afterAll(() => t.close());

describe('org access matrix', () => {
  for (const actor of Object.keys(READ)) {
    it(`${actor} reads households and persons as the matrix says`, async () => {
      const got: Record<string, Code> = {};
      const gotPerson: Record<string, Code> = {};
      for (const target of TARGETS) {
        got[target] = (await t.call({ url: `/api/households/${targets[target].id}`, cookie: cookies[actor] }))
          .status as Code;
        gotPerson[target] = (
          await t.call({ url: `/api/persons/${personOf[target]}`, cookie: cookies[actor] })
        ).status as Code;
      }
      expect(got).toEqual(READ[actor]);
      expect(gotPerson).toEqual(READ[actor]);
    });

    it(`${actor} edits households as the matrix says; denied writes change nothing`, async () => {
      const got: Record<string, Code> = {};
      for (const target of TARGETS) {
        const id = targets[target].id;
        const [before] = await t.db.select().from(household).where(eq(household.id, id));
        const auditBefore = await t.db.$count(auditEvent);
        const area = 60 + Math.floor(Math.random() * 50) + 0.25;
        const res = await t.call({
          method: 'PATCH',
          url: `/api/households/${id}`,
          cookie: cookies[actor],
          body: { floorAreaM2: area },
        });
        got[target] = res.status as Code;
        const [after] = await t.db.select().from(household).where(eq(household.id, id));
        if (res.status === 200) {
          expect(Number(after.floorAreaM2)).toBe(area);
          expect(await t.db.$count(auditEvent)).toBe(auditBefore + 1);
        } else {
          expect(after).toEqual(before);
          expect(await t.db.$count(auditEvent)).toBe(auditBefore);
          expect(res.body.error.code).toBe(res.status === 403 ? 'forbidden' : 'not_found');
        }
      }
      expect(got).toEqual(WRITE[actor]);
    });
  }

  it('a list never includes rows outside the actor scope', async () => {
    const b = await t.call({ url: '/api/households?pageSize=200', cookie: cookies.community_staff_B });
    expect(b.status).toBe(200);
    expect(b.body.total).toBeGreaterThan(100);
    const ids = new Set(b.body.items.map((h: { id: string }) => h.id));
    expect(ids.has(targets.own.id)).toBe(false);
    expect(ids.has(targets.siblingCommunity.id)).toBe(true);
    const resident = await t.call({ url: '/api/households', cookie: cookies.resident });
    expect(resident.body.items.map((h: { id: string }) => h.id)).toEqual([targets.own.id]);
    const dept = await t.call({ url: '/api/households', cookie: cookies.department_staff });
    expect(dept.status).toBe(403);
  });

  it('org units: a sibling community is 404, its own subtree 200', async () => {
    const d = await demoLandmarks(t.db);
    expect(
      (await t.call({ url: `/api/org-units/${d.communityA.id}`, cookie: cookies.community_staff_B })).status,
    ).toBe(404);
    expect(
      (await t.call({ url: `/api/org-units/${d.communityA.id}/children`, cookie: cookies.community_staff_B }))
        .status,
    ).toBe(404);
    const kids = await t.call({
      url: `/api/org-units/${d.communityA.id}/children`,
      cookie: cookies.community_staff_A,
    });
    expect(kids.body.items.map((u: { name: string }) => u.name).sort()).toEqual(
      ['幸福家园小区', '锦绣苑', '阳光花园'].sort(),
    );
    expect(
      (await t.call({ url: `/api/org-units/${d.communityA.id}`, cookie: cookies.resident })).status,
    ).toBe(404);
  });
});
