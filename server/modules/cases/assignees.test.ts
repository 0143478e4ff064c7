import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoLandmarks } from '../../../test/demo-ids.ts';
import { type TestApp, testApp } from '../../../test/harness.ts';
import { execRows } from '../../db/client.ts';

let t: TestApp;
let d: Awaited<ReturnType<typeof demoLandmarks>>;
const cookies: Record<string, string> = {};
/** People of the demo district by their place in the party tree. */
async function someone(where: ReturnType<typeof sql>) {
  const [p] = await execRows<{ id: string; name: string }>(
    t.db,
    sql`select p.id, p.name from person p where ${where} order by p.id limit 1`,
  );
  if (!p) throw new Error('no such person in the demo district');
  return p;
}
const member = (kind: string, path: string) =>
  someone(sql`exists (select 1 from party_membership m join party_org o on o.id = m.party_org_id
    where m.person_id = p.id and m.kind = ${kind} and o.org_path like ${`${path}%`})`);

beforeAll(async () => {
  t = await testApp();
  d = await demoLandmarks(t.db);
  for (const [k, phone] of Object.entries({
    staffA: '13900000003',
    staffB: '13900000004',
    grid: '13900000005',
  }))
    cookies[k] = await t.login(phone);
});
afterAll(() => t.close());

async function queuedCase(): Promise<string> {
  const r = await t.call({
    method: 'POST',
    url: '/api/cases',
    cookie: cookies.grid,
    body: {
      kind: 'hazard',
      categoryCode: 'broken_bin',
      description: '垃圾桶破损待派单',
      orgUnitId: d.siblingBuildingUnit.id,
    },
  });
  expect(r.status).toBe(200);
  const id = r.body.id as string;
  const mv = async (cookie: string, body: Record<string, unknown>) => {
    const res = await t.call({ method: 'POST', url: `/api/cases/${id}/transitions`, cookie, body });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
  };
  await mv(cookies.grid, { action: 'check_valid' });
  await mv(cookies.staffA, { action: 'classify', level: 'community' });
  return id;
}
const dispatch = (id: string, cookie: string | undefined, ref: string) =>
  t.call({
    method: 'POST',
    url: `/api/cases/${id}/transitions`,
    cookie,
    body: { action: 'dispatch', assignee: { type: 'party_member', ref } },
  });
const stateOf = async (id: string) =>
  (await t.call({ url: `/api/cases/${id}`, cookie: cookies.staffA })).body as {
    state: string;
    assigneeName: string | null;
  };

describe('党员接单: only members of the case community party tree take a party member order', () => {
  it('401, 403 and 404 before anything else', async () => {
    const id = await queuedCase();
    const m = await member('party_member', d.communityA.path);
    expect((await dispatch(id, undefined, m.id)).status).toBe(401);
    const g = await dispatch(id, cookies.grid, m.id);
    expect([g.status, g.body.error.code]).toEqual([403, 'forbidden']);
    const b = await dispatch(id, cookies.staffB, m.id);
    expect([b.status, b.body.error.code]).toEqual([404, 'not_found']);
    expect((await stateOf(id)).state).toBe('queued');
  });

  it('a resident who is no party member → 422 case_assignee_not_member, the case unchanged', async () => {
    const id = await queuedCase();
    const outsider = await someone(sql`p.org_path like ${`${d.communityA.path}%`}
      and not exists (select 1 from party_membership m where m.person_id = p.id)`);
    const r = await dispatch(id, cookies.staffA, outsider.id);
    expect([r.status, r.body.error.code]).toEqual([422, 'case_assignee_not_member']);
    expect(r.body.error.message).toMatch(/党员/);
    const en = await t.app.inject({
      method: 'POST',
      url: `/api/cases/${id}/transitions`,
      headers: { cookie: cookies.staffA, 'accept-language': 'en-US' },
      payload: { action: 'dispatch', assignee: { type: 'party_member', ref: outsider.id } },
    });
    expect(en.json().error.message).toMatch(/party member/);
    // A party member of another community is no member here either.
    const elsewhere = await member('party_member', d.communityB.path);
    const e = await dispatch(id, cookies.staffA, elsewhere.id);
    expect([e.status, e.body.error.code]).toEqual([422, 'case_assignee_not_member']);
    expect(await stateOf(id)).toMatchObject({ state: 'queued', assigneeName: null });
  });

  it('a party member of the community, and a member registered from a workplace (在职党员报到), take it', async () => {
    const m = await member('party_member', d.communityA.path);
    const id = await queuedCase();
    const r = await dispatch(id, cookies.staffA, m.id);
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect([r.body.state, r.body.assigneeName]).toEqual(['dispatched', m.name]);

    const registered = await member('registered_member', d.communityA.path);
    const id2 = await queuedCase();
    const r2 = await dispatch(id2, cookies.staffA, registered.id);
    expect(r2.status, JSON.stringify(r2.body)).toBe(200);
    expect([r2.body.state, r2.body.assigneeName]).toEqual(['dispatched', registered.name]);
  });
});
