import { and, asc, eq, like, notExists, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoLandmarks } from '../../../test/demo-ids.ts';
import { type TestApp, testApp } from '../../../test/harness.ts';
import { auditEvent } from '../../platform/schema.ts';
import { orgUnit, partyMembership, partyOrg, person } from './schema.ts';

// The party tree beside the org tree (社区党组织 → 物业党总支 → 小区党支部 → 楼栋党小组) and its members.

let t: TestApp;
let c: Record<'none' | 'district' | 'staffA' | 'staffB' | 'grid' | 'resident' | 'dept', string | undefined>;
let d: Awaited<ReturnType<typeof demoLandmarks>>;
let committeeA: typeof partyOrg.$inferSelect;
let branchA: typeof partyOrg.$inferSelect;
let compoundA: typeof orgUnit.$inferSelect;
let compoundB: typeof orgUnit.$inferSelect;

/** Every row of the party tables, to prove a refused command changed nothing. */
async function snapshot() {
  return [
    await t.db.select().from(partyOrg).orderBy(asc(partyOrg.id)),
    await t.db
      .select()
      .from(partyMembership)
      .orderBy(asc(partyMembership.partyOrgId), asc(partyMembership.personId)),
  ];
}

async function auditFor(action: string, subjectId: string) {
  return t.db
    .select()
    .from(auditEvent)
    .where(and(eq(auditEvent.action, action), eq(auditEvent.subjectId, subjectId)));
}

/** A resident of the community who belongs to no party org yet. */
async function nonMemberIn(communityPath: string) {
  const [p] = await t.db
    .select()
    .from(person)
    .where(
      and(
        like(person.orgPath, `${communityPath}%`),
        notExists(
          t.db.select({ x: sql`1` }).from(partyMembership).where(eq(partyMembership.personId, person.id)),
        ),
      ),
    )
    .orderBy(asc(person.name))
    .limit(1);
  return p;
}

beforeAll(async () => {
  t = await testApp();
  d = await demoLandmarks(t.db);
  c = {
    none: undefined,
    district: await t.login('13900000001'),
    staffA: await t.login('13900000003'),
    staffB: await t.login('13900000004'),
    grid: await t.login('13900000005'),
    resident: await t.login('13900000007'),
    dept: await t.login('13900000008'),
  };
  [committeeA] = await t.db
    .select()
    .from(partyOrg)
    .where(and(eq(partyOrg.orgUnitId, d.communityA.id), eq(partyOrg.kind, 'community_committee')));
  [compoundA] = await t.db.select().from(orgUnit).where(eq(orgUnit.name, '幸福家园小区'));
  [compoundB] = await t.db.select().from(orgUnit).where(eq(orgUnit.name, '翠湖小区'));
  [branchA] = await t.db
    .select()
    .from(partyOrg)
    .where(and(eq(partyOrg.orgUnitId, compoundA.id), eq(partyOrg.kind, 'branch')));
});
afterAll(() => t.close());

describe('GET /api/party-orgs', () => {
  it('401 without a session, 403 for roles without party:read', async () => {
    expect((await t.call({ url: '/api/party-orgs' })).status).toBe(401);
    expect((await t.call({ url: '/api/party-orgs', cookie: c.resident })).status).toBe(403);
    expect((await t.call({ url: '/api/party-orgs', cookie: c.dept })).status).toBe(403);
  });

  it('lists only the party orgs in scope, with member counts', async () => {
    const a = await t.call({ url: '/api/party-orgs?pageSize=200', cookie: c.staffA });
    expect(a.status).toBe(200);
    // 党委 + 物业党总支 + 物业公司党支部 + 3 compound branches + 15 building groups.
    expect(a.body.total).toBe(21);
    expect(a.body.items.every((p: { address: string }) => p.address.startsWith('春熙社区'))).toBe(true);
    expect(a.body.items[0]).toMatchObject({ id: committeeA.id, kind: 'community_committee', parentId: null });
    const registered = await t.db
      .select()
      .from(partyMembership)
      .where(eq(partyMembership.partyOrgId, committeeA.id));
    expect(a.body.items[0].memberCount).toBe(registered.length);
    expect(a.body.items[0].allowed).toEqual(['party:write']);

    const b = await t.call({ url: '/api/party-orgs?pageSize=200', cookie: c.staffB });
    expect(b.body.total).toBe(19);
    expect(b.body.items.some((p: { id: string }) => p.id === committeeA.id)).toBe(false);
  });

  it('filters by org unit subtree, kind and name; the grid worker reads without write buttons', async () => {
    const sub = await t.call({ url: `/api/party-orgs?orgUnitId=${compoundA.id}`, cookie: c.staffA });
    expect(sub.body.total).toBe(6);
    const groups = await t.call({ url: `/api/party-orgs?kind=group&pageSize=5`, cookie: c.staffA });
    expect(groups.body).toMatchObject({ total: 15, pageSize: 5 });
    expect(groups.body.items).toHaveLength(5);
    const named = await t.call({ url: `/api/party-orgs?q=${encodeURIComponent('物业')}`, cookie: c.grid });
    expect(named.body.items.map((p: { name: string }) => p.name).sort()).toEqual([
      '安居物业公司党支部',
      '春熙社区物业党总支',
    ]);
    expect(named.body.items[0].allowed).toEqual([]);
    // Another community's unit as a filter yields nothing, never its rows.
    const other = await t.call({ url: `/api/party-orgs?orgUnitId=${d.communityB.id}`, cookie: c.staffA });
    expect(other.body.total).toBe(0);
  });

  it('422 for a bad filter, never 500', async () => {
    expect((await t.call({ url: '/api/party-orgs?kind=cell', cookie: c.staffA })).status).toBe(422);
    expect((await t.call({ url: '/api/party-orgs?orgUnitId=nope', cookie: c.staffA })).status).toBe(422);
  });
});

describe('GET /api/party-orgs/:id', () => {
  it('401, 403 and 404 out of scope', async () => {
    expect((await t.call({ url: `/api/party-orgs/${committeeA.id}` })).status).toBe(401);
    expect((await t.call({ url: `/api/party-orgs/${committeeA.id}`, cookie: c.resident })).status).toBe(403);
    const b = await t.call({ url: `/api/party-orgs/${committeeA.id}`, cookie: c.staffB });
    expect([b.status, b.body.error.code]).toEqual([404, 'not_found']);
    expect((await t.call({ url: `/api/party-orgs/${crypto.randomUUID()}`, cookie: c.staffA })).status).toBe(
      404,
    );
  });

  it('shows parent, children and members with the workplace of registered members', async () => {
    const res = await t.call({ url: `/api/party-orgs/${committeeA.id}`, cookie: c.staffA });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      name: '春熙社区党委',
      parent: null,
      orgUnit: { id: d.communityA.id, kind: 'community' },
    });
    expect(res.body.children.map((x: { kind: string }) => x.kind).sort()).toEqual([
      'branch',
      'branch',
      'branch',
      'general_branch',
    ]);
    // The demo registers serving members (在职党员报到) with the branch where they live.
    const [reg] = await t.db
      .select()
      .from(partyMembership)
      .where(eq(partyMembership.kind, 'registered_member'))
      .orderBy(asc(partyMembership.personId))
      .limit(1);
    const withReg = await t.call({ url: `/api/party-orgs/${reg.partyOrgId}`, cookie: c.district });
    expect(withReg.status).toBe(200);
    const shown = withReg.body.members.find((m: { personId: string }) => m.personId === reg.personId);
    expect(shown).toMatchObject({ kind: 'registered_member', workplace: reg.workplace });
    expect(reg.workplace).toBeTruthy();
    expect(withReg.body.memberCount).toBe(withReg.body.members.length);
    const branch = await t.call({ url: `/api/party-orgs/${branchA.id}`, cookie: c.grid });
    expect(branch.body.parent).toEqual({
      id: committeeA.id,
      name: '春熙社区党委',
      kind: 'community_committee',
    });
    expect(branch.body.children).toHaveLength(5);
    expect(branch.body.allowed).toEqual([]);
  });
});

describe('POST /api/party-orgs', () => {
  const body = () => ({
    parentId: branchA.id,
    orgUnitId: compoundA.id,
    kind: 'group',
    name: '幸福家园小区第二党小组',
  });

  it('401, 403 for roles without party:write, 404 out of scope; the database is unchanged', async () => {
    const before = await snapshot();
    expect((await t.call({ method: 'POST', url: '/api/party-orgs', body: body() })).status).toBe(401);
    expect(
      (await t.call({ method: 'POST', url: '/api/party-orgs', cookie: c.grid, body: body() })).status,
    ).toBe(403);
    expect(
      (await t.call({ method: 'POST', url: '/api/party-orgs', cookie: c.resident, body: body() })).status,
    ).toBe(403);
    const b = await t.call({ method: 'POST', url: '/api/party-orgs', cookie: c.staffB, body: body() });
    expect([b.status, b.body.error.code]).toEqual([404, 'not_found']);
    expect(await snapshot()).toEqual(before);
  });

  it('422 party_kind_nesting for every wrong level; the database is unchanged', async () => {
    const before = await snapshot();
    const wrong = [
      { parentId: committeeA.id, orgUnitId: compoundA.id, kind: 'group', name: '越级党小组' },
      { orgUnitId: compoundA.id, kind: 'branch', name: '无上级党支部' },
      { parentId: committeeA.id, orgUnitId: d.communityA.id, kind: 'community_committee', name: '第二党委' },
      { orgUnitId: compoundA.id, kind: 'community_committee', name: '小区党委' },
      { parentId: branchA.id, orgUnitId: compoundA.id, kind: 'branch', name: '支部下的支部' },
    ];
    for (const w of wrong) {
      const res = await t.call({ method: 'POST', url: '/api/party-orgs', cookie: c.staffA, body: w });
      expect([w.name, res.status, res.body.error.code]).toEqual([w.name, 422, 'party_kind_nesting']);
    }
    expect(await snapshot()).toEqual(before);
  });

  it('422 when the unit lies outside the parent, 409 for a second committee or a duplicate name', async () => {
    const outside = await t.call({
      method: 'POST',
      url: '/api/party-orgs',
      cookie: c.district,
      body: { parentId: committeeA.id, orgUnitId: compoundB.id, kind: 'branch', name: '翠湖小区第二党支部' },
    });
    expect([outside.status, outside.body.error.code]).toEqual([422, 'outside_parent_unit']);
    const second = await t.call({
      method: 'POST',
      url: '/api/party-orgs',
      cookie: c.staffA,
      body: { orgUnitId: d.communityA.id, kind: 'community_committee', name: '春熙社区党工委' },
    });
    expect([second.status, second.body.error.code]).toEqual([409, 'party_committee_exists']);
    const dup = await t.call({
      method: 'POST',
      url: '/api/party-orgs',
      cookie: c.staffA,
      body: { parentId: committeeA.id, orgUnitId: compoundA.id, kind: 'branch', name: '幸福家园小区党支部' },
    });
    expect([dup.status, dup.body.error.code]).toEqual([409, 'duplicate_name']);
    const bad = await t.call({
      method: 'POST',
      url: '/api/party-orgs',
      cookie: c.staffA,
      body: { kind: 'group' },
    });
    expect([bad.status, bad.body.error.code]).toEqual([422, 'validation_failed']);
  });

  it('creates a group under a branch and audits it', async () => {
    const res = await t.call({ method: 'POST', url: '/api/party-orgs', cookie: c.staffA, body: body() });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      kind: 'group',
      name: '幸福家园小区第二党小组',
      parentId: branchA.id,
      parent: { id: branchA.id },
      memberCount: 0,
      allowed: ['party:write'],
    });
    const [row] = await t.db.select().from(partyOrg).where(eq(partyOrg.id, res.body.id));
    expect(row.orgPath).toBe(compoundA.path);
    const events = await auditFor('org.party_org_created', res.body.id);
    expect(events).toHaveLength(1);
    expect(events[0].summary).toContain('幸福家园小区第二党小组');
  });

  it('creates a community committee at a community that has none', async () => {
    const [community] = await t.db
      .insert(orgUnit)
      .values(
        (() => {
          const id = crypto.randomUUID();
          return {
            id,
            districtId: d.communityA.districtId,
            parentId: d.communityA.parentId,
            kind: 'community',
            name: '新建社区',
            path: d.communityA.path.replace(`${d.communityA.id}/`, `${id}/`),
            depth: d.communityA.depth,
          };
        })(),
      )
      .returning();
    const res = await t.call({
      method: 'POST',
      url: '/api/party-orgs',
      cookie: c.district,
      body: { orgUnitId: community.id, kind: 'community_committee', name: '新建社区党委' },
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ parent: null, kind: 'community_committee', address: '新建社区' });
  });
});

describe('PATCH /api/party-orgs/:id', () => {
  it('401, 403, 404 out of scope; unchanged', async () => {
    const before = await snapshot();
    const url = `/api/party-orgs/${branchA.id}`;
    expect((await t.call({ method: 'PATCH', url, body: { name: 'x' } })).status).toBe(401);
    expect((await t.call({ method: 'PATCH', url, cookie: c.grid, body: { name: 'x' } })).status).toBe(403);
    expect((await t.call({ method: 'PATCH', url, cookie: c.staffB, body: { name: 'x' } })).status).toBe(404);
    expect(await snapshot()).toEqual(before);
  });

  it('a secretary must be a member; renames and appoints, audited', async () => {
    const outsider = await nonMemberIn(d.communityA.path);
    const url = `/api/party-orgs/${branchA.id}`;
    const refused = await t.call({
      method: 'PATCH',
      url,
      cookie: c.staffA,
      body: { secretaryPersonId: outsider.id },
    });
    expect([refused.status, refused.body.error.code]).toEqual([422, 'secretary_not_member']);

    const m = await nonMemberIn(compoundA.path);
    const joined = await t.call({
      method: 'PUT',
      url: `${url}/members/${m.id}`,
      cookie: c.staffA,
      body: { kind: 'party_member' },
    });
    expect(joined.status).toBe(200);
    const res = await t.call({
      method: 'PATCH',
      url,
      cookie: c.staffA,
      body: { name: '幸福家园小区第一党支部', secretaryPersonId: m.id },
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      name: '幸福家园小区第一党支部',
      secretary: { personId: m.id, name: m.name },
    });
    expect(await auditFor('org.party_org_updated', branchA.id)).toHaveLength(1);
  });
});

describe('PUT/DELETE /api/party-orgs/:id/members/:personId', () => {
  it('401, 403, 404 for an org or a person out of scope; unchanged', async () => {
    const before = await snapshot();
    const own = await nonMemberIn(d.communityA.path);
    const [bPerson] = await t.db
      .select()
      .from(person)
      .where(like(person.orgPath, `${d.communityB.path}%`))
      .limit(1);
    const url = `/api/party-orgs/${committeeA.id}/members/${own.id}`;
    const body = { kind: 'registered_member', workplace: '区教育局' };
    expect((await t.call({ method: 'PUT', url, body })).status).toBe(401);
    expect((await t.call({ method: 'PUT', url, cookie: c.grid, body })).status).toBe(403);
    expect((await t.call({ method: 'PUT', url, cookie: c.staffB, body })).status).toBe(404);
    const foreign = await t.call({
      method: 'PUT',
      url: `/api/party-orgs/${committeeA.id}/members/${bPerson.id}`,
      cookie: c.staffA,
      body,
    });
    expect([foreign.status, foreign.body.error.code]).toEqual([404, 'not_found']);
    expect((await t.call({ method: 'DELETE', url })).status).toBe(401);
    expect((await t.call({ method: 'DELETE', url, cookie: c.grid })).status).toBe(403);
    expect((await t.call({ method: 'DELETE', url, cookie: c.staffB })).status).toBe(404);
    expect(await snapshot()).toEqual(before);
  });

  it('422 workplace_required for a registered member without a workplace; unchanged', async () => {
    const before = await snapshot();
    const own = await nonMemberIn(d.communityA.path);
    const url = `/api/party-orgs/${committeeA.id}/members/${own.id}`;
    for (const body of [{ kind: 'registered_member' }, { kind: 'registered_member', workplace: '   ' }]) {
      const res = await t.call({ method: 'PUT', url, cookie: c.staffA, body });
      expect([res.status, res.body.error.code]).toEqual([422, 'workplace_required']);
    }
    expect((await t.call({ method: 'PUT', url, cookie: c.staffA, body: { kind: 'visitor' } })).status).toBe(
      422,
    );
    expect(await snapshot()).toEqual(before);
  });

  it('registers a serving member with a workplace, changes them, removes them; each audited', async () => {
    const own = await nonMemberIn(d.communityA.path);
    const url = `/api/party-orgs/${committeeA.id}/members/${own.id}`;
    const added = await t.call({
      method: 'PUT',
      url,
      cookie: c.staffA,
      body: { kind: 'registered_member', workplace: '区教育局', joinedOn: '2026-03-01' },
    });
    expect(added.status).toBe(200);
    expect(added.body.members).toContainEqual({
      personId: own.id,
      name: own.name,
      phone: own.phone,
      kind: 'registered_member',
      workplace: '区教育局',
      joinedOn: '2026-03-01',
    });
    expect(await auditFor('org.party_member_added', committeeA.id)).toHaveLength(1);

    const changed = await t.call({
      method: 'PUT',
      url,
      cookie: c.staffA,
      body: { kind: 'party_member', workplace: 'x' },
    });
    expect(changed.body.members.find((m: { personId: string }) => m.personId === own.id)).toMatchObject({
      kind: 'party_member',
      workplace: null,
    });
    expect(await auditFor('org.party_member_updated', committeeA.id)).toHaveLength(1);

    // Their organisational relationship is now here; a second organisation cannot claim it.
    const elsewhere = await t.call({
      method: 'PUT',
      url: `/api/party-orgs/${branchA.id}/members/${own.id}`,
      cookie: c.staffA,
      body: { kind: 'party_member' },
    });
    expect([elsewhere.status, elsewhere.body.error.code]).toEqual([409, 'party_member_elsewhere']);

    const removed = await t.call({ method: 'DELETE', url, cookie: c.staffA });
    expect(removed.status).toBe(200);
    expect(removed.body.members.some((m: { personId: string }) => m.personId === own.id)).toBe(false);
    expect(await auditFor('org.party_member_removed', committeeA.id)).toHaveLength(1);
    expect((await t.call({ method: 'DELETE', url, cookie: c.staffA })).status).toBe(404);
  });

  it('removing the secretary also vacates the post', async () => {
    const own = await nonMemberIn(compoundA.path);
    const [group] = await t.db.select().from(partyOrg).where(eq(partyOrg.parentId, branchA.id)).limit(1);
    const url = `/api/party-orgs/${group.id}`;
    await t.call({
      method: 'PUT',
      url: `${url}/members/${own.id}`,
      cookie: c.staffA,
      body: { kind: 'party_member' },
    });
    const appointed = await t.call({
      method: 'PATCH',
      url,
      cookie: c.staffA,
      body: { secretaryPersonId: own.id },
    });
    expect(appointed.body.secretary).toEqual({ personId: own.id, name: own.name });
    const res = await t.call({ method: 'DELETE', url: `${url}/members/${own.id}`, cookie: c.staffA });
    expect(res.body.secretary).toBeNull();
  });
});
